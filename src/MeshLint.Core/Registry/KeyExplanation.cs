using System.Text;

namespace MeshLint.Registry;

/// <summary><c>meshlint explain KEY</c>: a key's registry entries (annotation, label or both) as text.</summary>
public static class KeyExplanation
{
    /// <summary>
    /// The entries of <paramref name="key"/> as a reader wants them, keys that Istio no longer reads
    /// among them, or null when the registry knows no such key.
    /// </summary>
    public static string? Describe(string key)
    {
        var registry = KeyRegistry.BuiltIn;
        var entries = new[] { KeyKind.Annotation, KeyKind.Label }.Select(kind => registry.Find(key, kind) ?? registry.FindRemoved(key, kind)).OfType<KeyEntry>().ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            Write(text, key, entry);
        }

        return text.ToString();
    }

    /// <summary>The known key nearest to <paramref name="key"/>, as an annotation or a label, for "did you mean".</summary>
    public static string? Suggest(string key) =>
        KeyRegistry.BuiltIn.Suggest(key, KeyKind.Annotation) ?? KeyRegistry.BuiltIn.Suggest(key, KeyKind.Label);

    /// <summary>Every key <see cref="Describe"/> knows (a family such as <c>vault.hashicorp.com/agent-inject-secret-</c> by its prefix), for completion.</summary>
    public static IEnumerable<string> Keys() =>
        KeyRegistry.BuiltIn.Entries.Concat(KeyRegistry.BuiltIn.Removed).Select(entry => entry.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static void Write(StringBuilder text, string key, KeyEntry entry)
    {
        var word = entry.Kind == KeyKind.Annotation ? "annotation" : "label";
        var gone = entry.RemovedIn is { } removed && entry.History.Removed is not null ? $", removed in Istio {removed}" : string.Empty;
        text.AppendLine(entry.IsPrefix ? $"{key}: {word}, one of the {entry.Name}NAME family" : $"{key}: {word}{gone}");
        text.AppendLine($"  {entry.Description}");
        text.AppendLine($"  applies to: {string.Join(", ", entry.AppliesTo)}");
        if (entry.AppliesToKind("Pod") && !entry.AppliesTo.Contains("Any"))
        {
            text.AppendLine($"  goes in: a workload's pod template (spec.template.metadata.{word}s), or a Pod's own metadata; the workload's own metadata never reaches its pods");
        }

        if (entry.History.Removed is null)
        {
            text.AppendLine($"  value: {Value(entry.Value)}");
        }

        Releases(text, entry);
        if (entry.History.Removed is not null && entry.Replacement is { } instead)
        {
            text.AppendLine($"  use instead: the {(instead.Kind == KeyKind.Annotation ? "annotation" : "label")} {instead.Name}");
        }

        if (entry.Deprecated)
        {
            var successor = entry.Replacement is { } replacement
                ? $"use the {(replacement.Kind == KeyKind.Annotation ? "annotation" : "label")} {replacement.Name} instead"
                : entry.DeprecationNote ?? "no replacement is named";
            text.AppendLine($"  deprecated: {successor}");
        }

        if (entry.FeatureStatus is { } status)
        {
            text.AppendLine($"  status: {status}{(entry.Hidden ? ", hidden from Istio's reference docs" : string.Empty)}");
        }

        if (entry.WrittenByIstio || entry.WrittenByVault)
        {
            text.AppendLine($"  written by: {(entry.WrittenByIstio ? "Istio" : "the Vault Agent injector")} itself, on the objects it manages");
        }

        if (entry.RejectedByInjector)
        {
            text.AppendLine("  a value that fails its check makes the injection webhook reject the pod");
        }

        if (entry.ForeignValue)
        {
            text.AppendLine("  its value is another system's: Istio copies or rewrites it without judging it, and so does MeshLint");
        }

        text.AppendLine($"  source: {Source(entry)}");
    }

    /// <summary>When Istio came to read the key, deprecated it and stopped reading it, one line each.</summary>
    private static void Releases(StringBuilder text, KeyEntry entry)
    {
        var history = entry.History;
        if (history.Added is { } added)
        {
            text.AppendLine(history switch
            {
                { AddedBeforeHistory: true } => $"  added in: Istio {added} or earlier",
                { ReadSince: { } read } => $"  added in: Istio {read} (read before istio/api listed it in {added})",
                _ when !entry.Registered => $"  added in: Istio {added} (first read by istio/istio)",
                _ => $"  added in: Istio {added}",
            });
        }

        if (history.DeprecatedIn is { } deprecated)
        {
            text.AppendLine($"  deprecated in: Istio {deprecated}");
        }

        if (history.GoneIn is { } gone)
        {
            text.AppendLine(history.Removed switch
            {
                null => $"  removed in: Istio {gone} (Istio stopped reading it; istio/api still lists it)",
                { } dropped when dropped == gone => $"  removed in: Istio {gone} (istio/api dropped it from its registry)",
                { } dropped => $"  removed in: Istio {gone} (Istio stopped reading it; istio/api dropped it in {dropped})",
            });
        }

        if (history.Note is { } note)
        {
            text.AppendLine($"  history: {note}");
        }
    }

    private static string Source(KeyEntry entry)
    {
        if (KeyDomain.IsVault(entry.Name))
        {
            return "the Vault Agent injector (hashicorp/vault-k8s agent-inject/agent/annotations.go)";
        }

        var file = entry.Kind == KeyKind.Annotation ? "annotation/annotations.yaml" : "label/labels.yaml";
        if (entry.History.Removed is { } removed)
        {
            return $"registered in istio/api ({file}) before {removed}";
        }

        return entry.Registered
            ? $"registered in istio/api ({file})"
            : $"read by istio/istio {string.Join(", ", entry.ReadBy)} (not in istio/api's registry)";
    }

    private static string Value(ValueType value)
    {
        var values = value.Words("values");
        var details = value.Parameters.Where(pair => pair.Key != "values")
            .Select(pair => $"{pair.Key}: {(pair.Value is IReadOnlyList<string> list ? string.Join(", ", list) : Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture)?.ToLowerInvariant())}")
            .ToList();
        var text = value.Name;
        if (values.Count > 0)
        {
            text += $", one of: {string.Join(", ", values)}";
        }

        return details.Count > 0 ? $"{text} ({string.Join("; ", details)})" : text;
    }
}
