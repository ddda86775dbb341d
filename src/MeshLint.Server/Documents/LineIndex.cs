using MeshLint.Fixes;
using MeshLint.Parsing;
using MeshLint.Server.Protocol;
using Range = MeshLint.Server.Protocol.Range;

namespace MeshLint.Server.Documents;

/// <summary>
/// Where LSP's lines start in a text, to turn positions into offsets and back. LSP ends lines at
/// CR LF, LF and CR only, and counts characters in UTF-16 code units (the encoding this server
/// announces); a character past a line's end means the end of the line, and a line past the text's
/// end the end of the text, as the specification asks of out-of-range positions.
/// </summary>
public sealed class LineIndex
{
    private readonly List<int> starts = [0];

    public LineIndex(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    public int LineCount => starts.Count;

    public int OffsetOf(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= starts.Count)
        {
            return Text.Length;
        }

        var start = starts[position.Line];
        return start + Math.Clamp(position.Character, 0, LineEnd(position.Line) - start);
    }

    public Position PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = starts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new Position(line, offset - starts[line]);
    }

    /// <summary>The offset just past a line's last character, before its line break.</summary>
    public int LineEnd(int line)
    {
        var end = line + 1 < starts.Count ? starts[line + 1] : Text.Length;
        while (end > starts[line] && Text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return end;
    }

    public int LineStart(int line) => starts[Math.Clamp(line, 0, starts.Count - 1)];

    public string LineText(int line) => line < 0 || line >= starts.Count ? string.Empty : Text[starts[line]..LineEnd(line)];

    public Range RangeOf(int start, int end) => new(PositionOf(start), PositionOf(end));
}

/// <summary>
/// MeshLint's positions in one linted text, as LSP positions. MeshLint counts lines as YAML does
/// (NEL, LS and PS end lines too) and drops a leading byte order mark; both are undone through
/// character offsets, which the two share.
/// </summary>
public sealed class PositionMap(string text)
{
    private readonly int bom = text.StartsWith('\uFEFF') ? 1 : 0;
    private SourceMap? yaml;

    public LineIndex Lines { get; } = new(text);

    private SourceMap Yaml => yaml ??= new SourceMap(bom == 0 ? text : text[bom..]);

    public Position Of(SourcePosition position) => Lines.PositionOf(Yaml.OffsetOf(position) + bom);

    public Range Of(SourceSpan span) => new(Of(span.Start), Of(span.End));

    /// <summary>A fix edit's range: its offset counts characters of the text MeshLint decoded.</summary>
    public Range OfEdit(int offset, int length) => Lines.RangeOf(offset + bom, offset + length + bom);
}
