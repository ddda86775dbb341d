using System.Globalization;
using MeshLint.Input;
using MeshLint.Parsing;

namespace MeshLint.Registry;

/// <summary>
/// Every annotation and label key MeshLint knows, read from the <c>rules/registry/*.yaml</c> files
/// embedded in this assembly: Istio's own registry, the keys Istio reads without registering them,
/// and the Vault Agent injector's annotations.
/// </summary>
internal sealed class KeyRegistry
{
    private const int SuggestionCapacity = 4096;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, KeyKind Kind), (string? Nearest, string? Unique)> suggestions = new();

    private const string ResourcePrefix = "rules/registry/";

    private readonly Dictionary<(KeyKind, string), KeyEntry> exact = [];
    private readonly Dictionary<KeyKind, List<KeyEntry>> prefixes = [];
    private readonly Dictionary<(KeyKind, string), KeyEntry> removed = [];

    /// <param name="entries">Every entry, those of keys the registry no longer lists (with a <c>removed</c> release) among them.</param>
    public KeyRegistry(IEnumerable<KeyEntry> entries)
    {
        var all = entries.ToList();
        Entries = all.Where(entry => entry.History.Removed is null).ToList();
        Removed = all.Where(entry => entry.History.Removed is not null).ToList();
        foreach (var entry in Removed)
        {
            if (entry.IsPrefix || !removed.TryAdd((entry.Kind, entry.Name), entry))
            {
                throw new InvalidDataException($"{entry.Source}: removed {entry.Kind} '{entry.Name}' is a prefix or listed twice");
            }
        }

        foreach (var entry in Entries)
        {
            if (entry.IsPrefix)
            {
                if (!prefixes.TryGetValue(entry.Kind, out var list))
                {
                    prefixes[entry.Kind] = list = [];
                }

                list.Add(entry);
            }
            else if (!exact.TryAdd((entry.Kind, entry.Name), entry) || removed.ContainsKey((entry.Kind, entry.Name)))
            {
                throw new InvalidDataException($"{entry.Source}: {entry.Kind} '{entry.Name}' is listed twice");
            }
        }

        // Longest first: vault-k8s strips agent-inject-template-file- before agent-inject-template-,
        // so a key must resolve to the most specific prefix it carries.
        foreach (var list in prefixes.Values)
        {
            list.Sort((left, right) => right.Name.Length.CompareTo(left.Name.Length));
        }
    }

    /// <summary>The keys the newest registry lists, or Istio reads without listing them.</summary>
    public IReadOnlyList<KeyEntry> Entries { get; }

    /// <summary>Keys an older release listed or read and the newest registry no longer lists: <see cref="Find"/> does not see them.</summary>
    public IReadOnlyList<KeyEntry> Removed { get; }

    public static KeyRegistry BuiltIn { get; } = LoadBuiltIn();

    /// <summary>
    /// The entry for a key as written on an object: an exact entry, else the longest prefix entry
    /// that leaves a non-empty name after it. Key names are case-sensitive, as in Kubernetes.
    /// </summary>
    public KeyEntry? Find(string name, KeyKind kind)
    {
        if (exact.TryGetValue((kind, name), out var entry))
        {
            return entry;
        }

        return prefixes.TryGetValue(kind, out var list)
            ? list.FirstOrDefault(candidate => name.Length > candidate.Name.Length && name.StartsWith(candidate.Name, StringComparison.Ordinal))
            : null;
    }

    /// <summary>
    /// What Istio <paramref name="istio"/> makes of a key as written on an object: not yet read,
    /// read, deprecated, or no longer read (in which release, and with which successor), or unknown
    /// to every release MeshLint knows. Null stands for the newest release, as <see cref="Find"/> does.
    /// </summary>
    public KeyStatus StatusIn(string name, KeyKind kind, MinorRelease? istio)
    {
        var entry = Find(name, kind) ?? FindRemoved(name, kind);
        return entry is null ? KeyStatus.Unknown : entry.StatusIn(istio);
    }

    /// <summary>The entry of a key an older release listed and the newest registry no longer does, by exact name.</summary>
    public KeyEntry? FindRemoved(string name, KeyKind kind) => removed.GetValueOrDefault((kind, name));

    /// <summary>
    /// "Did you mean": the key of <paramref name="kind"/> nearest to <paramref name="name"/>, at an
    /// edit distance of at most 3 or equal but for case. A prefix entry is tried with each name the
    /// key could carry after a dash, so <c>agent-inject-secrets-db</c> finds <c>agent-inject-secret-db</c>.
    /// </summary>
    public string? Suggest(string name, KeyKind kind) => Suggestions(name, kind).Nearest;

    /// <summary>
    /// <see cref="Suggest"/>'s key when no other key of <paramref name="kind"/> is as near: the one a
    /// fix may rename to, where a tie would be a guess.
    /// </summary>
    public string? SuggestUnique(string name, KeyKind kind) => Suggestions(name, kind).Unique;

    /// <summary>
    /// Both answers at once, remembered: each takes edit distances to every known key, and a
    /// repository repeats its misspellings (one in a Helm helper is in every workload rendered from it).
    /// </summary>
    private (string? Nearest, string? Unique) Suggestions(string name, KeyKind kind)
    {
        if (suggestions.TryGetValue((name, kind), out var known))
        {
            return known;
        }

        var nearest = Nearest(name, kind);
        string? unique = null;
        if (nearest is not null)
        {
            var distance = ClosestName.Distance(name, nearest);
            var rivals = Entries.Where(entry => entry.Kind == kind && !entry.IsPrefix && entry.Name != nearest).Select(entry => entry.Name);
            unique = rivals.Any(rival => ClosestName.Distance(name, rival) <= distance) ? null : nearest;
        }

        if (suggestions.Count < SuggestionCapacity)
        {
            suggestions.TryAdd((name, kind), (nearest, unique));
        }

        return (nearest, unique);
    }

    private string? Nearest(string name, KeyKind kind)
    {
        const int MaxDistance = 3;
        var candidates = Entries.Where(entry => entry.Kind == kind && !entry.IsPrefix).Select(entry => entry.Name);
        if (prefixes.TryGetValue(kind, out var list))
        {
            var start = name.IndexOf('/') + 1;
            var tails = Enumerable.Range(start, name.Length - start).Where(i => name[i] == '-' && i + 1 < name.Length).Select(i => name[(i + 1)..]).ToList();
            candidates = candidates.Concat(list.SelectMany(prefix => tails.Select(tail => prefix.Name + tail)));
        }

        return ClosestName.Find(name, candidates, MaxDistance) is { } found && found != name ? found : null;
    }

    /// <summary>The embedded data files of the registry, in path order.</summary>
    public static IReadOnlyList<string> ResourceNames() =>
        RuleData.Paths(ResourcePrefix).Where(name => name.EndsWith(".yaml", StringComparison.Ordinal)).ToList();

    private static KeyRegistry LoadBuiltIn()
    {
        return new KeyRegistry(ResourceNames().SelectMany(name => KeyRegistryReader.Read(name, RuleData.Read(name))));
    }
}

