using MeshLint.Registry;
using MeshLint.Server.Documents;
using MeshLint.Server.Protocol;

namespace MeshLint.Server.Features;

/// <summary>
/// Completion inside <c>labels</c> and <c>annotations</c>: the Istio and Vault keys that apply to
/// the kind of object those keys land on (a pod template's go to Pods, a Service's to the Service,
/// a Namespace's to the Namespace), and, after a key, the values its type enumerates.
/// </summary>
internal static class Completions
{
    public static CompletionList At(LineIndex lines, Position position)
    {
        if (position.Line < 0 || position.Line >= lines.LineCount)
        {
            return Empty;
        }

        var line = position.Line;
        var text = lines.LineText(line);
        var cursor = Math.Clamp(position.Character, 0, text.Length);
        var outline = YamlOutline.Of(lines, line);
        var entry = YamlOutline.Parse(line, text);
        if (entry is not null && cursor >= entry.ValueStart && cursor > entry.KeyEnd)
        {
            return Values(outline, entry, line, cursor, text);
        }

        // A key being typed: from the line's content start (after any "- ") to the cursor.
        var start = YamlOutline.Indent(text);
        if (entry is not null)
        {
            start = entry.Column;
        }

        if (cursor < start || text[start..cursor].Contains(' '))
        {
            return Empty;
        }

        var context = ObjectContext.At(outline, line, start);
        if (context.MetadataSite is not { } site)
        {
            return Empty;
        }

        var typed = text[start..cursor].TrimStart('"', '\'');
        var present = outline.Siblings(line, start).Where(sibling => sibling.Line != line).Select(sibling => sibling.Key).ToHashSet(StringComparer.Ordinal);
        var end = entry?.KeyEnd ?? Math.Max(cursor, WordEnd(text, cursor));
        var range = new Protocol.Range(new Position(line, start), new Position(line, end));
        var addColon = entry is null;
        var items = KeyRegistry.BuiltIn.Entries
            .Where(candidate => candidate.Kind == site.Kind && candidate.AppliesToKind(site.LandsOn))
            .Where(candidate => !candidate.WrittenByIstio && !candidate.WrittenByVault && !present.Contains(candidate.Name))
            .Where(candidate => typed.Length == 0 || candidate.Name.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .Select(candidate => Item(candidate, range, addColon))
            .ToList();
        return new CompletionList(false, items);
    }

    private static readonly CompletionList Empty = new(false, []);

    private static CompletionItem Item(KeyEntry entry, Protocol.Range range, bool addColon)
    {
        var label = entry.IsPrefix ? entry.Name + "NAME" : entry.Name;
        var insert = entry.IsPrefix ? entry.Name : addColon ? entry.Name + ": " : entry.Name;
        return new CompletionItem(label)
        {
            Kind = Lsp.CompletionKindProperty,
            Detail = $"{(KeyDomain.IsVault(entry.Name) ? "Vault" : "Istio")} {(entry.Kind == KeyKind.Annotation ? "annotation" : "label")}: {KeyHelp.Value(entry.Value).Replace("`", string.Empty, StringComparison.Ordinal)}",
            Documentation = new MarkupContent("markdown", KeyHelp.Markdown(entry.Name, entry, null)),
            FilterText = entry.Name,
            // Deprecated keys last, then the rest by name.
            SortText = (entry.Deprecated ? "1" : "0") + entry.Name,
            TextEdit = new TextEdit(range, insert),
            Tags = entry.Deprecated ? [Lsp.CompletionTagDeprecated] : null,
        };
    }

    /// <summary>After <c>key: </c>: the enumerated values of a known key, quoted, since labels and annotations are strings.</summary>
    private static CompletionList Values(YamlOutline outline, OutlineEntry entry, int line, int cursor, string text)
    {
        var context = ObjectContext.At(outline, line, entry.Column);
        if (context.MetadataSite is not { } site || KeyRegistry.BuiltIn.Find(entry.Key, site.Kind) is not { } known)
        {
            return Empty;
        }

        var values = known.Value.Name switch
        {
            "go-bool" => ["true", "false"],
            _ => known.Value.Words("values"),
        };
        if (values.Count == 0)
        {
            return Empty;
        }

        var end = entry.ValueStart + entry.Value.Length;
        // Right after the colon (a trigger character) the value needs its blank: "key:x" is one plain scalar.
        var blank = entry.ValueStart > 0 && text[entry.ValueStart - 1] == ':' ? " " : string.Empty;
        var range = new Protocol.Range(new Position(line, entry.ValueStart), new Position(line, Math.Max(end, cursor)));
        var items = values.Select((value, index) => new CompletionItem(value)
        {
            Kind = Lsp.CompletionKindEnumMember,
            Detail = $"{entry.Key}: {KeyHelp.Value(known.Value).Replace("`", string.Empty, StringComparison.Ordinal)}",
            FilterText = value,
            SortText = index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            TextEdit = new TextEdit(range, blank + "\"" + value + "\""),
        }).ToList();
        return new CompletionList(false, items);
    }

    private static int WordEnd(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] is not (' ' or ':' or '#'))
        {
            i++;
        }

        return i;
    }
}
