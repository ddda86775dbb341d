using System.Text.Json;
using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>
/// A plain JSON array of findings, for scripts. A finding with a fix carries it as <c>fix</c>: its
/// description, <c>safety</c> (safe or unsafe) and edits, each a 1-based range (end exclusive, columns
/// in UTF-16 code units as the finding's) on the file as scanned and the text that replaces it.
/// </summary>
public sealed class JsonReport : IReport
{
    public void Write(LintResult result, TextWriter writer)
    {
        using (var output = new JsonTextOutput(writer))
        {
            var json = output.Json;
            json.WriteStartArray();
            foreach (var finding in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("path", finding.Path);
                json.WriteNumber("line", finding.Span.Start.Line);
                json.WriteNumber("column", finding.Span.Start.Column);
                json.WriteNumber("endLine", finding.Span.End.Line);
                json.WriteNumber("endColumn", finding.Span.End.Column);
                json.WriteString("ruleId", finding.RuleId);
                json.WriteString("ruleName", finding.RuleName);
                json.WriteString("level", finding.Level.Name());
                json.WriteString("message", finding.Message);
                json.WriteString("summary", finding.Summary);
                json.WriteString("details", finding.Details);
                if (finding.Object is { } obj)
                {
                    json.WriteString("object", obj);
                }
                else
                {
                    json.WriteNull("object");
                }

                json.WriteString("fingerprint", finding.Fingerprint);
                if (finding.Assumption is { } assumption)
                {
                    json.WriteString("assumption", assumption);
                }
                WriteFix(json, finding);
                json.WriteEndObject();
                output.Pass();
            }

            json.WriteEndArray();
        }

    }

    private static void WriteFix(Utf8JsonWriter json, Finding finding)
    {
        if (finding.Fix is not { } fix)
        {
            return;
        }

        json.WriteStartObject("fix");
        json.WriteString("description", fix.Description);
        json.WriteString("safety", fix.IsSafe ? "safe" : "unsafe");
        json.WriteStartArray("edits");
        foreach (var edit in fix.Edits)
        {
            json.WriteStartObject();
            json.WriteNumber("line", edit.Span.Start.Line);
            json.WriteNumber("column", edit.Span.Start.Column);
            json.WriteNumber("endLine", edit.Span.End.Line);
            json.WriteNumber("endColumn", edit.Span.End.Column);
            json.WriteString("text", edit.Replacement);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
