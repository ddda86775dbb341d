namespace MeshLint.Mesh;

/// <summary>What a scanned Namespace tells the injection webhooks.</summary>
public sealed record NamespaceFacts(string Name, string? InjectionLabel, string? RevisionLabel, string Source);

/// <summary>A mesh-wide setting and where it was read, e.g. <c>istio/operator.yaml:12</c>.</summary>
public sealed record MeshSetting(string Setting, string Source);

/// <summary>
/// The facts about the cluster that decide whether a pod's configuration is enough: which
/// namespaces inject sidecars and which mesh-wide settings cover every pod. Built from small
/// facts only, never from whole documents.
/// </summary>
public sealed class MeshContext(
    IReadOnlyDictionary<string, NamespaceFacts> namespaces,
    MeshSetting? holdCover,
    MeshSetting? outboundExclusion)
{
    public static MeshContext Empty { get; } = new(new Dictionary<string, NamespaceFacts>(), null, null);

    public IReadOnlyDictionary<string, NamespaceFacts> Namespaces { get; } = namespaces;

    /// <summary>A setting that holds every app until its proxy is ready (or makes the proxy a native sidecar).</summary>
    public MeshSetting? HoldCover { get; } = holdCover;

    /// <summary>A valid mesh-wide outbound IP exclusion, which lets vault-agent-init bypass the proxy.</summary>
    public MeshSetting? OutboundExclusion { get; } = outboundExclusion;

    public NamespaceFacts? Namespace(string name) => Namespaces.GetValueOrDefault(name);
}
