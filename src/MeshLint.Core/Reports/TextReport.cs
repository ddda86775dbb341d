using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>
/// <c>path:line:col: level MESH00N name: summary</c> for each finding, in the full style with its details
/// indented beneath and wrapped to <paramref name="width"/> (see <see cref="TextLayout"/>), in the concise
/// style alone on one line; then a count. A finding that <c>meshlint fix</c> fixes is marked <c>[*]</c>
/// after its rule id, as ruff marks it.
/// </summary>
/// <param name="width">The terminal's width; <see cref="DefaultWidth"/> when the output is not a terminal.</param>
public sealed class TextReport(bool color, bool showSuppressed = false, TextReportStyle style = TextReportStyle.Full, int width = TextReport.DefaultWidth) : IReport
{
    /// <summary>The width when the output is not a terminal.</summary>
    public const int DefaultWidth = 80;

    public void Write(LintResult result, TextWriter writer)
    {
        var layout = new TextLayout(style == TextReportStyle.Concise ? int.MaxValue : width, (level, text) => color ? Paint(level, text) : text);
        var full = style == TextReportStyle.Full;
        foreach (var finding in result.Findings)
        {
            foreach (var line in layout.Lines(finding, finding.Level.Name(), finding.Level, details: full))
            {
                writer.WriteLine(line);
            }
        }

        if (showSuppressed)
        {
            foreach (var finding in result.Suppressed)
            {
                var ignore = finding.IgnoredBy!;
                var why = $" [ignored at line {ignore.At.Start.Line}: {UntrustedText.Printable(ignore.Justification)}]";
                foreach (var line in layout.Lines(finding with { Fix = null }, "suppressed", null, details: false, tail: why))
                {
                    writer.WriteLine(line);
                }
            }
        }

        foreach (var line in full ? layout.Wrap(Summary(result), string.Empty, string.Empty) : [Summary(result)])
        {
            writer.WriteLine(line);
        }
    }

    public static string Summary(LintResult result)
    {
        var errors = result.Findings.Count(f => f.Level == Level.Error);
        var warnings = result.Findings.Count(f => f.Level == Level.Warning);
        var notes = result.Findings.Count(f => f.Level == Level.Note);
        var files = result.FilesScanned == 1 ? "1 file" : $"{result.FilesScanned} files";
        if (result.FilesScanned == 0 && result.InputErrors.Count > 0)
        {
            // "No findings in 0 files" would read as a clean run; the run failed, so say what failed.
            return $"Nothing was linted: {NotRead(result)}.";
        }

        var summary = result.Findings.Count == 0
            ? $"No findings in {files} ({Plural(result.DocumentsScanned, "document")})."
            : $"{Plural(result.Findings.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}) in {files} ({Plural(result.DocumentsScanned, "document")}).";
        var failed = result.InputErrors.Count == 0 ? string.Empty : $" Not linted: {NotRead(result)}.";
        return summary + failed + Fixable(result) + Accounted(result) + Assumed(result) + Unchecked(result);
    }

    /// <summary>The inputs that could not be read or linted, with why; the first three, then how many more.</summary>
    private static string NotRead(LintResult result)
    {
        const int Shown = 3;
        var named = result.InputErrors.Take(Shown).Select(error => $"{UntrustedText.Printable(error.Path)} ({UntrustedText.Printable(error.Message)})");
        var more = result.InputErrors.Count > Shown ? $" and {result.InputErrors.Count - Shown} more" : string.Empty;
        return string.Join(", ", named) + more;
    }

    /// <summary>Once per run: how many workloads got no Istio lifecycle check because nothing shows Istio in use.</summary>
    private static string Unchecked(LintResult result) => result.UncheckedWorkloads == 0
        ? string.Empty
        : $" {Plural(result.UncheckedWorkloads, "workload")} in namespaces no scanned file defines {(result.UncheckedWorkloads == 1 ? "was" : "were")} not checked for Istio start-up and shutdown problems: nothing in the scan shows Istio in use (set mesh.assumeInjection: true to check them).";

    /// <summary>Once per run: how many findings rest on a target nobody declared, and how to declare it.</summary>
    private static string Assumed(LintResult result)
    {
        var assumed = result.Findings.Where(finding => finding.Assumption is not null).ToList();
        if (assumed.Count == 0)
        {
            return string.Empty;
        }

        var allLegacy = assumed.All(finding => finding.Assumption!.StartsWith("legacy sidecars", StringComparison.Ordinal));
        var what = allLegacy ? "assumed legacy sidecars" : "an assumed Istio or Kubernetes release";
        return $" {Plural(assumed.Count, "finding")} {(assumed.Count == 1 ? "rests" : "rest")} on {what}, as the target is not fully declared: set mesh.target in .meshlint.yaml ('meshlint init' writes one).";
    }

    private static string Fixable(LintResult result)
    {
        var safe = result.Findings.Count(finding => finding.Fix is { IsSafe: true });
        var unsafeFixes = result.Findings.Count(finding => finding.Fix is { IsSafe: false });
        if (safe == 0 && unsafeFixes == 0)
        {
            return string.Empty;
        }

        if (safe == 0)
        {
            return $" {unsafeFixes} fixable with 'meshlint fix --unsafe-fixes'.";
        }

        return $" {safe} fixable with 'meshlint fix'{(unsafeFixes > 0 ? $" ({unsafeFixes} more with --unsafe-fixes)" : string.Empty)}.";
    }

    /// <summary>What the count leaves out: ignored findings and, with a baseline, accepted and fixed ones.</summary>
    private static string Accounted(LintResult result)
    {
        var parts = new List<string>();
        if (result.Suppressed.Count > 0)
        {
            parts.Add($"{result.Suppressed.Count} suppressed inline");
        }

        if (result.Baseline is { } baseline)
        {
            parts.Add($"{baseline.Unchanged.Count} in the baseline");
            if (baseline.Absent > 0)
            {
                parts.Add($"{Plural(baseline.Absent, "baseline finding")} no longer found");
            }
        }

        return parts.Count == 0 ? string.Empty : $" Not counted: {string.Join(", ", parts)}.";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    internal static string Paint(Level level, string text) => level switch
    {
        Level.Error => $"\u001b[1;31m{text}\u001b[0m",
        Level.Warning => $"\u001b[1;33m{text}\u001b[0m",
        _ => $"\u001b[1;36m{text}\u001b[0m",
    };
}
