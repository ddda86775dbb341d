using System.Text;
using MeshLint.Server.Protocol;

namespace MeshLint.Server.Documents;

/// <summary>
/// One buffer the client has open: its text at its version, as the client's own copy after each
/// change. <see cref="Path"/> is the file it stands for, or null for a buffer with no file
/// (<c>untitled:</c>), which is linted on its own.
/// </summary>
public sealed class OpenDocument
{
    private LineIndex? lines;
    private byte[]? bytes;

    public OpenDocument(string uri, string? path, int version, string text)
    {
        Uri = uri;
        Path = path;
        Version = version;
        Text = text;
    }

    public string Uri { get; }

    public string? Path { get; }

    public int Version { get; private set; }

    public string Text { get; private set; }

    public LineIndex Lines => lines ??= new LineIndex(Text);

    /// <summary>The buffer as the file it stands in for: UTF-8, one array per version, so a cache can tell versions apart by reference.</summary>
    public byte[] Bytes => bytes ??= Encoding.UTF8.GetBytes(Text);

    /// <summary>
    /// Applies the changes of one <c>didChange</c>, in order: a change with a range replaces that
    /// range (clamped to the text), one without replaces the whole text.
    /// </summary>
    public void Apply(int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var text = Text;
        foreach (var change in changes)
        {
            var replacement = change.Text ?? string.Empty;
            if (change.Range is not { } range)
            {
                text = replacement;
                continue;
            }

            var index = ReferenceEquals(text, Text) ? Lines : new LineIndex(text);
            var start = index.OffsetOf(range.Start);
            var end = Math.Max(start, index.OffsetOf(range.End));
            text = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
        }

        Text = text;
        Version = version;
        lines = null;
        bytes = null;
    }
}
