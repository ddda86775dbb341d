using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH015. A key Istio's registry marks deprecated still works today, but Istio may stop reading
/// it in any release, and where it has a successor the two can disagree.
/// </summary>
internal sealed class MeshKeyDeprecated : IObjectRule
{
    /// <summary>Deprecated as an annotation in favour of the label of the same name, which wins when both are set.</summary>
    private const string SidecarInject = "sidecar.istio.io/inject";

    private const string Replaced = "replaced";

    private const string Noted = "noted";

    private const string Default = "default";

    public string Id => "MESH015";

    public IReadOnlyList<string> MessageKeys => [Replaced, Noted, Default];

    public void Check(ObjectCheck check)
    {
        var registry = KeyRegistry.BuiltIn;
        foreach (var site in check.MetadataSites)
        {
            foreach (var (kind, entry) in MetadataKeys.Of(site))
            {
                var key = entry.Key.Value;
                if (registry.Find(key, kind) is not { Deprecated: true, WrittenByIstio: false, WrittenByVault: false } known)
                {
                    continue;
                }

                // Keeping the old annotation beside the label is what Istio's own upgrade notes suggest
                // for clusters that still run an older injector; the label decides either way.
                if (key == SidecarInject && kind == KeyKind.Annotation && site.Labels?.Entry(SidecarInject) is not null)
                {
                    continue;
                }

                var values = new List<(string, string)> { ("key", key), ("what", MetadataKeys.Word(kind)), ("reader", MetadataKeys.Reader(key)) };
                var message = Default;
                if (known.Replacement is { } replacement)
                {
                    message = Replaced;
                    values.Add(("replacement", replacement.Name));
                    values.Add(("replacementWhat", MetadataKeys.Word(replacement.Kind)));
                    values.Add(("replacementPath", MetadataKeys.PathOf(site, replacement.Kind)));
                }
                else if (known.DeprecationNote is { } note)
                {
                    message = Noted;
                    values.Add(("note", note));
                }

                check.Report(Id, message, entry.Key.Span, $"{site.Path}.{key}", values);
            }
        }
    }
}
