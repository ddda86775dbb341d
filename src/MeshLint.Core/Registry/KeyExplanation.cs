using System.Text;

namespace MeshLint.Registry;

/// <summary><c>meshlint explain KEY</c>: a key's registry entries (annotation, label or both) as text.</summary>
public static class KeyExplanation
{
    /// <summary>The entries of <paramref name="key"/> as a reader wants them, or null when the registry knows no such key.</summary>
    public static string? Describe(string key)
    {
        var registry = KeyRegistry.BuiltIn;
        var entries = new[] { KeyKind.Annotation, KeyKind.Label }.Select(kind => registry.Find(key, kind)).OfType<KeyEntry>().ToList();
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

    private static void Write(StringBuilder text, string key, KeyEntry entry)
    {
        var word = entry.Kind == KeyKind.Annotation ? "annotation" : "label";
        text.AppendLine(entry.IsPrefix ? $"{key}: {word}, one of the {entry.Name}NAME family" : $"{key}: {word}");
        text.AppendLine($"  {entry.Description}");
        text.AppendLine($"  applies to: {string.Join(", ", entry.AppliesTo)}");
        if (entry.AppliesToKind("Pod") && !entry.AppliesTo.Contains("Any"))
        {
            text.AppendLine($"  goes in: a workload's pod template (spec.template.metadata.{word}s), or a Pod's own metadata; the workload's own metadata never reaches its pods");
        }

        text.AppendLine($"  value: {Value(entry.Value)}");
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

    private static string Source(KeyEntry entry)
    {
        if (KeyDomain.IsVault(entry.Name))
        {
            return "the Vault Agent injector (hashicorp/vault-k8s agent-inject/agent/annotations.go)";
        }

        return entry.Registered
            ? $"registered in istio/api ({(entry.Kind == KeyKind.Annotation ? "annotation/annotations.yaml" : "label/labels.yaml")})"
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
