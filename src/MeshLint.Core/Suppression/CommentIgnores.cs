using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Rules;

namespace MeshLint.Suppression;

/// <summary>
/// Finds <c># meshlint:ignore RULE[,RULE...] [reason]</c> comments by scanning the raw lines, not
/// through YamlDotNet's comment events: a comment covers whole lines, so the parser's positions
/// are not needed, and the substring test that skips files without a marker cost about 0.6 ms per
/// 265 KiB where one YamlDotNet event pass over the same text took 45-100 ms (measured on the
/// examples repeated 200 times). Comment events would also change the shared document reader.
/// </summary>
internal static class CommentIgnores
{
    public const string Marker = "meshlint:ignore";

    public static IReadOnlyList<InlineIgnore> Scan(string text, RuleCatalog catalog)
    {
        if (!text.Contains(Marker, StringComparison.Ordinal))
        {
            return [];
        }

        var ignores = new List<InlineIgnore>();
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsBreak(text[i]))
            {
                continue;
            }

            if (Read(text.AsSpan(lineStart, i - lineStart), line, catalog) is { } ignore)
            {
                ignores.Add(ignore);
            }

            // YamlDotNet counts CR LF as one break and CR, LF, NEL, LS and PS alone as one each.
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            line++;
            lineStart = i + 1;
        }

        return ignores;
    }

    private static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private static InlineIgnore? Read(ReadOnlySpan<char> line, int number, RuleCatalog catalog)
    {
        var marker = line.IndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        // The marker must open a YAML comment: '#' at the start of the line or after a space,
        // then only spaces before the marker. Anything else is text inside a value.
        var hash = line[..marker].TrimEnd(" \t").Length - 1;
        if (hash < 0 || line[hash] != '#' || (hash > 0 && line[hash - 1] is not (' ' or '\t')))
        {
            return null;
        }

        var rest = line[(marker + Marker.Length)..];
        if (rest.Length > 0 && rest[0] is not (' ' or '\t'))
        {
            return null; // e.g. meshlint:ignore-next, not ours
        }

        var words = rest.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var list = new List<string>();
        var taken = 0;
        // "MESH001, MESH005 reason": a list item that ends in a comma continues into the next word.
        while (taken < words.Length && (taken == 0 || list[^1].EndsWith(',')))
        {
            list.Add(words[taken]);
            taken++;
        }

        var rules = list.Count == 0 ? [] : IgnoredRules.Parse(string.Concat(list), catalog);
        var reason = taken < words.Length ? string.Join(' ', words[taken..]) : null;
        var column = hash + 1;
        var at = new SourceSpan(new SourcePosition(number, column), new SourcePosition(number, line.Length + 1));
        return new InlineIgnore(IgnoreSource.Comment, rules, reason, at);
    }
}
