using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>How much of each finding the text report prints: ruff's two output formats.</summary>
public enum TextReportStyle
{
    /// <summary>The summary line, then the details beneath it, wrapped to the width and cut after a few lines.</summary>
    Full,

    /// <summary>The summary line alone, one line a finding, however long.</summary>
    Concise,
}

/// <summary>The names <c>--output-format</c> takes, kept with the styles so that any command line reads them alike.</summary>
internal static class TextReportStyles
{
    public const string Names = "full or concise";

    public static TextReportStyle? Parse(string name) => name.ToLowerInvariant() switch
    {
        "full" => TextReportStyle.Full,
        "concise" => TextReportStyle.Concise,
        _ => null,
    };
}

/// <summary>
/// Lays a finding out for a terminal: <c>path:line:col: level RULE name: summary</c> on one line where it
/// fits, else broken after the rule's name with the summary indented beneath; then the details indented
/// further, wrapped at word boundaries to <see cref="Width"/> and cut after <see cref="DetailLines"/>
/// lines with a pointer to the rest. A word longer than a line (a deep path) stays whole on a line of its
/// own, so terminals and editors still recognise it.
/// </summary>
/// <param name="detailLines">The most lines of details a finding shows (<see cref="DetailLines"/> in the lint report).</param>
internal sealed class TextLayout(int width, Func<Level, string, string> paint, int detailLines = TextLayout.DetailLines)
{
    public const int DefaultWidth = TextReport.DefaultWidth;

    /// <summary>The most lines of details shown under a finding; the JSON report and <c>meshlint explain</c> have the rest.</summary>
    public const int DetailLines = 6;

    private const string SummaryIndent = "  ";
    private const string DetailIndent = "    ";

    public int Width { get; } = Math.Max(40, width);

    /// <summary>One finding's lines: its summary line (wrapped), and in the full style its details.</summary>
    /// <param name="shownLevel">What stands for the level (<c>error</c>, or <c>suppressed</c>).</param>
    /// <param name="tail">Text after the summary (why a finding is suppressed).</param>
    public IEnumerable<string> Lines(Finding finding, string shownLevel, Level? level, bool details, string tail = "")
    {
        var location = $"{UntrustedText.Printable(finding.Path)}:{finding.Start.Line}:{finding.Start.Column}:";
        var fixable = finding.Fix is { IsSafe: true } ? " [*]" : string.Empty;
        var rule = $"{finding.RuleId}{fixable} {finding.RuleName}:";
        var summary = UntrustedText.Printable(finding.Summary) + tail;
        string Painted(string line) => level is { } known ? PaintFirst(line, shownLevel, paint(known, shownLevel)) : line;

        var header = $"{location} {shownLevel} {rule}";
        IReadOnlyList<string> lines = $"{header} {summary}".Length <= Width ? [$"{header} {summary}"]
            // The header on its own line where it fits, the summary indented beneath; else broken where it must be.
            : header.Length <= Width ? [header, .. Wrap(summary, SummaryIndent, SummaryIndent)]
            : Wrap($"{header} {summary}", string.Empty, SummaryIndent).ToList();
        var painted = false;
        foreach (var line in lines)
        {
            // The level is painted where it stands, once: a long path can push it to the second line.
            var shown = painted ? line : Painted(line);
            painted |= !ReferenceEquals(shown, line);
            yield return shown;
        }

        if (!details || finding.Details.Length == 0)
        {
            yield break;
        }

        var cap = Math.Max(1, detailLines);
        var wrapped = Wrap(UntrustedText.Printable(finding.Details), DetailIndent, DetailIndent).ToList();
        // Cutting one line would take as many lines as showing it (the pointer takes one).
        if (wrapped.Count - 1 <= cap)
        {
            foreach (var line in wrapped)
            {
                yield return line;
            }

            yield break;
        }

        foreach (var line in wrapped.Take(cap))
        {
            yield return line;
        }

        yield return $"{DetailIndent}… (the rest: --format json; the rule: meshlint explain {finding.RuleId})";
    }

    /// <summary>Greedy word wrap; a word longer than the room stays whole on its own line.</summary>
    internal IEnumerable<string> Wrap(string text, string firstIndent, string indent)
    {
        var line = new System.Text.StringBuilder(firstIndent);
        var lineIndent = firstIndent.Length;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > lineIndent && line.Length + 1 + word.Length > Width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                lineIndent = indent.Length;
            }

            if (line.Length > lineIndent)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > lineIndent)
        {
            yield return line.ToString();
        }
    }

    private static string PaintFirst(string line, string word, string painted)
    {
        var at = line.IndexOf($" {word} ", StringComparison.Ordinal);
        return at < 0 || word == painted ? line : string.Concat(line.AsSpan(0, at + 1), painted, line.AsSpan(at + 1 + word.Length));
    }
}
