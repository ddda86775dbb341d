using System.Text.Json;
using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Reports;

/// <summary>A plain JSON array of findings, for scripts.</summary>
public sealed class JsonReport : IReport
{
    public void Write(LintResult result, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
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
                if (finding.Object is { } obj)
                {
                    json.WriteString("object", obj);
                }
                else
                {
                    json.WriteNull("object");
                }

                json.WriteString("fingerprint", finding.Fingerprint);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }
}
