using MeshLint.Baselines;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class BaselineTests
{
    [Fact]
    public void A_baseline_survives_inserted_lines_and_reordered_documents_and_reports_only_new_findings()
    {
        using var repo = new TempRepository().Write("apps/web.yaml", Manifests.VaultWorkload + "---\n" + Manifests.VaultWorkload.Replace("name: web", "name: api", StringComparison.Ordinal));

        var write = repo.Run("--write-baseline", "meshlint-baseline.json", ".");
        write.ExitCode.ShouldBe(0);
        write.Stderr.ShouldContain("recorded 4 findings");
        JObject.Parse(repo.Read("meshlint-baseline.json"))["findings"]!.Count().ShouldBe(4);

        // Comments above, the documents swapped, and a new workload.
        var api = Manifests.VaultWorkload.Replace("name: web", "name: api", StringComparison.Ordinal);
        var fresh = Manifests.VaultWorkload.Replace("name: web", "name: cart", StringComparison.Ordinal).Replace("vault.hashicorp.com/agent-inject: \"true\"", "app: cart", StringComparison.Ordinal);
        repo.Write("apps/web.yaml", "# owned by the web team\n# reviewed\n" + api + "---\n" + Manifests.VaultWorkload + "---\n" + fresh);

        var run = repo.Run("--baseline", "meshlint-baseline.json", ".");

        run.Findings.ShouldBe(["apps/web.yaml:42:5: warning MESH001"]);
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("4 in the baseline");
    }

    [Fact]
    public void Fixed_baseline_findings_are_counted_and_sarif_marks_new_and_unchanged()
    {
        using var repo = new TempRepository().Write("web.yaml", Manifests.VaultWorkload);
        repo.Run("--write-baseline", "base.json", ".").ExitCode.ShouldBe(0);

        // The hold is added (MESH001 fixed); MESH002 stays.
        repo.Write("web.yaml", Manifests.VaultWorkload.Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'", StringComparison.Ordinal));
        var text = repo.Run("--baseline", "base.json", "--output-format", "concise", ".");
        text.Findings.ShouldBeEmpty();
        text.Stdout.ShouldContain("1 in the baseline, 1 baseline finding no longer found");

        repo.Write("other.yaml", Manifests.VaultWorkload.Replace("name: web", "name: other", StringComparison.Ordinal));
        var sarif = repo.Run("--baseline", "base.json", "--format", "sarif", ".");
        sarif.ExitCode.ShouldBe(1);
        var states = ((JArray)JObject.Parse(sarif.Stdout)["runs"]![0]!["results"]!)
            .Select(result => $"{result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]} {result["ruleId"]} {result["baselineState"]}")
            .Order(StringComparer.Ordinal);
        states.ShouldBe(["other.yaml MESH001 new", "other.yaml MESH002 new", "web.yaml MESH002 unchanged"]);
    }

    [Theory]
    [InlineData("{", "base.json:")]
    [InlineData("[]", "base.json: not a MeshLint baseline")]
    [InlineData("{\"version\": 1, \"findings\": [{}]}", "needs a \"fingerprint\"")]
    public void A_bad_baseline_is_an_input_error(string content, string expected)
    {
        using var repo = new TempRepository().Write("web.yaml", Manifests.VaultWorkload).Write("base.json", content);

        var run = repo.Run("--baseline", "base.json", ".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(expected);
    }

    [Theory]
    [InlineData("{\"version\": 1.5, \"findings\": []}", "\"version\" must be 1")]
    [InlineData("{\"version\": 1e400, \"findings\": []}", "\"version\" must be 1")]
    [InlineData("{\"version\": 99999999999999999999, \"findings\": []}", "\"version\" must be 1")]
    [InlineData("{\"version\": -1, \"findings\": []}", "\"version\" must be 1")]
    [InlineData("{\"version\": \"1\", \"findings\": []}", "\"version\" must be 1")]
    [InlineData("{\"findings\": []}", "no \"version\"")]
    [InlineData("{\"version\": 1}", "no \"findings\" array")]
    [InlineData("{\"version\": 1, \"findings\": {}}", "no \"findings\" array")]
    [InlineData("{\"version\": 1, \"findings\": [\"abc\"]}", "needs a \"fingerprint\"")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": 7}]}", "needs a \"fingerprint\"")]
    [InlineData("\"baseline\"", "not a JSON object")]
    [InlineData("null", "not a JSON object")]
    [InlineData("", "not valid JSON")]
    public void A_malformed_baseline_is_a_problem_naming_the_file_never_an_exception(string content, string reason)
    {
        var (baseline, problem) = Baseline.Read("base.json", content);

        baseline.ShouldBeNull();
        problem.ShouldNotBeNull();
        problem.ShouldStartWith("base.json");
        problem.ShouldContain(reason);
    }

    [Fact]
    public void A_baseline_with_a_fractional_version_is_an_input_error_not_a_crash()
    {
        using var repo = new TempRepository().Write("web.yaml", Manifests.VaultWorkload).Write("base.json", "{\"version\": 1.5, \"findings\": []}");

        var run = repo.Run("--baseline", "base.json", ".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("base.json");
        run.Stderr.ShouldContain("\"version\" must be 1");
    }
}
