using System.Text;
using MeshLint.Findings;

namespace MeshLint.Rules;

/// <summary>
/// The Markdown table of rules that README.md and rules/docs/README.md show, made from the data in
/// <c>rules/</c> so that neither can drift from it.
/// </summary>
public static class RuleTable
{
    public const string Header = "| id | name | level | finds |";

    /// <summary>The table, one row a rule in id order; <paramref name="link"/> gives each id's link, or null for none.</summary>
    public static string Markdown(IEnumerable<RuleDescriptor> rules, Func<RuleDescriptor, string?> link)
    {
        var table = new StringBuilder();
        table.Append(Header).Append('\n');
        table.Append("|---|---|---|---|\n");
        foreach (var rule in rules.OrderBy(rule => rule.Id, StringComparer.Ordinal))
        {
            var id = link(rule) is { } target ? $"[{rule.Id}]({target})" : rule.Id;
            var levels = string.Join(" / ", rule.LowerLevels.Prepend(rule.DefaultLevel).Select(level => level.Name()));
            table.Append($"| {id} | {rule.Name} | {levels} | {Cell(rule.Finds)} |\n");
        }

        return table.ToString();
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}
