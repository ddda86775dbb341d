using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Registry;

/// <summary>The annotation and label keys of one metadata, and the words the key rules' messages use for them.</summary>
internal static class MetadataKeys
{
    /// <summary>Every annotation, then every label, of <paramref name="site"/>; keys that are Go templates are left out.</summary>
    public static IEnumerable<(KeyKind Kind, YamlEntry Entry)> Of(MetadataSite site)
    {
        foreach (var entry in site.Annotations?.Entries ?? [])
        {
            if (!IsTemplated(entry.Key.Value))
            {
                yield return (KeyKind.Annotation, entry);
            }
        }

        foreach (var entry in site.Labels?.Entries ?? [])
        {
            if (!IsTemplated(entry.Key.Value))
            {
                yield return (KeyKind.Label, entry);
            }
        }
    }

    // A key still holding a Go template action is not a name yet; its rendered form is what counts.
    private static bool IsTemplated(string key) => key.Contains("{{", StringComparison.Ordinal);

    public static KeyKind Other(KeyKind kind) => kind == KeyKind.Annotation ? KeyKind.Label : KeyKind.Annotation;

    public static string Word(KeyKind kind) => kind == KeyKind.Annotation ? "annotation" : "label";

    /// <summary>The dotted path of the mapping a key of <paramref name="kind"/> sits in, e.g. <c>spec.template.metadata.labels</c>.</summary>
    public static string PathOf(MetadataSite site, KeyKind kind) => $"{site.Path}.{Word(kind)}s";

    /// <summary>Who reads the key: the Vault Agent injector for Vault's domain, Istio otherwise.</summary>
    public static string Reader(string key) => KeyDomain.IsVault(key) ? "the Vault Agent injector" : "Istio";
}
