using System.Text;
using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>
/// Log lines come from the workloads being diagnosed, so they are untrusted: an ANSI or OSC
/// escape in a log line could rewrite the terminal, retitle it, or hide text. Everything shown
/// in the text report goes through here.
/// </summary>
public static partial class TerminalSafeText
{
    // CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences.
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[@-Z\\-_]?|\x9B[0-?]*[ -/]*[@-~]")]
    private static partial Regex EscapeSequence();

    public static string Clean(string text, int maxLength = 240)
    {
        var withoutEscapes = EscapeSequence().Replace(text, string.Empty);
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

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
