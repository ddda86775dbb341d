using MeshLint.Parsing;
using MeshLint.Registry;
using Newtonsoft.Json.Linq;

namespace MeshLint.Tests.Fixes;

/// <summary>
/// What changed between two texts of a manifest, as Kubernetes reads them (each document
/// converted to JSON with YAML 1.1 typing), less the changes fixes are meant to make: a label or
/// annotation value now a string that reads as the same text, the hold added to
/// proxy.istio.io/config (or the annotation, or its metadata, created), a ProxyConfig field
/// renamed to a near name with the same value or a quoted boolean unquoted, and spaces dropped
/// around IP range items, a pod's annotation moved to the pod template (or dropped beside an equal
/// copy), a key renamed to a near name or its registry successor with the same value, the inject
/// annotation turned into the label, Vault's port excluded, nativeSidecar turned on, and a port or
/// interface list or interceptionMode written as Istio reads it. Anything else is returned, by JSON path.
/// </summary>
internal static class SemanticDiff
{
    private const string Hold = "holdApplicationUntilProxyStarts";

    private const string Inject = "sidecar.istio.io/inject";

    /// <summary>The labels and annotations of a document before and after, as (key, value) pairs wherever they stand.</summary>
    private sealed record Keys(HashSet<(string, string)> OldAnnotations, HashSet<(string, string)> NewAnnotations, HashSet<(string, string)> NewLabels)
    {
        public static Keys Of(JToken old, JToken now) => new(Pairs(old, "annotations"), Pairs(now, "annotations"), Pairs(now, "labels"));

        private static HashSet<(string, string)> Pairs(JToken root, string holder)
        {
            var properties = root is JContainer container ? container.Descendants().OfType<JProperty>() : [];
            return properties.Where(p => p.Name == holder && p.Value is JObject).ToList().SelectMany(p => ((JObject)p.Value).Properties())
                .Select(p => (p.Name, p.Value.ToString(Newtonsoft.Json.Formatting.None))).ToHashSet();
        }
    }

    public static List<string> Unexplained(string before, string after)
    {
        var problems = new List<string>();
        Keys keys;
        var old = Documents(before);
        var now = Documents(after);
        if (old.Count != now.Count)
        {
            return [$"{old.Count} documents became {now.Count}"];
        }

        for (var i = 0; i < old.Count; i++)
        {
            var projection = old[i];
            keys = Keys.Of(Root(projection), Root(now[i]));
            Compare(Root(projection), Root(now[i]), [$"[{i}]"], false, problems, token => (projection?.Origin(token) as YamlScalar)?.Value, keys);
        }

        return problems;
    }

    private static JToken Root(JsonProjection? projection) => projection?.Root ?? JValue.CreateNull();

    private static List<JsonProjection?> Documents(string text) =>
        new YamlDocumentReader(text).Documents().Select(document => document.Root is null ? null : JsonProjection.Of(document.Root)).ToList();

    private static JToken Parse(string text) =>
        new YamlDocumentReader(text).Documents().FirstOrDefault()?.Root is { } root ? JsonProjection.Of(root).Root : new JObject();

