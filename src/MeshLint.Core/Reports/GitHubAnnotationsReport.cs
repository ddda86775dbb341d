using System.Text;
using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>) that the runner turns
/// into annotations on the pull request's changed lines. GitHub keeps only the first ten error,
/// ten warning and ten notice annotations of a step, so the most severe come first and a closing
/// notice says how many were left out and where to find them.
/// </summary>
/// <param name="workspacePath">Turns a finding's path into the path GitHub knows it by (relative to the workspace).</param>
public sealed class GitHubAnnotationsReport(Func<string, string> workspacePath) : IReport
{
    /// <summary>What GitHub shows of each level per step.</summary>
    public const int AnnotationsPerLevel = 10;

    public void Write(LintResult result, TextWriter writer)
    {
        var byLevel = result.Findings.ToLookup(finding => finding.Level);
        int Over(Level level, int room) => Math.Max(0, byLevel[level].Count() - room);

        // The closing notice takes one notice slot, so one fewer note is shown when it is needed.
        var truncated = Over(Level.Error, AnnotationsPerLevel) + Over(Level.Warning, AnnotationsPerLevel) + Over(Level.Note, AnnotationsPerLevel) > 0;
        var noteRoom = truncated ? AnnotationsPerLevel - 1 : AnnotationsPerLevel;
        var hidden = Over(Level.Error, AnnotationsPerLevel) + Over(Level.Warning, AnnotationsPerLevel) + Over(Level.Note, noteRoom);
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
            $"file={EscapeProperty(workspacePath(finding.Path))}",
            $"line={finding.Start.Line}",
            $"col={finding.Start.Column}",
            $"endLine={end.Line}",
            $"endColumn={end.Column}",
            $"title={EscapeProperty($"{finding.RuleId} {finding.RuleName}")}",
        ]);
        return $"::{command} {properties}::{EscapeData(finding.Message)}";
    }

    /// <summary>
    /// As GitHub's toolkit escapes a command's message, so no text from a scanned file can end the
    /// line and start a command of its own. Other line breaks and control characters, which the
    /// toolkit leaves alone, are shown as <c>\uXXXX</c> rather than trusted to every log reader.
    /// </summary>
    public static string EscapeData(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '%' => builder.Append("%25"),
                '\r' => builder.Append("%0D"),
                '\n' => builder.Append("%0A"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>As the toolkit escapes a property value: also <c>:</c> and <c>,</c>, which end a value.</summary>
    public static string EscapeProperty(string text) => EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
