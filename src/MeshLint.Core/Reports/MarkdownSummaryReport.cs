using System.Text;
using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>
/// A Markdown summary for a GitHub job's summary page: counts by rule and level, then a table of
/// findings with their summaries, where the findings GitHub's limit of annotations leaves out can be
/// read. GitHub refuses a step summary over 1 MiB, so the table stops well before that and says how
/// many rows it left out.
/// </summary>
/// <param name="workspacePath">Turns a finding's path into the path GitHub knows it by (relative to the workspace).</param>
public sealed class MarkdownSummaryReport(Func<string, string> workspacePath, int maxBytes = MarkdownSummaryReport.DefaultMaxBytes) : IReport
{
    public const int DefaultMaxBytes = 128 * 1024;

    public void Write(LintResult result, TextWriter writer) => writer.Write(Render(result));

    public string Render(LintResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("## MeshLint").AppendLine();
        text.AppendLine(TextReport.Summary(result)).AppendLine();
        if (result.Findings.Count == 0)
        {
            return text.ToString();
        }

        text.AppendLine("| Rule | Name | Errors | Warnings | Notes |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var rule in result.Findings.GroupBy(finding => (finding.RuleId, finding.RuleName)).OrderBy(group => group.Key.RuleId, StringComparer.Ordinal))
        {
            text.AppendLine($"| {rule.Key.RuleId} | {UntrustedText.MarkdownTableCell(rule.Key.RuleName)} | {rule.Count(f => f.Level == Level.Error)} | {rule.Count(f => f.Level == Level.Warning)} | {rule.Count(f => f.Level == Level.Note)} |");
        }

        var table = new StringBuilder();
        table.AppendLine("| Level | Location | Rule | Finding |");
        table.AppendLine("| --- | --- | --- | --- |");
        var budget = maxBytes - Encoding.UTF8.GetByteCount(text.ToString()) - 1024;
        var ordered = result.Findings.OrderByDescending(finding => finding.Level).ToList();
        var shown = 0;
        foreach (var finding in ordered)
        {
            var row = $"| {finding.Level.Name()} | {UntrustedText.MarkdownTableCell(workspacePath(finding.Path))}:{finding.Start.Line}:{finding.Start.Column} | {finding.RuleId} | {UntrustedText.MarkdownTableCell(finding.Summary)} |{Environment.NewLine}";
            budget -= Encoding.UTF8.GetByteCount(row);
            if (budget < 0)
            {
                break;
            }

            table.Append(row);
            shown++;
        }

        // Said before the table: a reader who came from the annotations looks here for the ones GitHub did not show.
        var (hidden, _) = GitHubAnnotationsReport.Room(result.Findings);
        if (hidden > 0)
        {
            var notAnnotated = hidden == 1 ? "1 finding is" : $"{hidden} findings are";
            var listed = shown == ordered.Count ? "all findings are listed here" : $"the first {shown} are listed here";
            text.AppendLine().AppendLine($"GitHub shows {GitHubAnnotationsReport.AnnotationsPerLevel} annotations of each level, so {notAnnotated} not annotated on the pull request; {listed}.");
        }

        text.AppendLine().Append(table);
        if (shown < ordered.Count)
        {
            text.AppendLine().AppendLine($"{ordered.Count - shown} more findings are not listed here, to keep this summary small: see the code scanning alerts from the SARIF upload, or run meshlint locally.");
        }

        return text.ToString();
    }
}
