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

            // message.text is the whole message, its first sentence the summary; the two parts travel as properties.
            var summary = item["properties"]![SarifReport.SummaryProperty]!.ToString();
            var details = item["properties"]![SarifReport.DetailsProperty]!.ToString();
            summary.ShouldNotBeEmpty();
            item["message"]!["text"]!.ToString().ShouldBe(details.Length == 0 ? summary : $"{summary}. {details}");
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
        related.ShouldContain(("examples/platform/istio-operator.yaml", 7, "IstioOperator/control-plane leaves the outbound exclusion unset"));
        related.ShouldContain(location => location.Uri == "examples/platform/istio-operator.yaml" && location.Line == 15 && location.Text.Contains("cni.enabled: true", StringComparison.Ordinal));
        results.Where(item => item["ruleId"]!.ToString() is not ("MESH001" or "MESH002")).ShouldAllBe(item => item["relatedLocations"] == null);
    }

    [Fact]
    public async Task Fixes_are_artifact_changes_that_rebuild_what_meshlint_fix_writes()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    enabled: true\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n";
        var result = new Linter(new LintOptions { Mesh = MeshLint.Mesh.MeshAssumptions.Default with { AssumeInjection = true } }).RunText("app.yaml", yaml);
        result.Findings.Count(finding => finding.Fix is not null).ShouldBe(2);
        var text = Sarif(result);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json"));
        schema.Validate(text).ShouldBeEmpty();

        // Apply every replacement, last first, by line and column: the result is the fixed file.
        var lines = yaml.Split('\n').ToList();
        var replacements = JObject.Parse(text)["runs"]![0]!["results"]!
            .SelectMany(item => item["fixes"]!.Single()["artifactChanges"]!.Single()["replacements"]!)
            .Select(replacement => (Region: replacement["deletedRegion"]!, Text: replacement["insertedContent"]!["text"]!.ToString()))
            .OrderByDescending(r => (int)r.Region["startLine"]!).ThenByDescending(r => (int)r.Region["startColumn"]!);
        var content = yaml;
        foreach (var (region, inserted) in replacements)
        {
            int Offset(string line, string column) => lines.Take((int)region[line]! - 1).Sum(l => l.Length + 1) + (int)region[column]! - 1;
            content = content[..Offset("startLine", "startColumn")] + inserted + content[Offset("endLine", "endColumn")..];
        }

        content.ShouldBe(yaml.Replace("enabled: true", "enabled: \"true\"", StringComparison.Ordinal)
            .Replace("        app: web\n", "        app: web\n      annotations:\n        proxy.istio.io/config: '{\"holdApplicationUntilProxyStarts\": true}'\n", StringComparison.Ordinal));
        JObject.Parse(text)["runs"]![0]!["results"]!.ShouldAllBe(item => item["fixes"]![0]!["properties"]!["safety"]!.ToString() == "safe");
    }
}
