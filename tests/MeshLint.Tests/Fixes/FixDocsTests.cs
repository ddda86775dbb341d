using MeshLint.Fixes;
using MeshLint.Input;
using MeshLint.Engine;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Fixes;

/// <summary>
/// Every rule page says under "How to fix" whether <c>meshlint fix</c> fixes it ("Fix: safe…",
/// "Fix: unsafe…", or "No automatic fix…"), and what it says matches the fixes the rule offers.
/// </summary>
public sealed class FixDocsTests
{
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.BuiltIn.Rules)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    private static string? FixLine(string id)
    {
        var lines = File.ReadAllLines(Path.Combine(FixturePaths.RepositoryRoot, "rules", "docs", id + ".md"));
        var section = lines.SkipWhile(line => line != "## How to fix").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
        return section.FirstOrDefault(line => line.StartsWith("Fix: ", StringComparison.Ordinal) || line.StartsWith("No automatic fix", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_page_says_whether_it_has_an_automatic_fix_and_explain_shows_it(string id)
    {
        var line = FixLine(id);
        line.ShouldNotBeNull($"rules/docs/{id}.md: 'How to fix' needs a line 'Fix: safe/unsafe, what it does' or 'No automatic fix: why'");
        var offered = Offered().GetValueOrDefault(id) ?? [];
        if (line.StartsWith("No automatic fix", StringComparison.Ordinal))
        {
            offered.ShouldBeEmpty($"{id} offers fixes, but its page says it has none");
        }
        else
        {
            offered.ShouldNotBeEmpty($"{id}'s page describes a fix that no fixture shows");
            foreach (var safety in offered)
            {
                line.ShouldContain(safety == FixSafety.Safe ? "safe" : "unsafe", Case.Sensitive, $"{id} offers {safety} fixes");
            }
        }

        CliRun.In(FixturePaths.RepositoryRoot, "explain", id).Stdout.ShouldContain(line);
    }

    [Fact]
    public void The_fix_page_quotes_what_a_scan_of_the_examples_prints()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "--no-color", "examples");
        var page = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "docs", "fix.md")).ReplaceLineEndings("\n");
        var quoted = page[(page.IndexOf("```\n$ meshlint examples\n", StringComparison.Ordinal) + 4)..];
        quoted = quoted[..quoted.IndexOf("```", StringComparison.Ordinal)];

        // The page quotes the report as it prints at 80 columns: a finding with its details, elided with "…",
        // then the count. Each quoted part is in the output, and the output ends with the count.
        var output = run.Stdout.ReplaceLineEndings("\n").TrimEnd();
        var parts = quoted.Split("…\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(part => part.TrimEnd('\n')).ToList();
        parts.Count.ShouldBe(2, "docs/fix.md quotes a finding and the count");
        output.ShouldContain(parts[0], Case.Sensitive, "docs/fix.md's finding is out of date");
        output.ShouldEndWith(parts[1], Case.Sensitive, "docs/fix.md's summary of meshlint examples is out of date");
    }

    /// <summary>The kinds of fix each rule attaches, over every rule and fix fixture.</summary>
    private static Dictionary<string, HashSet<FixSafety>> Offered()
    {
        var fixtures = Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures");
        var offered = new Dictionary<string, HashSet<FixSafety>>(StringComparer.Ordinal);
        foreach (var folder in new[] { "rules", "fixes" })
        {
            // One scan a file: a mesh-wide setting in one fixture must not hide the findings of the others.
            var (files, _) = FileDiscovery.Expand([Path.Combine(fixtures, folder)], fixtures);
            foreach (var finding in files.SelectMany(file => new Linter().Run([file]).Findings).Where(finding => finding.Fix is not null))
            {
                (offered.TryGetValue(finding.RuleId, out var kinds) ? kinds : offered[finding.RuleId] = []).Add(finding.Fix!.Safety);
            }
        }

        return offered;
    }
}
