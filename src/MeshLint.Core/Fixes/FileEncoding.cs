using System.Text;

namespace MeshLint.Fixes;

/// <summary>How a file's bytes were encoded (UTF-8, with or without a byte order mark, or UTF-16), so fixed text is written back the same way.</summary>
internal sealed record FileEncoding(byte[] Preamble, Encoding Encoding)
{
    public static FileEncoding Of(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith<byte>([0xEF, 0xBB, 0xBF]))
        {
            return new([0xEF, 0xBB, 0xBF], new UTF8Encoding(false));
        }

        if (bytes.StartsWith<byte>([0xFF, 0xFE]))
        {
            return new([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false));
        }

        return bytes.StartsWith<byte>([0xFE, 0xFF])
            ? new([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false))
            : new([], new UTF8Encoding(false));
    }

    public byte[] Encode(string text) => [.. Preamble, .. Encoding.GetBytes(text)];
}
