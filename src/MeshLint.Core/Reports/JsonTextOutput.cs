using System.Text;
using System.Text.Json;

namespace MeshLint.Reports;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> whose bytes reach a <see cref="TextWriter"/> as they are written.
/// A report of 10,000 findings is 10 MB of JSON: held whole, as a buffer, its bytes and its string,
/// it cost 50 MB at the end of a run; streamed, it costs the few kilobytes in flight.
/// </summary>
internal sealed class JsonTextOutput : IDisposable
{
    private const int FlushAt = 32 * 1024;

    private readonly TextWriter writer;

    public JsonTextOutput(TextWriter writer)
    {
        this.writer = writer;
        Json = new Utf8JsonWriter(new DecodingStream(writer), new JsonWriterOptions { Indented = true });
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>Hands what is pending to the text writer once enough has gathered; call it between items.</summary>
    public void Pass()
    {
        if (Json.BytesPending >= FlushAt)
        {
            Json.Flush();
        }
    }

    /// <summary>Writes what is left and the final line break.</summary>
    public void Dispose()
    {
        Json.Flush();
        Json.Dispose();
        writer.WriteLine();
    }

    /// <summary>Turns UTF-8 bytes into characters for the writer; a character split between two writes is held until its rest arrives.</summary>
    private sealed class DecodingStream(TextWriter writer) : Stream
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private char[] chars = new char[4096];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = decoder.GetCharCount(buffer, flush: false);
            if (needed > chars.Length)
            {
                chars = new char[Math.Max(needed, chars.Length * 2)];
            }

            var written = decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, written);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
