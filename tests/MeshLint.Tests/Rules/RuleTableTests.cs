using MeshLint.Cli;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>The rule tables of the READMEs are what <see cref="RuleTable"/> makes of rules/.</summary>
public sealed class RuleTableTests
{
    public static TheoryData<string, string, string> Tables() => new()
    {
        // file, the heading the table follows, the link prefix from that file to rules/docs
        { "README.md", "## Rules", "rules/docs/" },
        { "rules/docs/README.md", "# MeshLint rules", "" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_readme_table_is_generated_from_the_rule_data(string file, string heading, string linkPrefix)
    {
        var path = Path.Combine(FixturePaths.RepositoryRoot, file);
        var lines = File.ReadAllLines(path).ToList();
        var (start, count) = TableAfter(lines, heading);
        start.ShouldBeGreaterThanOrEqualTo(0, $"{file} has a table after '{heading}'");
        var expected = RuleTable.Markdown(RuleCatalog.BuiltIn.Rules, rule => $"{linkPrefix}{rule.Id}.md");

        var actual = string.Join("\n", lines.GetRange(start, count)) + "\n";
        if (actual != expected && Snapshots.Updating)
        {
            lines.RemoveRange(start, count);
            lines.InsertRange(start, expected.TrimEnd('\n').Split('\n'));
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return;
        }

        actual.ShouldBe(expected, $"the rule table in {file} is generated from rules/*.yaml; regenerate it with: {Snapshots.UpdateCommand}");
    }

    [Fact]
    public void The_table_lists_every_level_a_rule_reports_at()
    {
        var table = RuleTable.Markdown(RuleCatalog.BuiltIn.Rules, _ => null);

        table.ShouldStartWith(RuleTable.Header + "\n|---|---|---|---|\n| MESH000 | yaml-syntax-error | error | ");
        table.ShouldContain("| MESH004 | proxy-config-invalid | error / warning | ");
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(RuleCatalog.BuiltIn.Rules.Count + 2);
    }

    [Fact]
    public void The_command_writes_the_table_with_the_published_links()
    {
        var output = new StringWriter();

        RulesCommand.WriteMarkdown(RuleCatalog.BuiltIn, output);

        output.ToString().ShouldContain("| [MESH002](https://github.com/meshlint/meshlint/blob/main/rules/docs/MESH002.md) | vault-agent-without-outbound-exclusion | error | ");
    }

    [Fact]
    public void A_pipe_in_the_data_does_not_break_the_row()
    {
        var table = RuleTable.Markdown([RuleCatalog.BuiltIn["MESH006"] with { Finds = "a | b" }], _ => null);

        table.ShouldEndWith("| outbound-ip-ranges-invalid | error | a \\| b |\n");
    }

    /// <summary>The first block of table lines after <paramref name="heading"/>, or (-1, 0).</summary>
    private static (int Start, int Count) TableAfter(List<string> lines, string heading)
    {
        var at = lines.IndexOf(heading);
        if (at < 0)
        {
            return (-1, 0);
        }

        var start = lines.FindIndex(at + 1, line => line.StartsWith('|'));
        if (start < 0)
        {
            return (-1, 0);
        }

        var end = start;
        while (end < lines.Count && lines[end].StartsWith('|'))
        {
            end++;
        }

        return (start, end - start);
    }
}
