using System.Text.Json;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// Microsoft's SARIF validator (the multitool from npm) with GitHub's ingestion rules (GHxxxx)
/// as well as the SARIF ones. It exits 0 whatever it finds, so its own SARIF log is read.
/// </summary>
[Integration]
public sealed class SarifValidatorTests
{
    [SkippableFact]
    public void MeshLint_sarif_passes_the_validator_with_GitHub_ingestion_rules()
    {
        var multitool = Tools.RequireInstalled(Tools.SarifMultitool, "@microsoft/sarif-multitool");
        using var work = TempRepository.Folder();
        var sarif = work.PathOf("meshlint.sarif");
        var scan = CliRun.In(FixturePaths.RepositoryRoot, "--report", $"sarif={sarif}", "examples");
        scan.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, scan.ToString());

        var problems = Validate(multitool, sarif, work.Root);

        problems.ShouldBeEmpty();
    }

    /// <summary>Proves the GitHub rules run at all: a rule without help is what GitHub refuses (GH2012).</summary>
    [SkippableFact]
    public void The_validator_reports_what_GitHub_would_refuse()
    {
        var multitool = Tools.RequireInstalled(Tools.SarifMultitool, "@microsoft/sarif-multitool");
        using var work = TempRepository.Folder();
        var sarif = work.PathOf("meshlint.sarif");
        CliRun.In(FixturePaths.RepositoryRoot, "--report", $"sarif={sarif}", "examples").ExitCode.ShouldBe(ExitCodesUnderTest.Findings);
        var text = File.ReadAllText(sarif);
        var start = text.IndexOf("\"help\": {", StringComparison.Ordinal);
        var end = text.IndexOf('}', start);
        File.WriteAllText(sarif, text[..start] + "\"x-no-help\": {" + text[(start + "\"help\": {".Length)..end] + text[end..]);

        var problems = Validate(multitool, sarif, work.Root);

        problems.ShouldContain(problem => problem.StartsWith("GH2012", StringComparison.Ordinal));
    }

    /// <summary>The validator's error and warning results, as "RULE: message arguments".</summary>
    private static List<string> Validate(string multitool, string sarif, string workDirectory)
    {
        var log = Path.Combine(workDirectory, "validation.sarif");
        var run = ToolProcess.Run(multitool, ["validate", sarif, "--rule-kind", "Gh;Sarif", "--output", log, "--log", "ForceOverwrite"], workDirectory, timeout: TimeSpan.FromMinutes(3));
        File.Exists(log).ShouldBeTrue($"the validator wrote no log: {run}");
        using var json = JsonDocument.Parse(File.ReadAllText(log));
        var validation = json.RootElement.GetProperty("runs")[0];
        validation.TryGetProperty("invocations", out var invocations).ShouldBeTrue();
        invocations[0].GetProperty("executionSuccessful").GetBoolean().ShouldBeTrue(run.ToString());
        return validation.TryGetProperty("results", out var results)
            ? results.EnumerateArray()
                .Where(result => !result.TryGetProperty("level", out var level) || level.GetString() is "error" or "warning")
                .Select(result => $"{result.GetProperty("ruleId").GetString()}: {result.GetProperty("message")}")
                .ToList()
            : [];
    }
}
