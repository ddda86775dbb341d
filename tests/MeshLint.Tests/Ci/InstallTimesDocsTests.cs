using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The pre-commit hooks' install and run times are measured by <c>bench/install-times</c> and
/// quoted twice, in the README's table of ways to install and in docs/usage-ci.md's table of hooks;
/// the two must quote the same measurement.
/// </summary>
public sealed partial class InstallTimesDocsTests
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?) s\b")]
    private static partial Regex Seconds();

    /// <summary>The seconds of each cell of the table row that starts with <paramref name="start"/>: (first run, later runs).</summary>
    private static (string First, string Later) Times(string file, string start)
    {
        var row = File.ReadAllLines(Path.Combine(FixturePaths.RepositoryRoot, file)).SingleOrDefault(line => line.StartsWith(start, StringComparison.Ordinal));
        row.ShouldNotBeNull($"{file} has no row starting {start}");
        var cells = row.Split('|', StringSplitOptions.TrimEntries).Where(cell => cell.Length > 0).ToList();
        var times = cells.Select(cell => Seconds().Match(cell)).Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();
        times.Count.ShouldBeGreaterThanOrEqualTo(2, row);
        return (times[0], times[1]);
    }

    [Theory]
    [InlineData("| pre-commit `meshlint-bin` |", "| `meshlint-bin` |")]
    [InlineData("| pre-commit `meshlint` (builds from source) |", "| `meshlint` |")]
    public void The_readme_and_the_ci_page_quote_the_same_measured_hook_times(string readmeRow, string usageRow)
    {
        var readme = Times("README.md", readmeRow);
        var usage = Times(Path.Combine("docs", "usage-ci.md"), usageRow);

        usage.ShouldBe(readme);
        File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "docs", "usage-ci.md")).ReplaceLineEndings("\n").ShouldContain("measured by\n`bench/install-times`", Case.Sensitive, "the times name the benchmark that measured them");
    }
}