/// <summary>Reads one registry file; a broken built-in file is a build defect, so this throws.</summary>
internal static class KeyRegistryReader
{
    public static IReadOnlyList<KeyEntry> Read(string source, string yaml)
    {
        var document = new YamlDocumentReader(yaml).Documents().First();
        if (document.Problems.Count > 0 || document.Root is not YamlMapping root)
        {
            throw new InvalidDataException($"{source}: not a YAML mapping ({string.Join("; ", document.Problems.Select(p => p.Message))})");
        }

        var kind = root.Text("kind") switch
        {
            "annotation" => KeyKind.Annotation,
            "label" => KeyKind.Label,
            var other => throw new InvalidDataException($"{source}: kind must be annotation or label, not '{other}'"),
        };

        var historyFrom = Release(source, root, "historyFrom");
        var keys = root.Sequence("keys") ?? throw new InvalidDataException($"{source}: missing 'keys'");
        return keys.Items.Select(item => ReadEntry(source, kind, historyFrom, item as YamlMapping ?? throw new InvalidDataException($"{source}: a key at line {item.Start.Line} is not a mapping"))).ToList();
    }

    private static KeyEntry ReadEntry(string source, KeyKind kind, MinorRelease? historyFrom, YamlMapping node)
    {
        var prefix = node.Text("prefix");
        var name = prefix ?? node.Text("name") ?? throw new InvalidDataException($"{source}: key at line {node.Start.Line} has neither name nor prefix");
        var where = $"{source}: {name}";
        var replacement = node.Mapping("replacement") is { } replaced
            ? new KeyReplacement(
                replaced.Text("name") ?? throw new InvalidDataException($"{where}: replacement needs a name"),
                replaced.Text("kind") == "label" ? KeyKind.Label : KeyKind.Annotation)
            : null;
        var status = node.Text("featureStatus") is { } statusText
            ? Enum.TryParse<FeatureStatus>(statusText, ignoreCase: false, out var parsed) ? parsed : throw new InvalidDataException($"{where}: unknown featureStatus '{statusText}'")
            : (FeatureStatus?)null;

        var removed = Release(where, node, "removed");
        return new KeyEntry(
            name,
            kind,
            prefix is not null,
            source,
            Words(node.Sequence("appliesTo")),
            status,
            Flag(node, "deprecated"),
            Flag(node, "hidden"),
            node.Text("registered") != "false",
            replacement,
            node.Text("deprecationNote"),
            node.Text("description") ?? throw new InvalidDataException($"{where}: missing description"),
            removed is not null && node.Mapping("value") is null ? ValueType.AnyString : ReadValue(where, node.Mapping("value")),
            Flag(node, "rejectedByInjector"),
            Flag(node, "writtenByIstio"),
            Flag(node, "writtenByVault"),
            Words(node.Sequence("readBy")),
            node.Text("whenInvalid"),
            Flag(node, "foreignValue"))
        {
            History = ReadHistory(where, node, historyFrom, removed),
        };
    }

