using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary><c>path:line:col: level MESH00N name: message</c>, one finding a line, then a count.</summary>
public sealed class TextReport(bool color) : IReport
{
    public void Write(LintResult result, TextWriter writer)
    {
        foreach (var finding in result.Findings)
        {
            var level = finding.Level.Name();
            var shownLevel = color ? Paint(finding.Level, level) : level;
            var path = UntrustedText.Printable(finding.Path);
            writer.WriteLine($"{path}:{finding.Start.Line}:{finding.Start.Column}: {shownLevel} {finding.RuleId} {finding.RuleName}: {UntrustedText.Printable(finding.Message)}");
        }

        writer.WriteLine(Summary(result));
    }

    public static string Summary(LintResult result)
    {
        var errors = result.Findings.Count(f => f.Level == Level.Error);
        var warnings = result.Findings.Count(f => f.Level == Level.Warning);
        var notes = result.Findings.Count(f => f.Level == Level.Note);
        var files = result.FilesScanned == 1 ? "1 file" : $"{result.FilesScanned} files";
        return result.Findings.Count == 0
            ? $"No findings in {files} ({result.DocumentsScanned} documents)."
            : $"{Plural(result.Findings.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}) in {files} ({result.DocumentsScanned} documents).";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Paint(Level level, string text) => level switch
    {
        Level.Error => $"\u001b[1;31m{text}\u001b[0m",
        Level.Warning => $"\u001b[1;33m{text}\u001b[0m",
        _ => $"\u001b[1;36m{text}\u001b[0m",
    };
}
