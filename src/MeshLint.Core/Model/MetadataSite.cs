using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>Which metadata of an object a <see cref="MetadataSite"/> is.</summary>
public enum MetadataRole
{
    /// <summary>The object's own <c>metadata</c>.</summary>
    Object,

    /// <summary>A CronJob's <c>spec.jobTemplate.metadata</c>: it reaches the Jobs, never their pods.</summary>
    JobTemplate,

    /// <summary>A workload's pod template <c>metadata</c>: it reaches every pod.</summary>
    PodTemplate,
}

/// <summary>
/// One <c>metadata</c> mapping of an object and the kind of object its labels and annotations end
/// up on: the object's own kind, <c>Job</c> for a CronJob's job template, <c>Pod</c> for a pod
/// template. This is what a key's registry entry (which kinds it applies to) is compared with.
/// </summary>
public sealed record MetadataSite(MetadataRole Role, string Path, string LandsOnKind, YamlMapping Metadata)
{
    public YamlMapping? Labels => Metadata.Mapping("labels");

    public YamlMapping? Annotations => Metadata.Mapping("annotations");

    /// <summary>Every metadata of <paramref name="obj"/> that Kubernetes copies somewhere, outermost first.</summary>
    public static IEnumerable<MetadataSite> Of(KubeObject obj)
    {
        if (obj.Metadata is { } own)
        {
            yield return new MetadataSite(MetadataRole.Object, "metadata", obj.Kind, own);
        }

        if (obj.Kind == "CronJob" && obj.Root.At("spec", "jobTemplate", "metadata") is YamlMapping job)
        {
            yield return new MetadataSite(MetadataRole.JobTemplate, "spec.jobTemplate.metadata", "Job", job);
        }

        if (ObjectReader.PodTemplateOf(obj) is { IsPod: false, Metadata: { } pod } template)
        {
            yield return new MetadataSite(MetadataRole.PodTemplate, template.Path + ".metadata", "Pod", pod);
        }
    }
}