    private static KeyHistory ReadHistory(string where, YamlMapping node, MinorRelease? historyFrom, MinorRelease? removed)
    {
        var added = Release(where, node, "added");
        var history = new KeyHistory(
            added,
            Release(where, node, "readSince"),
            Release(where, node, "deprecatedIn"),
            removed,
            Release(where, node, "ignoredSince"),
            added is { } first && first == historyFrom,
            node.Text("historyNote"));
        // Istio may stop reading a key before its registry deprecates it (sidecar.istio.io/controlPlaneAuthPolicy), not before it reads it.
        var firstRead = history.ReadSince ?? history.Added;
        if (history.ReadSince >= history.Added || history.IgnoredSince >= history.Removed || history.Added > history.DeprecatedIn
            || history.DeprecatedIn > history.Removed || firstRead >= history.GoneIn)
        {
            throw new InvalidDataException($"{where}: its releases are out of order");
        }

        return history;
    }

    private static MinorRelease? Release(string where, YamlMapping node, string key) => node.Text(key) switch
    {
        null => null,
        var text when MinorRelease.Parse(text) is { } release && text == release.ToString() => release,
        var text => throw new InvalidDataException($"{where}: {key} must be a minor release such as 1.24, not '{text}'"),
    };

    private static ValueType ReadValue(string where, YamlMapping? node)
    {
        if (node is null)
        {
            throw new InvalidDataException($"{where}: missing value");
        }

        var type = node.Text("type") ?? throw new InvalidDataException($"{where}: value needs a type");
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            if (key.Value == "type")
            {
                continue;
            }

            parameters[key.Value] = value switch
            {
                YamlSequence sequence => Words(sequence),
                YamlScalar { Type: ScalarType.Bool } scalar => string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase),
                YamlScalar { Type: ScalarType.Int } scalar => long.Parse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                YamlScalar scalar => scalar.Value,
                _ => throw new InvalidDataException($"{where}: value parameter '{key.Value}' must be a scalar or a list"),
            };
        }

        return new ValueType(type, parameters);
    }

    // Raw scalar text, so that enum values such as true or off stay the words written in the file.
    private static IReadOnlyList<string> Words(YamlSequence? sequence) =>
        sequence?.Items.OfType<YamlScalar>().Select(item => item.Value).ToList() ?? [];

    private static bool Flag(YamlMapping node, string key) => node.Text(key) == "true";
}
