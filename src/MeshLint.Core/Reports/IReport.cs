using MeshLint.Engine;

namespace MeshLint.Reports;

/// <summary>A way of writing one run's findings.</summary>
public interface IReport
{
    void Write(LintResult result, TextWriter writer);
}

/// <summary>Keeps text from scanned files from acting on a terminal: control characters become visible escapes.</summary>
public static class UntrustedText
{
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? builder.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" }) : builder.Append(c);
        }

        return builder.ToString();
    }
}
