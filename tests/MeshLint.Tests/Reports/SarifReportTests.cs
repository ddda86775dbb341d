using MeshLint.Engine;
using MeshLint.Reports;
using MeshLint.Rules;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

public sealed class SarifReportTests
{
    private static string Sarif(LintResult result)
    {
        var writer = new StringWriter();
        new SarifReport(RuleCatalog.BuiltIn, "1.2.3").Write(result, writer);
        return writer.ToString();
    }

    private static LintResult ExamplesResult()
    {
        var examples = Path.Combine(FixturePaths.RepositoryRoot, "examples");
        var (files, _) = MeshLint.Input.FileDiscovery.Expand([examples], FixturePaths.RepositoryRoot);
        return new Linter().Run(files);
    }

    [Fact]
    public async Task Examples_report_validates_against_the_official_SARIF_2_1_0_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json"));
        var result = ExamplesResult();
        result.Findings.Select(f => f.RuleId).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);

        var errors = schema.Validate(Sarif(result));

        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Results_carry_rule_index_relative_location_region_and_fingerprint()
    {
        var result = ExamplesResult();
        var log = JObject.Parse(Sarif(result));
        var run = (JObject)log["runs"]![0]!;
        var rules = (JArray)run["tool"]!["driver"]!["rules"]!;
        rules.Count.ShouldBe(RuleCatalog.BuiltIn.Rules.Count);
        rules.ShouldAllBe(rule => rule["help"]!["markdown"]!.ToString().Contains("## What it does"));

        var results = (JArray)run["results"]!;
        results.Count.ShouldBe(result.Findings.Count);
        foreach (var item in results)
        {
            var ruleId = item["ruleId"]!.ToString();
            rules[(int)item["ruleIndex"]!]!["id"]!.ToString().ShouldBe(ruleId);
            var location = item["locations"]![0]!["physicalLocation"]!;
            location["artifactLocation"]!["uriBaseId"]!.ToString().ShouldBe("%SRCROOT%");
            location["artifactLocation"]!["uri"]!.ToString().ShouldStartWith("examples/");
            ((int)location["region"]!["startLine"]!).ShouldBeGreaterThan(0);
            ((int)location["region"]!["startColumn"]!).ShouldBeGreaterThan(0);
            item["partialFingerprints"]![SarifReport.FingerprintKey]!.ToString().Length.ShouldBe(32);
        }
    }

    [Fact]
    public void Mesh001_and_Mesh002_results_carry_the_namespace_and_control_plane_that_decided_them()
    {
        var log = JObject.Parse(Sarif(ExamplesResult()));
        var results = ((JArray)log["runs"]![0]!["results"]!).Cast<JObject>().ToList();
        var vault = results.First(item => item["ruleId"]!.ToString() == "MESH002" && item["message"]!["text"]!.ToString().Contains("Deployment/orders", StringComparison.Ordinal));

        var related = ((JArray)vault["relatedLocations"]!).Select(location => (
            Uri: location["physicalLocation"]!["artifactLocation"]!["uri"]!.ToString(),
            Line: (int)location["physicalLocation"]!["region"]!["startLine"]!,
            Text: location["message"]!["text"]!.ToString())).ToList();

        related.ShouldContain(("examples/platform/namespaces.yaml", 4, "Namespace shop, whose labels decide injection"));
        related.ShouldContain(("examples/platform/istio-operator.yaml", 5, "IstioOperator/control-plane leaves the outbound exclusion unset"));
        related.ShouldContain(location => location.Uri == "examples/platform/istio-operator.yaml" && location.Line == 12 && location.Text.Contains("cni.enabled: true", StringComparison.Ordinal));
        results.Where(item => item["ruleId"]!.ToString() is not ("MESH001" or "MESH002")).ShouldAllBe(item => item["relatedLocations"] == null);
    }
}
