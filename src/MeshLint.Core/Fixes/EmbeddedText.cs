using System.Text;
using MeshLint.Parsing;
using YamlDotNet.Core;

namespace MeshLint.Fixes;

/// <summary>
/// The text of a scalar that holds a document of its own (a <c>proxy.istio.io/config</c> value),
/// with where each of its characters sits in the file, so an edit on the inner text becomes an
/// edit on the file, escaped for the scalar's style. Only styles where that is exact are read: a
/// literal block (<c>|</c>), and a quoted or plain scalar on one line; for others there is no fix.
/// </summary>
internal sealed class EmbeddedText
{
    private readonly SourceMap outer;
    private readonly int[] offsets;
    private readonly ScalarStyle style;
    private readonly int blockIndent;

    private EmbeddedText(SourceMap outer, string content, int[] offsets, ScalarStyle style, int blockIndent)
    {
        this.outer = outer;
        Content = content;
        this.offsets = offsets;
        this.style = style;
        this.blockIndent = blockIndent;
    }

    /// <summary>The scalar's value, as the parser read it.</summary>
    public string Content { get; }

    public static EmbeddedText? Of(SourceMap map, YamlScalar scalar)
    {
        var read = scalar.Style switch
        {
            ScalarStyle.Literal => Literal(map, scalar),
            ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted or ScalarStyle.Plain => OneLine(map, scalar),
            _ => null,
        };
        if (read is not { } found)
        {
            return null;
        }

        // The reading must give back exactly what the parser saw, else positions are not to be trusted.
        var (content, offsets, indent) = found;
        var trimmed = scalar.Style == ScalarStyle.Literal ? content.TrimEnd('\n') : content;
        var expected = scalar.Style == ScalarStyle.Literal ? scalar.Value.TrimEnd('\n') : scalar.Value;
        return trimmed == expected ? new EmbeddedText(map, scalar.Value, offsets, scalar.Style, indent) : null;
    }

    /// <summary>Replaces <paramref name="length"/> characters of the inner text at <paramref name="start"/>; null when the style cannot hold the replacement.</summary>
    public TextEdit? Edit(int start, int length, string replacement)
    {
        if (start < 0 || length < 0 || start + length >= offsets.Length)
        {
            return null;
        }

        var escaped = Escape(replacement);
        if (escaped is null)
        {
            return null;
        }

        var from = offsets[start];
        var to = offsets[start + length];
        return outer.Replace(from, to - from, escaped);
    }

    private string? Escape(string text) => style switch
    {
        ScalarStyle.DoubleQuoted => YamlEdits.DoubleQuoted(text)[1..^1],
        ScalarStyle.SingleQuoted => text.Contains('\n') ? null : text.Replace("'", "''", StringComparison.Ordinal),
        ScalarStyle.Plain => text.Contains('\n') || text.Contains(" #", StringComparison.Ordinal) || text.Contains(": ", StringComparison.Ordinal) ? null : text,
        ScalarStyle.Literal => text.Replace("\n", outer.LineEnding + new string(' ', blockIndent), StringComparison.Ordinal),
        _ => null,
    };

    /// <summary>A literal block: each line below the header, less the block's indentation, is a line of the value.</summary>
    private static (string, int[], int)? Literal(SourceMap map, YamlScalar scalar)
    {
        var header = map.Line(scalar.Start.Line)[(scalar.Start.Column - 1)..];
        if (!header.StartsWith('|'))
        {
            return null;
        }

        var explicitIndent = header.Skip(1).FirstOrDefault(char.IsAsciiDigit);
        int? indent = explicitIndent == default ? null : explicitIndent - '0' + ParentIndent(map, scalar.Start.Line);
        var content = new StringBuilder();
        var offsets = new List<int>();
        var lastContent = 0;
        for (var line = scalar.Start.Line + 1; line <= map.LineCount; line++)
        {
            var text = map.Line(line);
            var spaces = text.Length - text.TrimStart(' ').Length;
            if (text.Trim().Length == 0)
            {
                // A blank line is a newline of the value only if more content follows.
                offsets.Add(map.LineEnd(line));
                content.Append('\n');
                continue;
            }

            indent ??= spaces;
            if (spaces < indent || indent == 0)
            {
                break;
            }

            var start = map.LineStart(line) + indent.Value;
            for (var i = start; i < map.LineEnd(line); i++)
            {
                offsets.Add(i);
                content.Append(map.Text[i]);
            }

            offsets.Add(map.LineEnd(line));
            content.Append('\n');
            lastContent = offsets.Count;
        }

        if (indent is null)
        {
            return null;
        }

        offsets.RemoveRange(lastContent, offsets.Count - lastContent);
        content.Length = lastContent;
        offsets.Add(offsets.Count > 0 ? offsets[^1] : map.LineEnd(scalar.Start.Line));
        return (content.ToString(), offsets.ToArray(), indent.Value);
    }

    private static int ParentIndent(SourceMap map, int line)
    {
        var text = map.Line(line);
        return text.Length - text.TrimStart(' ').Length;
    }

    /// <summary>A quoted or plain scalar on one line, with its escapes undone.</summary>
    private static (string, int[], int)? OneLine(SourceMap map, YamlScalar scalar)
    {
        if (scalar.Start.Line != scalar.Span.End.Line)
        {
            return null;
        }

        var start = map.OffsetOf(scalar.Start);
        var end = map.OffsetOf(scalar.Span.End);
        var quoted = scalar.Style != ScalarStyle.Plain;
        var from = quoted ? start + 1 : start;
        var to = quoted ? end - 1 : end;
        if (to < from)
        {
            return null;
        }

        var content = new StringBuilder();
        var offsets = new List<int>();
        for (var i = from; i < to; i++)
        {
            var c = map.Text[i];
            offsets.Add(i);
            if (scalar.Style == ScalarStyle.SingleQuoted && c == '\'' && i + 1 < to && map.Text[i + 1] == '\'')
            {
                content.Append('\'');
                i++;
            }
            else if (scalar.Style == ScalarStyle.DoubleQuoted && c == '\\' && i + 1 < to)
            {
                var next = map.Text[i + 1];
                var simple = next switch
                {
                    '"' => "\"",
                    '\\' => "\\",
                    '/' => "/",
                    'n' => "\n",
                    't' => "\t",
                    _ => null,
                };
                if (simple is null)
                {
                    return null;
                }

                content.Append(simple);
                i++;
            }
            else
            {
                content.Append(c);
            }
        }

        offsets.Add(to);
        return (content.ToString(), offsets.ToArray(), 0);
    }
}
