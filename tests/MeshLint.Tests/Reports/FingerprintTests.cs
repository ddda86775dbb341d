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

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n")]
    public void A_syntax_error_keeps_its_fingerprint_when_lines_are_added_above(string broken)
    {
        var before = new Linter().RunText("app.yaml", broken).Findings.ShouldHaveSingleItem();
        var after = new Linter().RunText("app.yaml", "# owned by the platform team\n# reviewed\n\n" + broken).Findings.ShouldHaveSingleItem();

        before.RuleId.ShouldBe("MESH000");
        after.Start.Line.ShouldBe(before.Start.Line + 3);
        after.Fingerprint.ShouldBe(before.Fingerprint);
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
