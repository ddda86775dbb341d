using System.Globalization;
using System.Text.RegularExpressions;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary><c>MESHLINT_TIMING=1</c>: where the time went, on stderr, without touching the findings.</summary>
public sealed partial class TimingTests
{
    [GeneratedRegex(@"^  (\S.*?)\s{2,}([0-9]+(?:\.[0-9]+)?) ms\s+([0-9]+(?:\.[0-9]+)?)%$")]
    private static partial Regex Row();

    [Fact]
    public void The_timing_table_names_every_part_and_rule_and_leaves_the_report_as_it_was()
    {
        using var repo = TempRepository.Folder().WriteShop();
        var plain = CliRun.In(repo.Root, "--no-color", ".");
        var timed = CliRun.WithEnvironment(repo.Root, new Dictionary<string, string> { ["MESHLINT_TIMING"] = "1" }, "--no-color", ".");

        timed.ExitCode.ShouldBe(plain.ExitCode);
        timed.Stdout.ShouldBe(plain.Stdout);
        plain.Stderr.ShouldNotContain("Timing");
        var lines = timed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Array.IndexOf(lines, "Timing (milliseconds of thread time, summed over threads):");
        header.ShouldBeGreaterThanOrEqualTo(0, timed.Stderr);
        var rows = lines[(header + 1)..].Select(line => Row().Match(line)).ToList();
        rows.ShouldAllBe(row => row.Success, timed.Stderr);
        var parts = rows.ToDictionary(row => row.Groups[1].Value, row => double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture));
        parts.Keys.ShouldContain("parse YAML");
        parts.Keys.ShouldContain("write reports");
        parts.Keys.Last().ShouldBe("total");
        foreach (var rule in RuleCatalog.BuiltIn.Rules.Where(rule => rule.Id is not ("MESH000" or "MESH008")))
        {
            parts.Keys.ShouldContain($"rule {rule.Id} {rule.Name}");
        }

        parts["total"].ShouldBeGreaterThanOrEqualTo(parts.Where(part => part.Key != "total").Sum(part => part.Value) - 0.5);
    }
}
