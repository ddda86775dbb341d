using System.Text;
using System.Text.Json;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Rules;

namespace MeshLint.Reports;

/// <summary>
/// reviewdog's Diagnostic JSON (rdjson, its <c>DiagnosticResult</c>): one diagnostic a finding, with
/// the fix's edits as <c>suggestions</c>, so <c>reviewdog -f=rdjson -reporter=github-pr-review</c>
/// posts them as suggested changes. reviewdog counts columns in UTF-8 bytes, MeshLint in UTF-16 code
/// units; <paramref name="source"/> gives a file's text by its path for the conversion, and where it
/// gives none the two agree for every line in ASCII.
/// </summary>
public sealed class RdjsonReport(RuleCatalog catalog, Func<string, string?>? source = null) : IReport
{
    public void Write(LintResult result, TextWriter writer)
    {
        var lines = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        using (var output = new JsonTextOutput(writer))
        {
            var json = output.Json;
            json.WriteStartObject();
            json.WriteStartObject("source");
            json.WriteString("name", "meshlint");
            json.WriteString("url", "https://github.com/meshlint/meshlint");
            json.WriteEndObject();
            json.WriteStartArray("diagnostics");
            foreach (var finding in result.Findings)
            {
                WriteDiagnostic(json, finding, LinesOf(finding.Path));
                output.Pass();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }


        string[]? LinesOf(string path)
        {
            if (!lines.TryGetValue(path, out var text))
            {
                text = source?.Invoke(path)?.TrimStart('\uFEFF').Split('\n');
                lines[path] = text;
            }

            return text;
        }
    }

    private void WriteDiagnostic(Utf8JsonWriter json, Finding finding, string[]? lines)
    {
        json.WriteStartObject();
        // reviewdog posts the message as Markdown: the summary as its first paragraph, the details (and the fix) as the next.
        var details = finding.Fix is { } described
            ? $"{finding.Details} Fix{(described.IsSafe ? string.Empty : " (unsafe: review the change in behaviour)")}: {described.Description}.".TrimStart()
            : finding.Details;
        var message = details.Length == 0 ? finding.Summary : $"{finding.Summary}\n\n{details}";
        json.WriteString("message", message);
        json.WriteStartObject("location");
        json.WriteString("path", finding.Path);
        WriteRange(json, finding.Span, lines);
        json.WriteEndObject();
        json.WriteString("severity", finding.Level switch
        {
            Level.Error => "ERROR",
            Level.Warning => "WARNING",
            _ => "INFO",
        });
        json.WriteStartObject("code");
        json.WriteString("value", finding.RuleId);
        if (catalog.Find(finding.RuleId)?.HelpUri is { } help)
        {
            json.WriteString("url", help);
        }

        json.WriteEndObject();
        if (finding.Fix is { } fix)
        {
            json.WriteStartArray("suggestions");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                WriteRange(json, edit.Span, lines);
                json.WriteString("text", edit.Replacement);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The range, end exclusive as both count it.</summary>
    private static void WriteRange(Utf8JsonWriter json, SourceSpan span, string[]? lines)
    {
        json.WriteStartObject("range");
        WritePosition(json, "start", span.Start, lines);
        WritePosition(json, "end", span.End, lines);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string name, SourcePosition position, string[]? lines)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", position.Line);
        json.WriteNumber("column", ByteColumn(position, lines));
        json.WriteEndObject();
    }

    private static int ByteColumn(SourcePosition position, string[]? lines)
    {
        if (lines is null || position.Line < 1 || position.Line > lines.Length)
        {
            return position.Column;
        }

        var line = lines[position.Line - 1];
        var units = Math.Clamp(position.Column - 1, 0, line.Length);
        return Encoding.UTF8.GetByteCount(line.AsSpan(0, units)) + 1 + Math.Max(0, position.Column - 1 - line.Length);
    }
}
