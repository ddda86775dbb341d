namespace MeshLint.Mesh;

public enum MeshMode
{
    /// <summary>istiod runs in the cluster and reads the mesh config an IstioOperator or Helm values set.</summary>
    InCluster,

    /// <summary>
    /// Cloud Service Mesh with a Google-managed control plane: no IstioOperator or istiod values
    /// are applied, and holdApplicationUntilProxyStarts is honoured only in a pod's annotation.
    /// </summary>
    Managed,
}

/// <summary>What the user tells MeshLint about clusters it cannot see (the <c>mesh:</c> block of <c>.meshlint.yaml</c>).</summary>
public sealed record MeshAssumptions
{
    public static MeshAssumptions Default { get; } = new();

    /// <summary>The declared target: Istio and Kubernetes releases and the platform (<c>mesh.target</c>; <c>mesh.mode: managed</c> is <c>platform: csm-managed</c>).</summary>
    public DeclaredTarget Target { get; init; } = DeclaredTarget.None;

    /// <summary>Managed when the declared platform is a managed Cloud Service Mesh: then no scanned install-time mesh config applies.</summary>
    public MeshMode Mode => Target.Platform == MeshPlatform.CsmManaged ? MeshMode.Managed : MeshMode.InCluster;

    /// <summary>
    /// Whether a pod in a namespace that is not among the scanned files gets a sidecar: true, false, or
    /// null for <c>auto</c> (the default): only where the scan shows Istio in use.
    /// </summary>
    public bool? AssumeInjection { get; init; }

    /// <summary>The configuration declares <c>mesh.target</c> or <c>mesh.mode</c>: the user has said a mesh runs these pods.</summary>
    public bool DeclaresMesh { get; init; }

    /// <summary>
    /// The clusters run istio-proxy as a native sidecar everywhere (<c>mesh.nativeSidecars: true</c>):
    /// read as ENABLE_NATIVE_SIDECARS: "true" set for every control plane.
    /// </summary>
    public bool NativeSidecars { get; init; }

    /// <summary>Where <c>mesh.nativeSidecars</c> is written, for messages.</summary>
    public string NativeSidecarsAt { get; init; } = ".meshlint.yaml";

    /// <summary>
    /// Whether the clusters run Istio CNI (<c>mesh.cni</c>), which sets up the outbound redirect
    /// before any init container runs; null to decide from the platform and the scanned files.
    /// </summary>
    public bool? Cni { get; init; }
}
