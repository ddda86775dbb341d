using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>A Kubernetes object read from one document (or one item of a <c>kind: List</c>).</summary>
public sealed class KubeObject(string path, int documentIndex, YamlMapping root, string? apiVersion, string kind)
{
    public string Path { get; } = path;

    public int DocumentIndex { get; } = documentIndex;

    public YamlMapping Root { get; } = root;

    public string? ApiVersion { get; } = apiVersion;

    public string Kind { get; } = kind;

    public YamlEntry? MetadataEntry => Root.Entry("metadata");

    public YamlMapping? Metadata => MetadataEntry?.Value as YamlMapping;

    public string? Name => Metadata?.Scalar("name")?.Value;

    /// <summary>The object's namespace; a missing one means <c>default</c>, as kubectl applies it.</summary>
    public string Namespace => Metadata?.Text("namespace") is { Length: > 0 } ns ? ns : "default";

    /// <summary>How messages name the object, e.g. <c>Deployment/payments</c>.</summary>
    public string DisplayName => $"{Kind}/{Name ?? "(unnamed)"}";

    /// <summary>The API group, empty for the core group.</summary>
    public string Group => ApiVersion is { } version && version.Contains('/') ? version[..version.IndexOf('/')] : string.Empty;

    public bool IsNamespace => Kind == "Namespace" && Group.Length == 0;

    public bool IsIstioOperator => Kind == "IstioOperator" && Group == "install.istio.io";

    /// <summary>An istiod Helm chart values document (see <see cref="Model.IstiodValues"/>).</summary>
    public bool IsIstiodValues => Kind == IstiodValues.Kind && ApiVersion is null;

    /// <summary>istiod reads its mesh config from the ConfigMap <c>istio</c> (or <c>istio-REVISION</c>) in its own namespace.</summary>
    public bool IsMeshConfigMap =>
        Kind == "ConfigMap" && Group.Length == 0 && Name is { } name && (name == "istio" || name.StartsWith("istio-", StringComparison.Ordinal))
        && Root.At("data", "mesh") is YamlScalar;

    /// <summary>An object that sets mesh-wide settings for every pod: an IstioOperator, istiod values or the istio ConfigMap.</summary>
    public bool ConfiguresMesh => IsIstioOperator || IsIstiodValues || IsMeshConfigMap;

    /// <summary>The DaemonSet Istio CNI installs (istioctl and the istio-cni chart name it <c>istio-cni-node</c>): its pods set up every sidecar's redirect.</summary>
    public bool IsIstioCniDaemonSet => Kind == "DaemonSet" && Group == "apps" && Name == "istio-cni-node";

    /// <summary>Position to report at when nothing more specific applies.</summary>
    public SourceSpan AnchorSpan => (MetadataEntry?.Key ?? Root.Entry("kind")?.Key)?.Span ?? Root.Span;
}
