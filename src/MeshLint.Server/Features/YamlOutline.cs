using MeshLint.Server.Documents;

namespace MeshLint.Server.Features;

/// <summary>One <c>key:</c> line of a block mapping: the key, the column it starts at and the text after the colon.</summary>
public sealed record OutlineEntry(int Line, int Column, string Key, int KeyEnd, string Value, int ValueStart, bool StartsItem);

/// <summary>
/// Where a position sits in the block structure of a YAML buffer, read from indentation alone.
/// Hover and completion work on half-typed text, which the parser rejects (a key without its colon
/// is a syntax error); the nesting of block mappings is all they need, and indentation gives it
/// line by line. Flow collections and the insides of block scalars are not mappings here.
/// </summary>
public sealed class YamlOutline
{
    private readonly LineIndex lines;
    private readonly int first;
    private readonly int last;

    private YamlOutline(LineIndex lines, int line)
    {
        this.lines = lines;
        (first, last) = DocumentAround(lines, line);
    }

    public static YamlOutline Of(LineIndex lines, int line) => new(lines, Math.Clamp(line, 0, lines.LineCount - 1));

    /// <summary>The <c>key:</c> entry on a line, or null for a blank, comment, scalar or flow line.</summary>
    public OutlineEntry? EntryAt(int line) => line < first || line > last ? null : Parse(line, lines.LineText(line));

    /// <summary>
    /// The keys that hold a line, outermost first: for a line under a pod template's annotations,
    /// <c>spec, template, metadata, annotations</c>. <paramref name="column"/> is where the line's
    /// own content starts (its key's column); lines at or right of it are not its parents.
    /// </summary>
    public IReadOnlyList<OutlineEntry> Parents(int line, int column)
    {
        var parents = new List<OutlineEntry>();
        var limit = column;
        for (var i = line - 1; i >= first && limit > 0; i--)
        {
            if (Parse(i, lines.LineText(i)) is not { } entry)
            {
                // A line that is not a key line but sits left of the limit (a scalar at a lower level) ends the search.
                var text = lines.LineText(i);
                var indent = Indent(text);
                if (indent < text.Length && text[indent] != '#' && indent < limit && !text.AsSpan(indent).StartsWith("- "))
                {
                    break;
                }

                continue;
            }

            if (entry.Column < limit && entry.Value.Length == 0)
            {
                parents.Add(entry);
                limit = entry.Column;
            }
            else if (entry.Column < limit)
            {
                // A key with a value on its line cannot hold the lines below it.
                break;
            }
        }

        parents.Reverse();
        return parents;
    }

    /// <summary>
    /// The entries of the block mapping that holds the entry at <paramref name="line"/> and
    /// <paramref name="column"/>: its siblings, as far as the mapping reaches up and down (a
    /// sequence item's mapping starts at its <c>- </c> line).
    /// </summary>
    public IReadOnlyList<OutlineEntry> Siblings(int line, int column)
    {
        var found = new List<OutlineEntry>();
        for (var i = line; i >= first; i--)
        {
            if (!Collect(i, column, found, upward: true))
            {
                break;
            }
        }

        for (var i = line + 1; i <= last; i++)
        {
            if (!Collect(i, column, found, upward: false))
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The column of the keys of the document's top mapping (0, or a list item's).</summary>
    public IReadOnlyList<OutlineEntry> TopEntries() =>
        Enumerable.Range(first, last - first + 1).Select(line => Parse(line, lines.LineText(line))).OfType<OutlineEntry>().Where(entry => entry.Column == 0).ToList();

    private bool Collect(int line, int column, List<OutlineEntry> found, bool upward)
    {
        var text = lines.LineText(line);
        var indent = Indent(text);
        if (indent >= text.Length || text[indent] == '#')
        {
            return true;
        }

        var entry = Parse(line, text);
        var content = entry?.Column ?? indent;
        if (content < column)
        {
            return false;
        }

        if (entry is { } sibling && sibling.Column == column)
        {
            if (sibling.StartsItem && !upward)
            {
                // The next item of the same sequence: another mapping.
                return false;
            }

            found.Add(sibling);
            return !(sibling.StartsItem && upward);
        }

        return true;
    }

    private static (int First, int Last) DocumentAround(LineIndex lines, int line)
    {
        var first = 0;
        for (var i = line; i >= 0; i--)
        {
            if (IsMarker(lines.LineText(i)) && i != line)
            {
                first = i + 1;
                break;
            }
        }

        var last = lines.LineCount - 1;
        for (var i = line + 1; i < lines.LineCount; i++)
        {
            if (IsMarker(lines.LineText(i)))
            {
                last = i - 1;
                break;
            }
        }

        return (first, last);
    }

    private static bool IsMarker(string text) =>
        (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal)) && (text.Length == 3 || text[3] is ' ' or '\t');

    public static int Indent(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Reads <c>[- ]key: value</c>, the key plain or quoted; null for anything else.</summary>
    public static OutlineEntry? Parse(int line, string text)
    {
        var i = Indent(text);
        var startsItem = false;
        while (i + 1 < text.Length && text[i] == '-' && text[i + 1] is ' ' or '\t')
        {
            startsItem = true;
            i += 2;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] is '#' or '{' or '[' or '|' or '>' or '&' or '*' or '!' or '%' or '@' or '`')
        {
            return null;
        }

        var keyStart = i;
        string key;
        int keyEnd;
        if (text[i] is '"' or '\'')
        {
            var quote = text[i];
            var close = text.IndexOf(quote, i + 1);
            if (close < 0)
            {
                return null;
            }

            key = text[(i + 1)..close];
            keyEnd = close + 1;
        }
        else
        {
            var colon = ColonOf(text, i);
            if (colon < 0)
            {
                return null;
            }

            key = text[i..colon].TrimEnd();
            keyEnd = i + key.Length;
        }

        var after = keyEnd;
        while (after < text.Length && text[after] is ' ' or '\t')
        {
            after++;
        }

        if (after >= text.Length || text[after] != ':' || key.Length == 0)
        {
            return null;
        }

        var valueStart = after + 1;
        while (valueStart < text.Length && text[valueStart] is ' ' or '\t')
        {
            valueStart++;
        }

        var value = text[valueStart..];
        if (value.StartsWith('#'))
        {
            value = string.Empty;
        }

        return new OutlineEntry(line, keyStart, key, keyEnd, value.TrimEnd(), valueStart, startsItem);
    }

    /// <summary>The colon that ends a plain key: one followed by a blank or the end of the line.</summary>
    private static int ColonOf(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t'))
            {
                return i;
            }

            if (text[i] == '#' && i > from && text[i - 1] is ' ' or '\t')
            {
                return -1;
            }
        }

        return -1;
    }
}
