using MeshLint.Engine;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

public sealed class FingerprintTests
{
    private const string Workload = Manifests.VaultDeployment;

    [Fact]
    public void Fingerprints_survive_lines_inserted_above_and_documents_reordered()
    {
        var before = new Linter().RunText("app.yaml", Workload).Findings;
        var after = new Linter().RunText("app.yaml", "# a comment\n# another\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n" + Workload).Findings;

        before.Count.ShouldBe(2);
        after.Select(f => f.Start.Line).ShouldNotBe(before.Select(f => f.Start.Line));
        after.Select(f => f.Fingerprint).Order().ShouldBe(before.Select(f => f.Fingerprint).Order());
    }

    [Fact]
    public void Fingerprints_differ_by_rule_object_and_file()
    {
        var one = new Linter().RunText("a.yaml", Workload).Findings;
        var other = new Linter().RunText("b.yaml", Workload).Findings;
        var renamed = new Linter().RunText("a.yaml", Workload.Replace("payments", "billing", StringComparison.Ordinal)).Findings;
        one.Select(f => f.Fingerprint).Distinct().Count().ShouldBe(one.Count);
        one.Select(f => f.Fingerprint).Intersect(other.Select(f => f.Fingerprint)).ShouldBeEmpty();
        one.Select(f => f.Fingerprint).Intersect(renamed.Select(f => f.Fingerprint)).ShouldBeEmpty();
    }
}
