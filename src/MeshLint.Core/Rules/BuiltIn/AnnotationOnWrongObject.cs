using MeshLint.Fixes;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH005. Istio and Vault read each key on the kinds of object they look at: the injection webhooks
/// on the pod being created (never on the Deployment that made it), istiod on Services and
/// Namespaces. A key anywhere else is kept by Kubernetes and read by nobody.
/// </summary>
internal sealed partial class AnnotationOnWrongObject : IObjectRule
{
    /// <summary>The domains whose annotations act on pods only; on a workload's own metadata any of them, known or not, is misplaced.</summary>
    private static readonly HashSet<string> PodDomains = new(StringComparer.Ordinal)
    {
        "proxy.istio.io", "sidecar.istio.io", "traffic.sidecar.istio.io", "vault.hashicorp.com",
    };

    /// <summary>
    /// istio/api lists Namespace, Gateway and Pod for it, but Istio's installer labels every object it
    /// creates with the revision that owns it, and istioctl (revision list, tag, uninstall --revision)
    /// and istiod's webhook handling find them by it; on another kind it is ownership, not a mistake.
    /// </summary>
    private const string RevisionLabel = "istio.io/rev";

    /// <summary>
    /// The API groups whose kinds are what the registry's kinds name. A custom resource of another
    /// group (a KServe InferenceService, a SparkApplication) may copy its metadata onto the pods it
    /// makes, so a Pod key there can be right.
    /// </summary>
    private static readonly HashSet<string> KnownGroups = new(StringComparer.Ordinal)
    {
        "", "apps", "batch", "extensions", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io",
        "admissionregistration.k8s.io", "apiextensions.k8s.io", "storage.k8s.io", "discovery.k8s.io",
        "coordination.k8s.io", "scheduling.k8s.io", "gateway.networking.k8s.io",
    };

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
                    check.Report(Id, Messages.Default, entry.Key.Span, $"annotations['{key.Replace("'", "\\'", StringComparison.Ordinal)}']", [("key", key)], fix: Move(check, site, entry));
                    continue;
                }

                // Keys Istio registers (kubernetes.io/ingress.class among them) or owns; not app or
                // prometheus.io/port, which Istio reads on pods but which other tools read elsewhere.
                if (registry.Find(key, kind) is not { } known || !(known.Registered || KeyDomain.IsOwnedByMesh(key)) || known.AppliesToKind(site.LandsOnKind)
                    || (site.Role == MetadataRole.Object && !IsKnownKind(check.Object))
                    || (kind == KeyKind.Label && key == RevisionLabel)
                    // Istio writes these itself onto the pods it makes or injects (its gateway Deployments
                    // label their pods with gateway-name); a copy of such a pod is not a misplacement.
                    || ((known.WrittenByIstio || known.WrittenByVault) && site.LandsOnKind == "Pod"))
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

    /// <summary>
    /// Moves a pod's annotation from the workload's metadata to its pod template's, with its value
    /// as written. The move is the fix the message gives; a key the pod template holds already with
    /// another value gets none, since which of the two was meant is the author's call, and one with
    /// the same value is only removed from the workload.
    /// </summary>
    private static Fix? Move(ObjectCheck check, MetadataSite site, YamlEntry entry)
    {
        if (check.Edits is not { } edits || ObjectReader.PodTemplateOf(check.Object) is not { IsPod: false } pod
            || site.Metadata.Entry("annotations") is not { } annotations || entry.Value is not YamlScalar value || value.Start.Line != value.Span.End.Line || edits.ScalarRange(value) is not { } range)
        {
            return null;
        }

        var remove = edits.RemoveEntry(site.Metadata, annotations, entry);
        var description = $"move {entry.Key.Value} to the pod template's annotations";
        if (pod.AnnotationEntry(entry.Key.Value) is { Value: var there })
        {
            return there is YamlScalar same && same.Text == value.Text ? Fix.Of(description, FixSafety.Safe, remove) : null;
        }

        var add = edits.AddAnnotation(pod, entry.Key.Value, NewValue.Raw(edits.Map.Text[range.Start..range.End]));
        return Fix.Of(description, FixSafety.Safe, remove, add);
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
            check.Report(Id, Messages.OtherKind, entry.Key.Span, anchor, values);
        }
        else if (known.AppliesToKind("Pod") && template is not null && site.Role != MetadataRole.PodTemplate)
        {
            values.Add(("templateKeys", MetadataKeys.PathOf(template, kind)));
            check.Report(Id, Messages.PodTemplate, entry.Key.Span, anchor, values);
        }
        else
        {
            check.Report(Id, Messages.WrongKind, entry.Key.Span, anchor, values);
        }
    }

    private static bool IsKnownKind(KubeObject obj) =>
        KnownGroups.Contains(obj.Group) || obj.Group == "istio.io" || obj.Group.EndsWith(".istio.io", StringComparison.Ordinal);

    private static string KindList(IReadOnlyList<string> kinds) => kinds.Count switch
    {
        1 => kinds[0],
        _ => string.Join(", ", kinds.Take(kinds.Count - 1)) + " or " + kinds[^1],
    };
}
