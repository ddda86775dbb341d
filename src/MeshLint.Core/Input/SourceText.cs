using System.Text;
using MeshLint.Parsing;

namespace MeshLint.Input;

/// <summary>The decoded text of a file, or why it could not be decoded.</summary>
public sealed record SourceText(string? Text, SyntaxProblem? Problem)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes as Kubernetes' reader accepts: UTF-8 (a BOM is allowed) or UTF-16 with a BOM.
    /// Anything else is reported at the first offending byte rather than read as garbage.
    /// </summary>
    public static SourceText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith<byte>([0xEF, 0xBB, 0xBF]))
        {
            return DecodeUtf8(bytes[3..]);
        }

        if (bytes.StartsWith<byte>([0xFF, 0xFE]))
        {
            return DecodeWith(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..]);
        }

        if (bytes.StartsWith<byte>([0xFE, 0xFF]))
        {
            return DecodeWith(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..]);
        }

        return DecodeUtf8(bytes);
    }

    private static SourceText DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return new SourceText(null, new SyntaxProblem(PositionOf(bytes, nul), "the file holds NUL bytes: it is binary, not YAML", true));
        }

        try
        {
            return new SourceText(StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException exception)
        {
            var offset = exception.Index >= 0 ? exception.Index : 0;
            return new SourceText(null, new SyntaxProblem(PositionOf(bytes, offset), "the file is not valid UTF-8 (YAML must be UTF-8 or UTF-16 with a byte order mark)", true));
        }
    }

    private static SourceText DecodeWith(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new SourceText(encoding.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return new SourceText(null, new SyntaxProblem(SourcePosition.Start, "the file starts with a UTF-16 byte order mark but is not valid UTF-16", true));
        }
    }

    /// <summary>Line and column of a byte offset; columns count characters of the valid prefix of the line.</summary>
    private static SourcePosition PositionOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var prefix = bytes[..offset];
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] == (byte)'\n' || (prefix[i] == (byte)'\r' && (i + 1 >= prefix.Length || prefix[i + 1] != (byte)'\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(prefix[lineStart..]) + 1;
        return new SourcePosition(line, column);
    }
}
