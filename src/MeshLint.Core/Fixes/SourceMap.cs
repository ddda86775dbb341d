using System.Buffers;
using MeshLint.Parsing;

namespace MeshLint.Fixes;

/// <summary>
/// A decoded text with its line starts, to turn the parser's line and column positions into
/// offsets and back. Line breaks are those YamlDotNet counts (CR LF, CR, LF, NEL, LS, PS), so an
/// offset computed here is exactly where the parser saw the node.
/// </summary>
public sealed class SourceMap
{
    private readonly List<int> lineStarts = [0];

    private static readonly SearchValues<char> Breaks = SearchValues.Create("\n\r\u0085\u2028\u2029");

    public SourceMap(string text)
    {
        Text = text;
        // Built for every file with a fixable finding, so the scan jumps from break to break.
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny(Breaks);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            lineStarts.Add(++i);
        }

        var firstBreak = text.IndexOfAny(['\n', '\r']);
        LineEnding = firstBreak > 0 && text[firstBreak] == '\r' ? (firstBreak + 1 < text.Length && text[firstBreak + 1] == '\n' ? "\r\n" : "\r") : "\n";
    }

    public string Text { get; }

    /// <summary>The file's own line ending (the first one in it), which inserted lines use.</summary>
    public string LineEnding { get; }

    public int LineCount => lineStarts.Count;

    public static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    public int OffsetOf(SourcePosition position)
    {
        var line = Math.Clamp(position.Line, 1, lineStarts.Count);
        return Math.Min(lineStarts[line - 1] + Math.Max(0, position.Column - 1), Text.Length);
    }

    public SourcePosition PositionOf(int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>The offset where a 1-based line starts.</summary>
    public int LineStart(int line) => lineStarts[Math.Clamp(line, 1, lineStarts.Count) - 1];

    /// <summary>The offset just before a line's break (or the end of the text).</summary>
    public int LineEnd(int line)
    {
        var end = line < lineStarts.Count ? lineStarts[line] : Text.Length;
        while (end > LineStart(line) && IsBreak(Text[end - 1]))
        {
            end--;
        }

        return end;
    }

    public string Line(int line) => Text[LineStart(line)..LineEnd(line)];

    public TextEdit Replace(int offset, int length, string replacement) =>
        new(offset, length, replacement, new SourceSpan(PositionOf(offset), PositionOf(offset + length)));

    public TextEdit Insert(int offset, string text) => Replace(offset, 0, text);
}
