using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH005. Istio and Vault read each key on the kinds of object they look at: the injection webhooks
/// on the pod being created (never on the Deployment that made it), istiod on Services and
/// Namespaces. A key anywhere else is kept by Kubernetes and read by nobody.
/// </summary>
internal sealed class AnnotationOnWrongObject : IObjectRule
{
    private const string WorkloadMetadata = "default";

    private const string PodTemplate = "pod-template";

    private const string WrongKind = "wrong-kind";

    private const string OtherKind = "other-kind";

    /// <summary>The domains whose annotations act on pods only; on a workload's own metadata any of them, known or not, is misplaced.</summary>
    private static readonly HashSet<string> PodDomains = new(StringComparer.Ordinal)
    {
        "proxy.istio.io", "sidecar.istio.io", "traffic.sidecar.istio.io", "vault.hashicorp.com",
    };

    public string Id => "MESH005";

    public IReadOnlyList<string> MessageKeys => [WorkloadMetadata, PodTemplate, WrongKind, OtherKind];

    public void Check(ObjectCheck check)
    {
        var registry = KeyRegistry.BuiltIn;
        var sites = check.MetadataSites;
        var template = sites.FirstOrDefault(site => site.Role == MetadataRole.PodTemplate);
        foreach (var site in sites)
        {
            foreach (var (kind, entry) in MetadataKeys.Of(site))
            {
                var key = entry.Key.Value;
                if (kind == KeyKind.Annotation && site.Role == MetadataRole.Object && ObjectReader.HasPodTemplate(check.Object)
                    && KeyDomain.PrefixOf(key) is { } prefix && PodDomains.Contains(prefix))
                {
                    // The anchor is the JSON path the schema check this replaced gave, so baselines still match.
                    check.Report(Id, WorkloadMetadata, entry.Key.Span, $"annotations['{key.Replace("'", "\\'", StringComparison.Ordinal)}']", [("key", key)]);
                    continue;
                }

                if (!KeyDomain.IsOwnedByMesh(key) || registry.Find(key, kind) is not { } known || known.AppliesToKind(site.LandsOnKind))
                {
                    continue;
                }

                // Workloads commonly repeat their pods' labels on themselves; the pods still carry them.
                if (kind == KeyKind.Label && site.Role != MetadataRole.PodTemplate && template?.Labels?.Entry(key) is not null)
                {
                    continue;
                }

                Report(check, registry, site, kind, entry, known, template);
            }
        }
    }

    private void Report(ObjectCheck check, KeyRegistry registry, MetadataSite site, KeyKind kind, YamlEntry entry, KeyEntry known, MetadataSite? template)
    {
        var key = entry.Key.Value;
        var values = new List<(string, string)>
        {
            ("key", key),
            ("what", MetadataKeys.Word(kind)),
            ("path", MetadataKeys.PathOf(site, kind)),
            ("landsOn", site.LandsOnKind),
            ("reader", MetadataKeys.Reader(key)),
            ("kinds", KindList(known.AppliesTo)),
        };
        var anchor = $"{site.Path}.{key}";
        var other = MetadataKeys.Other(kind);
        if (registry.Find(key, other) is { } twin && twin.AppliesToKind(site.LandsOnKind))
        {
            values.Add(("otherWhat", MetadataKeys.Word(other)));
            values.Add(("otherPath", MetadataKeys.PathOf(site, other)));
            check.Report(Id, OtherKind, entry.Key.Span, anchor, values);
        }
        else if (known.AppliesToKind("Pod") && template is not null && site.Role != MetadataRole.PodTemplate)
        {
            values.Add(("templateKeys", MetadataKeys.PathOf(template, kind)));
            check.Report(Id, PodTemplate, entry.Key.Span, anchor, values);
        }
        else
        {
            check.Report(Id, WrongKind, entry.Key.Span, anchor, values);
        }
    }

    private static string KindList(IReadOnlyList<string> kinds) => kinds.Count switch
    {
        1 => kinds[0],
        _ => string.Join(", ", kinds.Take(kinds.Count - 1)) + " or " + kinds[^1],
    };
}
