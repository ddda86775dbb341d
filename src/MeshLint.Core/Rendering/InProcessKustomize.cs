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
/// A value it adds stands at a line before the file's first (line −1 for the first of
/// <see cref="Writers"/>, and so on): a finding about it belongs to the kustomization that wrote it.
/// </summary>
internal sealed record InProcessKustomize(string? Namespace, IReadOnlyDictionary<string, string> ObjectLabels, IReadOnlyDictionary<string, string> TemplateLabels, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Where each added value is written (kustomization file, position); a synthetic node on line −n is the n-th.</summary>
    public List<(string Path, SourcePosition At, string Field)> Writers { get; } = [];

    /// <summary>The writer of each added value: <c>namespace</c>, <c>label/KEY</c>, <c>annotation/KEY</c>.</summary>
    private Dictionary<string, int> WriterOf { get; } = new(StringComparer.Ordinal);

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
        var writers = new Dictionary<string, (string Path, SourcePosition At, string Field)>(StringComparer.Ordinal);
        foreach (var kustomization in chain)
        {
            void Written(string what, string field) =>
                writers[what] = (kustomization.FullPath, kustomization.WrittenAt.GetValueOrDefault(field, SourcePosition.Start), field.Split('/')[0]);

            if (kustomization.Namespace is { } set)
            {
                ns = set;
                Written("namespace", "namespace");
            }

            foreach (var (key, value) in kustomization.CommonLabels)
            {
                objectLabels[key] = value;
                templateLabels[key] = value;
                Written("label/" + key, "commonLabels/" + key);
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

                    Written("label/" + key, "labels/" + key);
                }
            }

            foreach (var (key, value) in kustomization.CommonAnnotations)
            {
                annotations[key] = value;
                Written("annotation/" + key, "commonAnnotations/" + key);
            }
        }

        var effect = new InProcessKustomize(ns, objectLabels, templateLabels, annotations);
        foreach (var (what, writer) in writers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            effect.WriterOf[what] = effect.Writers.Count;
            effect.Writers.Add(writer);
        }

        return effect;
    }

    /// <summary>The span of a value this effect adds: on line −n for its n-th writer.</summary>
    private SourceSpan At(string what) =>
        WriterOf.TryGetValue(what, out var index) ? SourceSpan.At(new SourcePosition(-(index + 1), 1)) : SourceSpan.At(SourcePosition.Start);

    /// <summary>The kustomization and position that wrote the value a finding on line <paramref name="line"/> (negative) is about.</summary>
    public (string Path, SourcePosition At, string Field)? WriterAt(int line) => line < 0 && -line - 1 < Writers.Count ? Writers[-line - 1] : null;

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
                metadata = With(metadata, "name", Scalar(ns, At("namespace")), At("namespace"));
            }
            else if (!ClusterScoped.Contains(kind))
            {
                metadata = With(metadata, "namespace", Scalar(ns, At("namespace")), At("namespace"));
            }
        }

        metadata = Merged(metadata, "labels", ObjectLabels, anchor, "label/");
        metadata = Merged(metadata, "annotations", Annotations, anchor, "annotation/");
        root = With(root, "metadata", metadata, anchor);
        if (TemplatePaths.TryGetValue(kind, out var path) && (TemplateLabels.Count > 0 || Annotations.Count > 0))
        {
            root = AtPath(root, path, 0, template => Merged(Merged(template, "labels", TemplateLabels, anchor, "label/"), "annotations", Annotations, anchor, "annotation/"));
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

    private YamlMapping Merged(YamlMapping metadata, string field, IReadOnlyDictionary<string, string> pairs, SourceSpan anchor, string writer)
    {
        if (pairs.Count == 0)
        {
            return metadata;
        }

        var map = metadata.Mapping(field) ?? new YamlMapping(anchor, []);
        foreach (var (key, value) in pairs)
        {
            map = With(map, key, Scalar(value, At(writer + key)), At(writer + key));
        }

        return With(metadata, field, map, anchor);
    }

    private static YamlMapping With(YamlMapping mapping, string key, YamlNode value, SourceSpan anchor)
    {
        var entries = mapping.Entries.ToList();
        var at = entries.FindIndex(entry => entry.Key.Value == key);
        if (at >= 0)
        {
            // The kustomization's value wins, and so does its place: the key is now its.
            entries[at] = value is YamlScalar ? new YamlEntry(new YamlScalar(anchor, key, entries[at].Key.Style, entries[at].Key.Tag), value) : entries[at] with { Value = value };
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
