using MeshLint.Parsing;
using Newtonsoft.Json.Linq;

namespace MeshLint.Tests.Fixes;

/// <summary>
/// What changed between two texts of a manifest, as Kubernetes reads them (each document
/// converted to JSON with YAML 1.1 typing), less the changes fixes are meant to make: a label or
/// annotation value now a string that reads as the same text, the hold added to
/// proxy.istio.io/config (or the annotation, or its metadata, created), a ProxyConfig field
/// renamed to a near name with the same value or a quoted boolean unquoted, and spaces dropped
/// around IP range items. Anything else is returned, by JSON path.
/// </summary>
internal static class SemanticDiff
{
    private const string Hold = "holdApplicationUntilProxyStarts";

    public static List<string> Unexplained(string before, string after)
    {
        var problems = new List<string>();
        var old = Documents(before);
        var now = Documents(after);
        if (old.Count != now.Count)
        {
            return [$"{old.Count} documents became {now.Count}"];
        }

        for (var i = 0; i < old.Count; i++)
        {
            var projection = old[i];
            Compare(Root(projection), Root(now[i]), [$"[{i}]"], false, problems, token => (projection?.Origin(token) as YamlScalar)?.Value);
        }

        return problems;
    }

    private static JToken Root(JsonProjection? projection) => projection?.Root ?? JValue.CreateNull();

    private static List<JsonProjection?> Documents(string text) =>
        new YamlDocumentReader(text).Documents().Select(document => document.Root is null ? null : JsonProjection.Of(document.Root)).ToList();

    private static JToken Parse(string text) =>
        new YamlDocumentReader(text).Documents().FirstOrDefault()?.Root is { } root ? JsonProjection.Of(root).Root : new JObject();

    /// <param name="written">The text a value was written as in the old file, for the values of the old file.</param>
    private static void Compare(JToken old, JToken now, IReadOnlyList<string> segments, bool inConfig, List<string> problems, Func<JToken, string?> written)
    {
        if (JToken.DeepEquals(old, now))
        {
            return;
        }

        var path = string.Join('.', segments);
        var key = segments[^1];
        var parent = segments.Count > 1 ? segments[^2] : string.Empty;
        inConfig |= key == "defaultConfig";
        if (old is JArray list && now is JArray newList && list.Count == newList.Count)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Compare(list[i], newList[i], [.. segments, $"[{i}]"], inConfig, problems, written);
            }

            return;
        }

        if (old.Type == JTokenType.Null && now is JObject created && key is "annotations" or "metadata"
            && created.Properties().All(p => AllowedAddition(p.Name, p.Value, inConfig, key)))
        {
            return; // an empty annotations: (or metadata:) that a fix filled
        }

        if (old is JObject before && now is JObject after)
        {
            var added = after.Properties().Select(p => p.Name).Where(name => before.Property(name) is null).ToList();
            foreach (var removed in before.Properties().Where(p => after.Property(p.Name) is null).ToList())
            {
                var renamed = inConfig ? added.FirstOrDefault(name => JToken.DeepEquals(removed.Value, after[name]) && Near(removed.Name, name)) : null;
                if (renamed is null)
                {
                    problems.Add($"{path}.{removed.Name} removed");
                }
                else
                {
                    added.Remove(renamed);
                }
            }

            foreach (var name in added.Where(name => !AllowedAddition(name, after[name]!, inConfig, key)))
            {
                problems.Add($"{path}.{name} added: {after[name]!.ToString(Newtonsoft.Json.Formatting.None)}");
            }

            foreach (var property in before.Properties().Where(p => after.Property(p.Name) is not null))
            {
                Compare(property.Value, after[property.Name]!, [.. segments, property.Name], inConfig, problems, written);
            }

            return;
        }

        var oldText = old.Type == JTokenType.String ? old.Value<string>() : null;
        var newText = now.Type == JTokenType.String ? now.Value<string>() : null;
        if (parent is "annotations" or "labels" && oldText is null && newText is not null && newText == written(old))
        {
            return; // MESH007: quoted, and reads as the text that was written
        }

        if (oldText is not null && newText is not null)
        {
            if ((key == "proxy.istio.io/config" && parent == "annotations") || (key == "mesh" && parent == "data"))
            {
                Compare(oldText.Trim().Length == 0 ? new JObject() : Parse(oldText), Parse(newText), [.. segments, "(text)"], key == "proxy.istio.io/config", problems, _ => null);
                return;
            }

            if (key.Contains("IPRanges", StringComparison.Ordinal) && newText == string.Join(',', oldText.Split(',').Select(part => part.Trim())))
            {
                return; // MESH006
            }
        }

        if (inConfig && oldText is "true" or "false" && now.Type == JTokenType.Boolean && now.Value<bool>() == (oldText == "true"))
        {
            return; // MESH004: a quoted boolean
        }

        problems.Add($"{path}: {old.ToString(Newtonsoft.Json.Formatting.None)} became {now.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    private static bool AllowedAddition(string name, JToken value, bool inConfig, string parentKey) => name switch
    {
        Hold => inConfig && value.Type == JTokenType.Boolean && value.Value<bool>(),
        "proxy.istio.io/config" => parentKey == "annotations" && value.Type == JTokenType.String && JToken.DeepEquals(Parse(value.Value<string>()!), new JObject { [Hold] = true }),
        "annotations" or "metadata" => value is JObject obj && obj.Properties().All(p => AllowedAddition(p.Name, p.Value, inConfig, name)),
        _ => false,
    };

    private static bool Near(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || Math.Abs(a.Length - b.Length) <= 2 && a.Zip(b).Count(pair => pair.First != pair.Second) <= Math.Max(2, a.Length / 4) + 2;
}
