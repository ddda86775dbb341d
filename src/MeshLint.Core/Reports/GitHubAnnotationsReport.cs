using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,title=summary::details</c>) that the runner
/// turns into annotations on the pull request's changed lines: the summary as the title GitHub shows in
/// bold, the details and the rule as the message beneath. GitHub keeps only the first ten error, ten
/// warning and ten notice annotations of a step, so the most severe come first and a closing notice says
/// how many were left out and where to find them (the job summary lists them all).
/// </summary>
/// <param name="workspacePath">Turns a finding's path into the path GitHub knows it by (relative to the workspace).</param>
public sealed class GitHubAnnotationsReport(Func<string, string> workspacePath) : IReport
{
    /// <summary>What GitHub shows of each level per step.</summary>
    public const int AnnotationsPerLevel = 10;

    public void Write(LintResult result, TextWriter writer)
    {
        var byLevel = result.Findings.ToLookup(finding => finding.Level);
        var (hidden, noteRoom) = Room(result.Findings);
        foreach (var (level, room) in new[] { (Level.Error, AnnotationsPerLevel), (Level.Warning, AnnotationsPerLevel), (Level.Note, noteRoom) })
        {
            foreach (var finding in byLevel[level].Take(room))
            {
                writer.WriteLine(Annotation(finding));
            }
        }

        if (hidden > 0)
        {
            var more = hidden == 1 ? "1 more finding is" : $"{hidden} more findings are";
            writer.WriteLine($"::notice title=MeshLint::{more} not shown as annotations (GitHub shows {AnnotationsPerLevel} of each level per step): see the job summary, or the code scanning alerts from the SARIF upload.");
        }

        writer.WriteLine(TextReport.Summary(result));
    }

    /// <summary>How many findings GitHub's limit leaves without an annotation, and how many notes are shown.</summary>
    public static (int Hidden, int NoteRoom) Room(IReadOnlyList<Finding> findings)
    {
        var byLevel = findings.ToLookup(finding => finding.Level);
        int Over(Level level, int room) => Math.Max(0, byLevel[level].Count() - room);

        // The closing notice takes one notice slot, so one fewer note is shown when it is needed.
        var truncated = Over(Level.Error, AnnotationsPerLevel) + Over(Level.Warning, AnnotationsPerLevel) + Over(Level.Note, AnnotationsPerLevel) > 0;
        var noteRoom = truncated ? AnnotationsPerLevel - 1 : AnnotationsPerLevel;
        return (Over(Level.Error, AnnotationsPerLevel) + Over(Level.Warning, AnnotationsPerLevel) + Over(Level.Note, noteRoom), noteRoom);
    }

    public string Annotation(Finding finding)
    {
        var command = finding.Level switch
        {
            Level.Error => "error",
            Level.Warning => "warning",
            _ => "notice",
        };
        var end = finding.Span.End.Line >= finding.Start.Line ? finding.Span.End : finding.Start;
        var properties = string.Join(',', [
            $"file={UntrustedText.WorkflowCommandProperty(workspacePath(finding.Path))}",
            $"line={finding.Start.Line}",
            $"col={finding.Start.Column}",
            $"endLine={end.Line}",
            $"endColumn={end.Column}",
            $"title={UntrustedText.WorkflowCommandProperty(finding.Summary)}",
        ]);
        var rule = $"({finding.RuleId} {finding.RuleName})";
        var message = finding.Details.Length == 0 ? rule : $"{finding.Details} {rule}";
        return $"::{command} {properties}::{UntrustedText.WorkflowCommandData(message)}";
    }
}
