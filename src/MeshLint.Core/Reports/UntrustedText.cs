using System.Text;
using System.Text.RegularExpressions;

namespace MeshLint.Reports;

/// <summary>
/// Text from outside (scanned manifests, exported logs) on its way into an output that would
/// otherwise obey it: a terminal acts on ANSI and OSC escapes, the GitHub runner on a line that
/// starts with <c>::</c>, Markdown on links, images and HTML. One method per destination, so each
/// writer says where its text goes and none invents its own escaping.
/// </summary>
public static partial class UntrustedText
{
    /// <summary>
    /// For a terminal line that must keep every character (a path, a finding's message): control
    /// characters are shown as <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? builder.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => VisibleEscape(c) }) : builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// For a terminal line that quotes a workload's log, which can hold anything: escape sequences,
    /// control characters and bidi overrides are removed rather than shown, line breaks and tabs
    /// become spaces, and the text is cut at <paramref name="maxLength"/> characters with an ellipsis.
    /// </summary>
    public static string LogExcerpt(string text, int maxLength = 240)
    {
        var withoutEscapes = TerminalEscapeSequence().Replace(text, string.Empty);
        var builder = new StringBuilder(Math.Min(withoutEscapes.Length, maxLength + 1));
        foreach (var c in withoutEscapes)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            if (c is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
            }
            else if (char.IsControl(c) || IsBidiControl(c))
            {
                // Dropped: C0/C1 controls and bidi overrides that can reorder what the reader sees.
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// For the message of a GitHub Actions workflow command, escaped as GitHub's toolkit escapes it
    /// so no text can end the line and start a command of its own. Other line breaks and control
    /// characters, which the toolkit leaves alone, are shown as <c>\uXXXX</c> rather than trusted
    /// to every log reader.
    /// </summary>
    public static string WorkflowCommandData(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '%' => builder.Append("%25"),
                '\r' => builder.Append("%0D"),
                '\n' => builder.Append("%0A"),
                _ when char.IsControl(c) || IsLineSeparator(c) => builder.Append(VisibleEscape(c)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>For a property value of a workflow command: as the message, and also <c>:</c> and <c>,</c>, which end a value.</summary>
    public static string WorkflowCommandProperty(string text) =>
        WorkflowCommandData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// For a cell of a Markdown table: the text must not end the cell or the row, nor render as a
    /// link, an image or HTML.
    /// </summary>
    public static string MarkdownTableCell(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '\r' or '\n' => builder.Append(' '),
                _ when IsLineSeparator(c) => builder.Append(' '),
                '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '!' or '~' or '#' => builder.Append('\\').Append(c),
                _ when char.IsControl(c) => builder.Append(VisibleEscape(c)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static string VisibleEscape(char c) => $"\\u{(int)c:x4}";

    /// <summary>U+2028 and U+2029 end a line for JavaScript and many viewers, though they are not control characters.</summary>
    private static bool IsLineSeparator(char c) => c is '\u2028' or '\u2029';

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    // CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences.
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[@-Z\\-_]?|\x9B[0-?]*[ -/]*[@-~]")]
    private static partial Regex TerminalEscapeSequence();
}
