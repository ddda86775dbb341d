using System.Text.Json;
using MeshLint.Reports;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

public sealed class JsonTextOutputTests
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void A_long_report_reaches_the_writer_while_it_is_written_and_reads_back_whole()
    {
        // Far more than one flush, of characters that are 2 and 3 bytes in UTF-8.
        var values = Enumerable.Range(0, 3000).Select(i => $"{i}: é ü 漢字 🚀 \"quoted\" {new string('x', i % 17)}").ToList();
        var text = new StringWriter();

        using (var output = new JsonTextOutput(text))
        {
            output.Json.WriteStartArray();
            foreach (var value in values)
            {
                // Raw, so the characters reach the stream as multi-byte UTF-8 rather than \u escapes.
                output.Json.WriteRawValue(JsonSerializer.Serialize(value, Unescaped));
                output.Pass();
            }

            text.GetStringBuilder().Length.ShouldBeGreaterThan(100_000, "the report is held back instead of streamed");
            output.Json.WriteEndArray();
        }

        text.ToString().ShouldEndWith("]" + Environment.NewLine);
        text.ToString().ShouldContain("é ü 漢字");
        JsonSerializer.Deserialize<List<string>>(text.ToString()).ShouldBe(values);
    }
}
