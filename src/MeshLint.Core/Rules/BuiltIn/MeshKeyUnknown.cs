using MeshLint.Fixes;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH014. Istio and the Vault injector look keys up by exact name, so a misspelt key, or an
/// annotation written as a label, is never read: the setting silently keeps its default. So is a key
/// the target's Istio release does not read yet, or no longer reads.
/// </summary>
internal sealed partial class MeshKeyUnknown : IIstioReleaseRule
{
    public void Check(ObjectCheck check) => Check(check, null);

    public void Check(ObjectCheck check, MinorRelease? istio)
    {
        var registry = KeyRegistry.BuiltIn;
        foreach (var site in check.MetadataSites)
        {
            foreach (var (kind, entry) in MetadataKeys.Of(site))
            {
                var key = entry.Key.Value;
                if (!KeyDomain.IsMesh(key) || registry.StatusIn(key, kind, istio) is not { IsRead: false } status)
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
                // A key that moved to the other map (security.istio.io/tlsMode became a label) is best told to move.
                var other = MetadataKeys.Other(kind);
                var moved = status.Replacement is { } successor && successor.Name == key && successor.Kind == other;
                if (status is { State: KeyState.Removed, Since: { } removed } && !(moved && registry.StatusIn(key, other, istio).IsRead))
                {
                    values.Add(("removed", removed.ToString()));
                    values.Add(("target", istio is { } target ? $", and the target runs {target}" : string.Empty));
                    values.Add(("instead", status.Replacement is { } replacement
                        ? $"; use the {MetadataKeys.Word(replacement.Kind)} {replacement.Name} in {MetadataKeys.PathOf(site, replacement.Kind)} instead"
                        : string.Empty));
                    check.Report(Id, Messages.Removed, entry.Key.Span, $"{site.Path}.{key}", values);
                    continue;
                }

                // Before 1.24 sidecar.istio.io/nativeSidecar does nothing on a pod: MESH017 judges it against the whole target.
                if (status is { State: KeyState.NotYetAdded } && key == Startup.PodShape.AnnotationKey && site.LandsOnKind == "Pod")
                {
                    continue;
                }

                if (status is { State: KeyState.NotYetAdded, Since: { } added } && istio is { } release)
                {
                    values.Add(("added", added.ToString()));
                    values.Add(("release", release.ToString()));
                    check.Report(Id, Messages.NotYetAdded, entry.Key.Span, $"{site.Path}.{key}", values);
                    continue;
                }

                if (registry.StatusIn(key, other, istio).IsRead)
                {
                    values.Add(("otherWhat", MetadataKeys.Word(other)));
                    values.Add(("otherPath", MetadataKeys.PathOf(site, other)));
                    check.Report(Id, Messages.OtherKind, entry.Key.Span, $"{site.Path}.{key}", values);
                    continue;
                }

                // A key the target's release does not read is no better a guess than none.
                var suggestion = Readable(registry.Suggest(key, kind));
                values.Add(("suggestion", suggestion is null ? string.Empty : $" Did you mean {suggestion}?"));
                check.Report(Id, Messages.Default, entry.Key.Span, $"{site.Path}.{key}", values, fix: Rename(check, site, kind, entry, Readable(registry.SuggestUnique(key, kind))));

                string? Readable(string? name) => name is not null && registry.StatusIn(name, kind, istio).IsRead ? name : null;
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
