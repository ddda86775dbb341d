using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>
/// The pod a workload stamps out: its metadata (labels and annotations reach the pod, and so the
/// injection webhook) and its spec. For a bare Pod this is the Pod itself.
/// </summary>
public sealed class PodTemplate(KubeObject owner, string path, YamlEntry? templateEntry, YamlMapping? template)
{
    public KubeObject Owner { get; } = owner;

    /// <summary>Dotted path of the template inside the object, e.g. <c>spec.jobTemplate.spec.template</c>; empty for a Pod.</summary>
    public string Path { get; } = path;

    /// <summary>The <c>template</c> key; null for a Pod.</summary>
    public YamlEntry? TemplateEntry { get; } = templateEntry;

    public YamlMapping? Template { get; } = template;

    public YamlEntry? MetadataEntry => Template?.Entry("metadata");

    public YamlMapping? Metadata => MetadataEntry?.Value as YamlMapping;

    public YamlMapping? Spec => Template?.Mapping("spec");

    public YamlMapping? Labels => Metadata?.Mapping("labels");

    public YamlMapping? Annotations => Metadata?.Mapping("annotations");

    public bool IsPod => TemplateEntry is null;

    /// <summary>Where pod-level findings point: the template's metadata key, else the template key.</summary>
    public SourceSpan AnchorSpan => (MetadataEntry?.Key ?? TemplateEntry?.Key)?.Span ?? Owner.AnchorSpan;

    /// <summary>Dotted path of the pod template's annotations, for messages.</summary>
    public string AnnotationsPath => Path.Length == 0 ? "metadata.annotations" : Path + ".metadata.annotations";

    public string? Label(string key) => Labels?.Text(key);

    public YamlEntry? AnnotationEntry(string key) => Annotations?.Entry(key);

    public string? Annotation(string key) => Annotations?.Scalar(key)?.Text;

    public bool HostNetwork => Spec?.Scalar("hostNetwork") is { } value && value.Type == ScalarType.Bool && YamlScalarTypes.IsTrueWord(value.Value);
}
