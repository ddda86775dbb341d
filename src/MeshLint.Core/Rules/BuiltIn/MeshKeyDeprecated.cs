using MeshLint.Fixes;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH015. A key Istio's registry marks deprecated still works today, but Istio may stop reading
/// it in any release, and where it has a successor the two can disagree. Only keys the target's
/// release has deprecated count; one it no longer reads is MESH014's.
/// </summary>
internal sealed partial class MeshKeyDeprecated : IIstioReleaseRule
{
    /// <summary>Deprecated as an annotation in favour of the label of the same name, which wins when both are set.</summary>
    private const string SidecarInject = "sidecar.istio.io/inject";

    public void Check(ObjectCheck check) => Check(check, null);

    public void Check(ObjectCheck check, MinorRelease? istio)
    {
        var registry = KeyRegistry.BuiltIn;
        foreach (var site in check.MetadataSites)
        {
            foreach (var (kind, entry) in MetadataKeys.Of(site))
            {
                var key = entry.Key.Value;
                if (registry.StatusIn(key, kind, istio) is not { State: KeyState.Deprecated, Entry: { WrittenByIstio: false, WrittenByVault: false } known } status)
                {
                    continue;
                }

                // Keeping the old annotation beside the label is what Istio's own upgrade notes suggest
                // for clusters that still run an older injector; the label decides either way.
                if (key == SidecarInject && kind == KeyKind.Annotation && site.Labels?.Entry(SidecarInject) is not null)
                {
                    continue;
                }

                var values = new List<(string, string)>
                {
                    ("key", key),
                    ("what", MetadataKeys.Word(kind)),
                    ("reader", MetadataKeys.Reader(key)),
                    // Named only for a target release, so that without one the finding reads as it always has.
                    ("since", istio is not null && status.Since is { } since ? $" since Istio {since}" : string.Empty),
                };
                var message = Messages.Default;
                if (known.Replacement is { } replacement)
                {
                    message = Messages.Replaced;
                    values.Add(("replacement", replacement.Name));
                    values.Add(("replacementWhat", MetadataKeys.Word(replacement.Kind)));
                    values.Add(("replacementPath", MetadataKeys.PathOf(site, replacement.Kind)));
                }
                else if (known.DeprecationNote is { } note)
                {
                    message = Messages.Noted;
                    values.Add(("note", note));
                }

                check.Report(Id, message, entry.Key.Span, $"{site.Path}.{key}", values, fix: Replace(check, site, kind, entry, known));
            }
        }
    }

    private static Fix? Replace(ObjectCheck check, MetadataSite site, KeyKind kind, YamlEntry entry, KeyEntry known)
    {
        if (check.Edits is not { } edits || known.Replacement is not { } replacement)
        {
            return null;
        }

        if (entry.Key.Value == SidecarInject && kind == KeyKind.Annotation && replacement.Kind == KeyKind.Label)
        {
            // Off a pod the annotation is misplaced as well (MESH005 moves it); a label there would be read by nobody either.
            return site.LandsOnKind == "Pod" ? InjectLabel(edits, site, entry) : null;
        }

        // Unsafe: the successor may be read differently (another default, another release of Istio
        // reading it), so the rename is the author's to judge.
        var map = kind == KeyKind.Annotation ? site.Annotations : site.Labels;
        return replacement.Kind == kind && replacement.Name != entry.Key.Value && map?.Entry(replacement.Name) is null
            ? Fix.Of($"rename {entry.Key.Value} to {replacement.Name}", FixSafety.Unsafe, edits.RenameKey(entry.Key, replacement.Name))
            : null;
    }

    /// <summary>
    /// The annotation becomes the label, with the injector's reading of its word (y, yes, true, on in
    /// any case inject; n, no, false, off do not). "false" is safe: neither webhook injects a pod
    /// labelled false. "true" is unsafe: the label also makes Istio's object-selector webhook inject
    /// the pod in a namespace not labelled for injection, where the annotation did nothing.
    /// </summary>
    private static Fix? InjectLabel(YamlEdits edits, MetadataSite site, YamlEntry entry)
    {
        if (entry.Value is not YamlScalar scalar || site.Metadata.Entry("annotations") is not { } annotations)
        {
            return null;
        }

        var word = (scalar.Text ?? string.Empty).ToLowerInvariant();
        var inject = word is "y" or "yes" or "true" or "on" ? "true" : word is "n" or "no" or "false" or "off" ? "false" : null;
        if (inject is null)
        {
            return null;
        }

        var add = site.Metadata.Entry("labels") switch
        {
            null => edits.AddEntry(site.Metadata, "labels", NewValue.Map(SidecarInject, NewValue.String(inject)), first: true),
            { Value: YamlMapping labels } when YamlEdits.Owned(site.Metadata, site.Metadata.Entry("labels")!) => edits.AddEntry(labels, SidecarInject, NewValue.String(inject)),
            { } empty => edits.FillEmpty(empty, site.Metadata, SidecarInject, NewValue.String(inject)),
        };
        var safety = inject == "false" ? FixSafety.Safe : FixSafety.Unsafe;
        return Fix.Of($"replace the {SidecarInject} annotation with the label {SidecarInject}: \"{inject}\"", safety, edits.RemoveEntry(site.Metadata, annotations, entry), add);
    }
}
