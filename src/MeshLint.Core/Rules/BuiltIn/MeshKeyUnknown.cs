using MeshLint.Fixes;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH014. Istio and the Vault injector look keys up by exact name, so a misspelt key, or an
/// annotation written as a label, is never read: the setting silently keeps its default.
/// </summary>
internal sealed class MeshKeyUnknown : IObjectRule
{
    private const string Default = "default";

    private const string OtherKind = "other-kind";

    public string Id => "MESH014";

    public IReadOnlyList<string> MessageKeys => [Default, OtherKind];

    public void Check(ObjectCheck check)
    {
        var registry = KeyRegistry.BuiltIn;
        foreach (var site in check.MetadataSites)
        {
            foreach (var (kind, entry) in MetadataKeys.Of(site))
            {
                var key = entry.Key.Value;
                if (!KeyDomain.IsMesh(key) || registry.Find(key, kind) is not null)
                {
                    continue;
                }

                var values = new List<(string, string)>
                {
                    ("key", key),
                    ("what", MetadataKeys.Word(kind)),
                    ("path", MetadataKeys.PathOf(site, kind)),
                    ("reader", MetadataKeys.Reader(key)),
                };
                var other = MetadataKeys.Other(kind);
                if (registry.Find(key, other) is not null)
                {
                    values.Add(("otherWhat", MetadataKeys.Word(other)));
                    values.Add(("otherPath", MetadataKeys.PathOf(site, other)));
                    check.Report(Id, OtherKind, entry.Key.Span, $"{site.Path}.{key}", values);
                    continue;
                }

                var suggestion = registry.Suggest(key, kind);
                values.Add(("suggestion", suggestion is null ? string.Empty : $"; did you mean {suggestion}?"));
                check.Report(Id, Default, entry.Key.Span, $"{site.Path}.{key}", values, fix: Rename(check, site, kind, entry, registry.SuggestUnique(key, kind)));
            }
        }
    }

    /// <summary>
    /// Renames the key to its one nearest known name. Unsafe: the setting then takes effect, which is
    /// what the author meant only if the guess is right. None when that key is there already.
    /// </summary>
    private static Fix? Rename(ObjectCheck check, MetadataSite site, KeyKind kind, YamlEntry entry, string? name)
    {
        var map = kind == KeyKind.Annotation ? site.Annotations : site.Labels;
        if (name is null || map is null || map.Entry(name) is not null)
        {
            return null;
        }

        return Fix.Of($"rename {entry.Key.Value} to {name}", FixSafety.Unsafe, check.Edits?.RenameKey(entry.Key, name));
    }
}
