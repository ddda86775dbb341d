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

    public MeshMode Mode { get; init; } = MeshMode.InCluster;

    /// <summary>Whether a pod in a namespace that is not among the scanned files gets a sidecar.</summary>
    public bool AssumeInjection { get; init; } = true;

    /// <summary>
    /// The clusters run istio-proxy as a native sidecar (Kubernetes 1.33+, Istio with
    /// ENABLE_NATIVE_SIDECARS auto or true): the kubelet starts the app only once the proxy is ready.
    /// </summary>
    public bool NativeSidecars { get; init; }

    /// <summary>
    /// Whether the clusters run Istio CNI (<c>mesh.cni</c>), which sets up the outbound redirect
    /// before any init container runs; null to decide from the scanned files.
    /// </summary>
    public bool? Cni { get; init; }
}
