namespace MeshLint.Mesh;

/// <summary>What a scanned Namespace tells the injection webhooks.</summary>
internal sealed record NamespaceFacts(string Name, string? InjectionLabel, string? RevisionLabel, string Source);

/// <summary>A mesh-wide setting and where it was read, e.g. <c>istio/operator.yaml:12</c>.</summary>
internal sealed record MeshSetting(string Setting, string Source);

/// <summary>
/// The facts about the cluster that decide whether a pod's configuration is enough: which
/// namespaces inject sidecars and which mesh-wide settings cover every pod. Built from small
/// facts only, never from whole documents.
/// </summary>
internal sealed class MeshContext(
    IReadOnlyDictionary<string, NamespaceFacts> namespaces,
    MeshSetting? holdCover,
    MeshSetting? outboundExclusion)
{
    public static MeshContext Empty { get; } = new(new Dictionary<string, NamespaceFacts>(), null, null);

    public IReadOnlyDictionary<string, NamespaceFacts> Namespaces { get; } = namespaces;

    /// <summary>What the user told us about the clusters (<c>mesh:</c> in <c>.meshlint.yaml</c>).</summary>
    public MeshAssumptions Assumptions { get; init; } = MeshAssumptions.Default;

    /// <summary>
    /// A setting that holds every app until its proxy is ready. Null in managed mode, where a managed
    /// control plane applies no install-time mesh config.
    /// </summary>
    public MeshSetting? HoldCover => Assumptions.Mode == MeshMode.Managed ? null : holdCover;

    /// <summary>
    /// A scanned ENABLE_NATIVE_SIDECARS: "true", which makes every proxy a native sidecar except in a pod
    /// that opts out; null in managed mode, like <see cref="HoldCover"/>.
    /// </summary>
    public MeshSetting? NativeSidecars => Assumptions.Mode == MeshMode.Managed ? null : NativeSidecarsSetting;

    /// <summary>The native sidecar setting as scanned, whatever the mode.</summary>
    public MeshSetting? NativeSidecarsSetting { get; init; }

    /// <summary>A valid mesh-wide outbound IP exclusion, which lets vault-agent-init bypass the proxy; null in managed mode.</summary>
    public MeshSetting? OutboundExclusion => Assumptions.Mode == MeshMode.Managed ? null : outboundExclusion;

    /// <summary>A mesh-wide hold that was found in the scanned files but does not apply in managed mode, for messages.</summary>
    public MeshSetting? UnappliedHoldCover => Assumptions.Mode == MeshMode.Managed ? holdCover ?? NativeSidecarsSetting : null;

    /// <summary>A mesh-wide outbound exclusion that was found but does not apply in managed mode, for messages.</summary>
    public MeshSetting? UnappliedOutboundExclusion => Assumptions.Mode == MeshMode.Managed ? outboundExclusion : null;

    /// <summary>The same facts under other assumptions.</summary>
    public MeshContext With(MeshAssumptions assumptions) =>
        new(Namespaces, holdCover, outboundExclusion) { Assumptions = assumptions, NativeSidecarsSetting = NativeSidecarsSetting };

    public NamespaceFacts? Namespace(string name) => Namespaces.GetValueOrDefault(name);
}
