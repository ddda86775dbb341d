using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>Turns parsed documents into Kubernetes objects and finds their pod templates.</summary>
internal static class ObjectReader
{
    /// <summary>The objects in a document: itself, or the items of a <c>kind: List</c> (or any <c>*List</c>).</summary>
    public static IEnumerable<KubeObject> Objects(string path, ParsedDocument document)
    {
        if (document.Root is YamlMapping values && IstiodValues.Matches(values))
        {
            // An istiod chart values file has no kind, but its meshConfig is checked and read like an IstioOperator's.
            yield return new KubeObject(path, document.Index, values, null, IstiodValues.Kind);
            yield break;
        }

        if (document.Root is not YamlMapping root || ReadObject(path, document.Index, root) is not { } top)
        {
            yield break;
        }

        if (top.Kind.EndsWith("List", StringComparison.Ordinal) && root.Sequence("items") is { } items)
        {
            foreach (var item in items.Items)
            {
                if (item is YamlMapping map && ReadObject(path, document.Index, map) is { } inner)
                {
                    yield return inner;
                }
            }

            yield break;
        }

        yield return top;
    }

    /// <summary>
    /// Where each workload kind keeps its pod template. Kubernetes copies the template's metadata,
    /// not the workload's own, onto the pods.
    /// </summary>
    public static PodTemplate? PodTemplateOf(KubeObject obj)
    {
        switch (obj.Kind)
        {
            case "Pod" when obj.Group.Length == 0:
                return new PodTemplate(obj, string.Empty, null, obj.Root);
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController" or "Job":
                return TemplateAt(obj, "spec.template", obj.Root.Mapping("spec"));
            case "Rollout" when obj.Group == "argoproj.io":
                return TemplateAt(obj, "spec.template", obj.Root.Mapping("spec"));
            case "CronJob":
                return TemplateAt(obj, "spec.jobTemplate.spec.template", obj.Root.Mapping("spec")?.Mapping("jobTemplate")?.Mapping("spec"));
            default:
                return null;
        }
    }

    /// <summary>True for kinds whose pods come from a template, so their own metadata never reaches a pod.</summary>
    public static bool HasPodTemplate(KubeObject obj) => PodTemplateOf(obj) is { IsPod: false };

    private static PodTemplate TemplateAt(KubeObject obj, string path, YamlMapping? parent)
    {
        var entry = parent?.Entry("template");
        return new PodTemplate(obj, path, entry, entry?.Value as YamlMapping);
    }

    private static KubeObject? ReadObject(string path, int documentIndex, YamlMapping root)
    {
        var kind = root.Scalar("kind")?.Text;
        if (string.IsNullOrEmpty(kind))
        {
            return null;
        }

        return new KubeObject(path, documentIndex, root, root.Scalar("apiVersion")?.Text, kind);
    }
}
