using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshLint.Server.Protocol;

/// <summary>
/// Reads a document's text leniently. LSP sends text as UTF-8 JSON, but a buggy client, a pasted
/// binary or a file read in the wrong encoding can put bytes that are not UTF-8, or an escaped lone
/// surrogate (<c>\ud800</c>), into the string; System.Text.Json refuses both, which would lose the
/// whole change and leave the server's copy of the buffer behind the editor's. Here each bad byte
/// becomes U+FFFD, as editors show it, and a lone surrogate is kept as the character it names.
/// </summary>
public sealed class DocumentTextConverter : JsonConverter<string>
{
    private static readonly UTF8Encoding Lossy = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a document text must be a string");
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return Unescape(raw);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The text of a JSON string's raw bytes (without its quotes), decoding bad UTF-8 to U+FFFD and keeping lone surrogates.</summary>
    public static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            text.Append(Lossy.GetString(raw[start..i]));
            if (i + 1 >= raw.Length)
            {
                start = raw.Length;
                break;
            }

            var escape = raw[++i];
            switch (escape)
            {
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'u' when i + 4 < raw.Length && int.TryParse(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append((char)escape); break;
            }

            start = i + 1;
        }

        if (start < raw.Length)
        {
            text.Append(Lossy.GetString(raw[start..]));
        }

        return text.ToString();
    }
}
