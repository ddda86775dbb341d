using System.Text;
using MeshLint.Parsing;
using YamlDotNet.Core;

namespace MeshLint.Fixes;

/// <summary>
/// Builds text edits on YAML through the parser's positions: a scalar replaced, a key renamed, an
/// entry added to a mapping in the mapping's own style (block or flow, indentation, quoting of
/// its siblings, the file's line ending). Every method returns null rather than guess: a node
/// reached through an alias or a merge key (the edit would change another object), a block scalar
/// where a plain one was expected, or a position that does not hold the text the parser saw.
/// </summary>
public sealed class YamlEdits(SourceMap map)
{
    public SourceMap Map { get; } = map;

    /// <summary>The scalar's source text, quotes included, as an offset range; null for block scalars and when the text does not match.</summary>
    public (int Start, int End)? ScalarRange(YamlScalar scalar)
    {
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return null;
        }

        var start = Map.OffsetOf(scalar.Start);
        var end = Map.OffsetOf(scalar.Span.End);
        if (end <= start)
        {
            return null;
        }

        var text = Map.Text[start..end];
        var expected = scalar.Style switch
        {
            ScalarStyle.DoubleQuoted => text.Length >= 2 && text[0] == '"' && text[^1] == '"',
            ScalarStyle.SingleQuoted => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'',
            _ => text == scalar.Value,
        };
        return expected ? (start, end) : null;
    }

    /// <summary>Replaces a scalar's source text (quotes included) with <paramref name="replacement"/>.</summary>
    public TextEdit? ReplaceScalar(YamlScalar scalar, string replacement) =>
        ScalarRange(scalar) is { } range ? Map.Replace(range.Start, range.End - range.Start, replacement) : null;

    /// <summary>Renames a key, keeping its quoting.</summary>
    public TextEdit? RenameKey(YamlScalar key, string name) =>
        key.Style is ScalarStyle.Plain or ScalarStyle.Any && !IsSafePlain(name) ? null : ReplaceScalar(key, Scalar(name, key.Style));

    /// <summary>
    /// Adds <paramref name="key"/> to <paramref name="mapping"/>: at the end of a block mapping, on a
    /// line of its own at its siblings' indentation, or into a flow mapping after its last entry.
    /// <paramref name="styleFrom"/> lends its key and value quoting when the mapping has no entries.
    /// </summary>
    /// <param name="json">With no sibling to follow, write the key as JSON does (a document held in a string, <c>'{}'</c>).</param>
    public TextEdit? AddEntry(YamlMapping mapping, string key, NewValue value, YamlMapping? styleFrom = null, bool first = false, bool json = false)
    {
        if (!Owned(mapping))
        {
            return null;
        }

        var style = mapping.Entries.Count == 0 && styleFrom is null && json
            ? new Style(ScalarStyle.DoubleQuoted, ScalarStyle.DoubleQuoted)
            : Style.Of(mapping.Entries.Count > 0 ? mapping : styleFrom ?? mapping);
        if (IsFlow(mapping))
        {
            return AddToFlow(mapping, key, value, style);
        }

        if (mapping.Entries.Count == 0)
        {
            return null;
        }

        var indent = mapping.Entries[0].Key.Start.Column - 1;
        var step = Step(mapping);
        if (first && IsLineStart(mapping.Entries[0].Key))
        {
            var lineStart = Map.LineStart(mapping.Entries[0].Key.Start.Line);
            return Map.Insert(lineStart, Block(key, value, indent, step, style) + Map.LineEnding);
        }

        var last = mapping.Entries[^1];
        var end = Map.LineEnd(LastLineOf(last, indent));
        return Map.Insert(end, Map.LineEnding + Block(key, value, indent, step, style));
    }

    /// <summary>Gives a key with an empty value (<c>annotations:</c>) a mapping of one entry, on the lines below it.</summary>
    public TextEdit? FillEmpty(YamlEntry entry, YamlMapping parent, string key, NewValue value)
    {
        if (entry.Value is not YamlScalar { Type: ScalarType.Null, IsPlain: true } empty || !Owned(parent))
        {
            return null;
        }

        var style = Style.Of(parent);
        var indent = entry.Key.Start.Column - 1;
        var step = Step(parent);
        if (empty.Value.Length > 0)
        {
            // "annotations: ~" or "annotations: null": a flow mapping replaces the null in place.
            return ReplaceScalar(empty, "{" + Flow(key, value, style) + "}");
        }

        if (IsFlow(parent))
        {
            var at = Map.OffsetOf(entry.Key.Span.End);
            var colon = Map.Text.IndexOf(':', at);
            return colon < 0 ? null : Map.Insert(colon + 1, " {" + Flow(key, value, style) + "}");
        }

        return Map.Insert(Map.LineEnd(entry.Key.Start.Line), Map.LineEnding + Block(key, value, indent + step, step, style));
    }

    /// <summary>
    /// Removes an entry of a block mapping, with the lines its value spans; when it is the only entry
    /// of <paramref name="holder"/> (the value of <paramref name="holderEntry"/> in <paramref name="parent"/>),
    /// the holder's entry goes instead, so no empty <c>annotations:</c> is left that reads as null.
    /// Null for flow mappings, entries that do not start a line, and a holder that is its parent's only entry.
    /// </summary>
    public TextEdit? RemoveEntry(YamlMapping parent, YamlEntry holderEntry, YamlEntry entry)
    {
        if (holderEntry.Value is not YamlMapping holder || !Owned(parent, holderEntry) || !Owned(holder, entry))
        {
            return null;
        }

        return holder.Entries.Count > 1 ? RemoveLines(holder, entry) : parent.Entries.Count > 1 ? RemoveLines(parent, holderEntry) : null;
    }

    private TextEdit? RemoveLines(YamlMapping mapping, YamlEntry entry)
    {
        if (mapping.IsFlow || !IsLineStart(entry.Key) || entry.Key.Start.Column != mapping.Entries[0].Key.Start.Column)
        {
            return null;
        }

        var first = entry.Key.Start.Line;
        var last = LastLineOf(entry, entry.Key.Start.Column - 1);
        if (last < Map.LineCount)
        {
            return Map.Replace(Map.LineStart(first), Map.LineStart(last + 1) - Map.LineStart(first), string.Empty);
        }

        // The last line of the file has no break after it: take the break before the entry instead.
        var start = first > 1 ? Map.LineEnd(first - 1) : Map.LineStart(first);
        return Map.Replace(start, Map.Text.Length - start, string.Empty);
    }

    /// <summary>
    /// The mapping's entries are its own: written inside it, each value after its key. A mapping
    /// reached through an alias, or entries merged in with <c>&lt;&lt;</c>, sit elsewhere in the file.
    /// </summary>
    public static bool Owned(YamlMapping mapping) =>
        mapping.Entries.All(entry => !Before(entry.Key.Start, mapping.Start) && !Before(mapping.Span.End, entry.Key.Start) && !Before(entry.Value.Start, entry.Key.Span.End));

    /// <summary>The entry is written where its parent mapping is (not merged in, not an alias).</summary>
    public static bool Owned(YamlMapping parent, YamlEntry entry) =>
        parent.Entries.Contains(entry) && !Before(entry.Key.Start, parent.Start) && !Before(parent.Span.End, entry.Key.Start) && !Before(entry.Value.Start, entry.Key.Span.End);

    public static bool Before(SourcePosition a, SourcePosition b) => a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);

    /// <summary>A scalar in the given style: quotes and escapes as YAML needs them.</summary>
    public static string Scalar(string text, ScalarStyle style) => style switch
    {
        ScalarStyle.DoubleQuoted => DoubleQuoted(text),
        ScalarStyle.SingleQuoted => text.Contains('\n') ? DoubleQuoted(text) : $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        _ => IsSafePlain(text) && YamlScalarTypes.ResolvePlain(text) == ScalarType.String ? text : DoubleQuoted(text),
    };

    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text that reads as itself when written plain, in block and flow context alike.</summary>
    public static bool IsSafePlain(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_') && !text.StartsWith('-') && !text.StartsWith('.');

    private static bool IsFlow(YamlMapping mapping) => mapping.IsFlow;

    private TextEdit? AddToFlow(YamlMapping mapping, string key, NewValue value, Style style)
    {
        var open = Map.OffsetOf(mapping.Start);
        if (open >= Map.Text.Length || Map.Text[open] != '{' || CloseOf(mapping) is not { } close || close <= open)
        {
            return null;
        }

        var entry = Flow(key, value, style);
        if (mapping.Entries.Count == 0)
        {
            return Map.Insert(open + 1, entry);
        }

        var last = mapping.Entries[^1];
        var after = last.Value switch
        {
            YamlScalar scalar => ScalarRange(scalar)?.End,
            YamlMapping { IsFlow: true } or YamlSequence { IsFlow: true } => CloseOf(last.Value) + 1,
            _ => null,
        };
        if (after is not { } at)
        {
            return null;
        }

        // A flow mapping laid out one entry a line (JSON as formatters write it) gets its new entry on a line of its own.
        return last.Key.Start.Line > mapping.Start.Line
            ? Map.Insert(at, "," + Map.LineEnding + new string(' ', last.Key.Start.Column - 1) + entry)
            : Map.Insert(at, ", " + entry);
    }

    /// <summary>
    /// The offset of a flow collection's closing bracket. The parser's end of a flow collection is
    /// the bracket itself (YamlDotNet's end event starts there), not the character after it.
    /// </summary>
    private int? CloseOf(YamlNode collection)
    {
        var bracket = collection is YamlMapping ? '}' : ']';
        var at = Map.OffsetOf(collection.Span.End);
        return at < Map.Text.Length && Map.Text[at] == bracket ? at
            : at > 0 && Map.Text[at - 1] == bracket ? at - 1
            : null;
    }

    private bool IsLineStart(YamlScalar key) =>
        Map.Text[Map.LineStart(key.Start.Line)..Map.OffsetOf(key.Start)].All(c => c == ' ');

    /// <summary>The last line of an entry of a block mapping: every following line indented deeper belongs to its value.</summary>
    private int LastLineOf(YamlEntry entry, int indent)
    {
        var last = entry.Key.Start.Line;
        var compactList = entry.Value is YamlSequence;
        for (var line = last + 1; line <= Map.LineCount; line++)
        {
            var text = Map.Line(line);
            var trimmed = text.TrimStart(' ');
            if (trimmed.Trim().Length == 0)
            {
                continue;
            }

            var depth = text.Length - trimmed.Length;
            if (depth > indent || (compactList && depth == indent && (trimmed == "-" || trimmed.StartsWith("- ", StringComparison.Ordinal))))
            {
                last = line;
                continue;
            }

            break;
        }

        return last;
    }

    /// <summary>
    /// How far the file indents a mapping's children from their key: as one of the mapping's own
    /// children is indented, else as the mapping itself is from the line above it, else 2.
    /// </summary>
    private int Step(YamlMapping mapping)
    {
        foreach (var entry in mapping.Entries)
        {
            if (entry.Value is YamlMapping { IsFlow: false, Entries.Count: > 0 } child && child.Entries[0].Key.Start.Column > entry.Key.Start.Column)
            {
                return child.Entries[0].Key.Start.Column - entry.Key.Start.Column;
            }
        }

        if (!mapping.IsFlow && mapping.Entries.Count > 0 && IsLineStart(mapping.Entries[0].Key))
        {
            for (var line = mapping.Entries[0].Key.Start.Line - 1; line >= 1; line--)
            {
                var text = Map.Line(line);
                var trimmed = text.TrimStart(' ');
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                var step = mapping.Entries[0].Key.Start.Column - 1 - (text.Length - trimmed.Length);
                return step > 0 && trimmed.TrimEnd().EndsWith(':') ? step : 2;
            }
        }

        return 2;
    }

    private string Block(string key, NewValue value, int indent, int step, Style style)
    {
        var head = new string(' ', indent) + style.Key(key) + ":";
        return value switch
        {
            NewMap child => head + Map.LineEnding + Block(child.Key, child.Value, indent + step, step, style),
            _ => head + " " + style.Value(value),
        };
    }

    private static string Flow(string key, NewValue value, Style style) => style.Key(key) + ": " + value switch
    {
        NewMap child => "{" + Flow(child.Key, child.Value, style) + "}",
        _ => style.Value(value),
    };

    /// <summary>How the siblings write keys and string values.</summary>
    private sealed record Style(ScalarStyle Keys, ScalarStyle Values)
    {
        public static Style Of(YamlMapping mapping)
        {
            var keys = mapping.Entries.Select(entry => entry.Key.Style).FirstOrDefault(ScalarStyle.Plain);
            var values = mapping.Entries.Select(entry => entry.Value).OfType<YamlScalar>().Select(scalar => scalar.Style)
                .FirstOrDefault(s => s is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted, keys is ScalarStyle.DoubleQuoted ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
            return new Style(keys, values);
        }

        public string Key(string key) => Scalar(key, Keys);

        // JSON text as a value of a YAML (not JSON) mapping reads better in single quotes, which need no escapes.
        public string Value(NewValue value) => value switch
        {
            NewString text when Values == ScalarStyle.DoubleQuoted && Keys != ScalarStyle.DoubleQuoted && text.Text.Contains('"') && !text.Text.Contains('\n') => Scalar(text.Text, ScalarStyle.SingleQuoted),
            NewString text => Scalar(text.Text, Values),
            NewRaw raw => raw.Yaml,
            _ => throw new ArgumentException("a mapping is not a scalar value", nameof(value)),
        };
    }
}
