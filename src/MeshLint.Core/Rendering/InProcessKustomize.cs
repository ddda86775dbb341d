using MeshLint.Parsing;
using YamlDotNet.Core;

namespace MeshLint.Rendering;

/// <summary>
/// What a kustomization does to a pod's namespace, labels and annotations, applied in process
/// where it could not be built (no kustomize on PATH, or a build that failed, such as a remote base
/// offline): the namespace decides which Namespace's injection labels apply, and a label or
/// annotation on the pod template decides injection too. Each step follows kustomize v5.8.1:
/// <list type="bullet">
/// <item><c>namespace:</c> sets <c>metadata.namespace</c> of every namespaced object, and renames a
/// v1 <c>Namespace</c> (api/filters/namespace/namespace.go metaNamespaceHack;
/// api/internal/konfig/builtinpluginconsts/namespace.go <c>metadata/name</c> of kind Namespace).</item>
/// <item><c>commonLabels</c> go to <c>metadata.labels</c> and to the pod templates of
/// Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob and ReplicationController
/// (builtinpluginconsts/commonlabels.go, which takes in metadatalabels.go).</item>
/// <item><c>commonAnnotations</c> likewise (builtinpluginconsts/commonannotations.go).</item>
/// <item><c>labels:</c> go to <c>metadata.labels</c>, and to pod templates only with
/// <c>includeTemplates: true</c> (or <c>includeSelectors: true</c>, whose field specs are
/// commonLabels') (api/internal/target/kusttarget_configplugin.go, LabelTransformer).</item>
/// </list>
/// Kustomizations apply innermost first, so an overlay's namespace and labels win over its base's.
/// New values point at the object's <c>metadata</c> key: a finding about them belongs there.
/// </summary>
internal sealed record InProcessKustomize(string? Namespace, IReadOnlyDictionary<string, string> ObjectLabels, IReadOnlyDictionary<string, string> TemplateLabels, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Cluster-scoped kinds that never take a namespace (kyaml resid's notNamespaceableKinds, the ones a repository of workloads holds).</summary>
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "PriorityClass", "APIService", "IngressClass",
        "RuntimeClass", "PodSecurityPolicy", "CSIDriver", "VolumeAttachment", "Node",
    };

    /// <summary>Kinds whose pod template takes the labels and annotations (group as kustomize's field specs name it; any group where they name none).</summary>
    private static readonly Dictionary<string, string[]> TemplatePaths = new(StringComparer.Ordinal)
    {
        ["Deployment"] = ["spec", "template", "metadata"],
        ["ReplicaSet"] = ["spec", "template", "metadata"],
        ["DaemonSet"] = ["spec", "template", "metadata"],
        ["StatefulSet"] = ["spec", "template", "metadata"],
        ["Job"] = ["spec", "template", "metadata"],
        ["ReplicationController"] = ["spec", "template", "metadata"],
        ["CronJob"] = ["spec", "jobTemplate", "spec", "template", "metadata"],
    };

    public bool IsEmpty => Namespace is null && ObjectLabels.Count == 0 && TemplateLabels.Count == 0 && Annotations.Count == 0;

    /// <summary>The effect of a chain of kustomizations on a resource, innermost first.</summary>
    public static InProcessKustomize Of(IEnumerable<Kustomization> chain)
    {
        string? ns = null;
        var objectLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        var templateLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kustomization in chain)
        {
            ns = kustomization.Namespace ?? ns;
            foreach (var (key, value) in kustomization.CommonLabels)
            {
                objectLabels[key] = value;
                templateLabels[key] = value;
            }

            foreach (var labels in kustomization.Labels)
            {
                foreach (var (key, value) in labels.Pairs)
                {
                    objectLabels[key] = value;
                    if (labels.ReachesTemplates)
                    {
                        templateLabels[key] = value;
                    }
                }
            }

            foreach (var (key, value) in kustomization.CommonAnnotations)
            {
                annotations[key] = value;
            }
        }

        return new InProcessKustomize(ns, objectLabels, templateLabels, annotations);
    }

    /// <summary>A key for telling two effects apart: the same effect needs one lint, not one per overlay.</summary>
    public string Identity =>
        string.Join('\u001f', Namespace ?? string.Empty, Flat(ObjectLabels), Flat(TemplateLabels), Flat(Annotations));

    public YamlMapping Apply(YamlMapping root)
    {
        var kind = root.Text("kind");
        if (kind is null || IsEmpty)
        {
            return root;
        }

        var anchor = (root.Entry("metadata")?.Key ?? root.Entry("kind")?.Key)?.Span ?? root.Span;
        var metadata = root.Mapping("metadata") ?? new YamlMapping(anchor, []);
        if (Namespace is { } ns)
        {
            if (kind == "Namespace" && root.Text("apiVersion") == "v1")
            {
                metadata = With(metadata, "name", Scalar(ns, anchor), anchor);
            }
            else if (!ClusterScoped.Contains(kind))
            {
                metadata = With(metadata, "namespace", Scalar(ns, anchor), anchor);
            }
        }

        metadata = Merged(metadata, "labels", ObjectLabels, anchor);
        metadata = Merged(metadata, "annotations", Annotations, anchor);
        root = With(root, "metadata", metadata, anchor);
        if (TemplatePaths.TryGetValue(kind, out var path) && (TemplateLabels.Count > 0 || Annotations.Count > 0))
        {
            root = AtPath(root, path, 0, template => Merged(Merged(template, "labels", TemplateLabels, anchor), "annotations", Annotations, anchor));
        }

        return root;
    }

    private static YamlMapping AtPath(YamlMapping mapping, string[] path, int step, Func<YamlMapping, YamlMapping> change)
    {
        // Only where the object has the path: a Deployment without a template has no pods to label.
        if (mapping.Mapping(path[step]) is not { } child)
        {
            return mapping;
        }

        var changed = step == path.Length - 1 ? change(child) : AtPath(child, path, step + 1, change);
        return With(mapping, path[step], changed, mapping.Entry(path[step])!.Key.Span);
    }

    private static YamlMapping Merged(YamlMapping metadata, string field, IReadOnlyDictionary<string, string> pairs, SourceSpan anchor)
    {
        if (pairs.Count == 0)
        {
            return metadata;
        }

        var map = metadata.Mapping(field) ?? new YamlMapping(anchor, []);
        foreach (var (key, value) in pairs)
        {
            map = With(map, key, Scalar(value, anchor), anchor);
        }

        return With(metadata, field, map, anchor);
    }

    private static YamlMapping With(YamlMapping mapping, string key, YamlNode value, SourceSpan anchor)
    {
        var entries = mapping.Entries.ToList();
        var at = entries.FindIndex(entry => entry.Key.Value == key);
        if (at >= 0)
        {
            entries[at] = entries[at] with { Value = value };
        }
        else
        {
            entries.Add(new YamlEntry(new YamlScalar(anchor, key, ScalarStyle.Plain, null), value));
        }

        return new YamlMapping(mapping.Span, entries) { IsFlow = mapping.IsFlow };
    }

    private static YamlScalar Scalar(string value, SourceSpan anchor) => new(anchor, value, ScalarStyle.DoubleQuoted, null);

    private static string Flat(IReadOnlyDictionary<string, string> pairs) =>
        string.Join(',', pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
