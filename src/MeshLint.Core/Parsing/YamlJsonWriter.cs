using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MeshLint.Parsing;

/// <summary>
/// Writes a YAML node as JSON text with Kubernetes' YAML 1.1 typing, using the framework's own
/// JSON writer; for schemas written in YAML, which must reach a JSON Schema reader as JSON.
/// </summary>
internal static class YamlJsonWriter
{
    public static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(node, writer, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(YamlNode node, Utf8JsonWriter writer, int depth)
    {
        if (depth > YamlDocumentReader.MaxDepth)
        {
            throw new InvalidDataException("nesting too deep to write as JSON");
        }

        switch (node)
        {
            case YamlMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key.Value);
                    Write(entry.Value, writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(item, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalar scalar:
                WriteScalar(scalar, writer);
                break;
        }
    }

    private static void WriteScalar(YamlScalar scalar, Utf8JsonWriter writer)
    {
        switch (scalar.Type)
        {
            case ScalarType.Null:
                writer.WriteNullValue();
                break;
            case ScalarType.Bool:
                writer.WriteBooleanValue(YamlScalarTypes.IsTrueWord(scalar.Value));
                break;
            case ScalarType.Int when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case ScalarType.Float when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