    /// <param name="written">The text a value was written as in the old file, for the values of the old file.</param>
    private static void Compare(JToken old, JToken now, IReadOnlyList<string> segments, bool inConfig, List<string> problems, Func<JToken, string?> written, Keys keys)
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
                Compare(list[i], newList[i], [.. segments, $"[{i}]"], inConfig, problems, written, keys);
            }

            return;
        }

        if (old.Type == JTokenType.Null && now is JObject created && key is "annotations" or "metadata" or "labels"
            && created.Properties().All(p => AllowedAddition(p.Name, p.Value, inConfig, key, keys)))
        {
            return; // an empty annotations: (or metadata:) that a fix filled
        }

        if (old is JObject before && now is JObject after)
        {
            var added = after.Properties().Select(p => p.Name).Where(name => before.Property(name) is null).ToList();
            foreach (var removed in before.Properties().Where(p => after.Property(p.Name) is null).ToList())
            {
                var renamed = inConfig || key is "annotations" or "labels"
                    ? added.FirstOrDefault(name => JToken.DeepEquals(removed.Value, after[name]) && (Near(removed.Name, name) || Successor(removed.Name, key) == name))
                    : null;
                if (renamed is not null)
                {
                    added.Remove(renamed);
                }
                else if (!AllowedRemoval(removed.Name, removed.Value, key, keys))
                {
                    problems.Add($"{path}.{removed.Name} removed");
                }
            }

            foreach (var name in added.Where(name => !AllowedAddition(name, after[name]!, inConfig, key, keys)))
            {
                problems.Add($"{path}.{name} added: {after[name]!.ToString(Newtonsoft.Json.Formatting.None)}");
            }

            foreach (var property in before.Properties().Where(p => after.Property(p.Name) is not null))
            {
                Compare(property.Value, after[property.Name]!, [.. segments, property.Name], inConfig, problems, written, keys);
            }

            return;
        }

        var oldText = old.Type == JTokenType.String ? old.Value<string>() : null;
        var newText = now.Type == JTokenType.String ? now.Value<string>() : null;
        if (parent is "annotations" or "labels" && oldText is null && newText is not null && newText == written(old))
        {
            return; // MESH007: quoted, and reads as the text that was written
        }

        if (parent == "annotations" && key == "traffic.sidecar.istio.io/excludeOutboundPorts" && newText is not null
            && (oldText ?? written(old)) is { } list0 && newText.StartsWith(list0.Trim() + ",", StringComparison.Ordinal) && newText[(list0.Trim().Length + 1)..].All(char.IsAsciiDigit))
        {
            return; // MESH002: Vault's port appended
        }

        if (oldText is not null && newText is not null)
        {
            if ((key == "proxy.istio.io/config" && parent == "annotations") || (key == "mesh" && parent == "data"))
            {
                Compare(oldText.Trim().Length == 0 ? new JObject() : Parse(oldText), Parse(newText), [.. segments, "(text)"], key == "proxy.istio.io/config", problems, _ => null, keys);
                return;
            }

            if (key.Contains("IPRanges", StringComparison.Ordinal) && newText == string.Join(',', oldText.Split(',').Select(part => part.Trim())))
            {
                return; // MESH006
            }

            if (parent == "annotations" && (key.EndsWith("Ports", StringComparison.Ordinal) || key.EndsWith("Interfaces", StringComparison.Ordinal)))
            {
                if (newText == string.Join(',', oldText.Split(',', StringSplitOptions.TrimEntries).Where(item => item.Length > 0)))
                {
                    return; // MESH016: a list as Istio reads it
                }
            }

            if (key == "sidecar.istio.io/interceptionMode" && string.Equals(oldText.Trim(), newText, StringComparison.OrdinalIgnoreCase))
            {
                return; // MESH016: the mode in Istio's case
            }
        }

        if (inConfig && oldText is "true" or "false" && now.Type == JTokenType.Boolean && now.Value<bool>() == (oldText == "true"))
        {
            return; // MESH004: a quoted boolean
        }

        problems.Add($"{path}: {old.ToString(Newtonsoft.Json.Formatting.None)} became {now.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    private static string? Successor(string name, string holder) =>
        KeyRegistry.BuiltIn.Find(name, holder == "labels" ? KeyKind.Label : KeyKind.Annotation)?.Replacement is { } replacement
        && (replacement.Kind == KeyKind.Label) == (holder == "labels") ? replacement.Name : null;

    /// <summary>A pod's annotation that now stands elsewhere with its value (MESH005), the inject annotation now a label (MESH015), or a holder of only such.</summary>
    private static bool AllowedRemoval(string name, JToken value, string holder, Keys keys) => holder switch
    {
        "annotations" when name == Inject => keys.NewLabels.Contains((Inject, "\"" + InjectWord(value.ToString()) + "\"")) || keys.NewAnnotations.Contains((name, value.ToString(Newtonsoft.Json.Formatting.None))),
        "annotations" => keys.NewAnnotations.Contains((name, value.ToString(Newtonsoft.Json.Formatting.None))),
        "metadata" when name == "annotations" && value is JObject annotations => annotations.Properties().All(p => AllowedRemoval(p.Name, p.Value, name, keys)),
        _ => false,
    };

    private static string InjectWord(string word) => word.ToLowerInvariant() is "y" or "yes" or "true" or "on" ? "true" : "false";

    private static bool AllowedAddition(string name, JToken value, bool inConfig, string parentKey, Keys keys) => name switch
    {
        Hold => inConfig && value.Type == JTokenType.Boolean && value.Value<bool>(),
        "proxy.istio.io/config" when parentKey == "annotations" && value.Type == JTokenType.String && JToken.DeepEquals(Parse(value.Value<string>()!), new JObject { [Hold] = true }) => true,
        "annotations" or "metadata" or "labels" => value is JObject obj && obj.Properties().All(p => AllowedAddition(p.Name, p.Value, inConfig, name, keys)),
        "traffic.sidecar.istio.io/excludeOutboundPorts" when parentKey == "annotations" && value.Type == JTokenType.String && value.Value<string>()!.All(char.IsAsciiDigit) => true,
        "sidecar.istio.io/nativeSidecar" when parentKey == "annotations" && value.Type == JTokenType.String && value.Value<string>() == "true" => true,
        Inject when parentKey == "labels" => keys.OldAnnotations.Any(pair => pair.Item1 == Inject && InjectWord(pair.Item2.Trim('"')) == value.ToString()),
        _ => parentKey == "annotations" && keys.OldAnnotations.Contains((name, value.ToString(Newtonsoft.Json.Formatting.None))),
    };

    private static bool Near(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || Math.Abs(a.Length - b.Length) <= 2 && a.Zip(b).Count(pair => pair.First != pair.Second) <= Math.Max(2, a.Length / 4) + 2;
}
