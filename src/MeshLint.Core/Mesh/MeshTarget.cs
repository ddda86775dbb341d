using MeshLint.Registry;

namespace MeshLint.Mesh;

/// <summary>
/// Who runs the control plane and the nodes. Each platform fixes some of what decides a pod's shape
/// (reference: versions.md §3, with the documentation each fact is read from).
/// </summary>
public enum MeshPlatform
{
    /// <summary>Istio installed by the user (istioctl, Helm, Sail): upstream behaviour, nothing forced.</summary>
    Istio,

    /// <summary>
    /// Cloud Service Mesh with a Google-managed control plane: istio-cni-node is always installed, no
    /// install-time mesh config (IstioOperator, istiod values) applies, ENABLE_NATIVE_SIDECARS is not
    /// exposed and sidecar.istio.io/nativeSidecar is not on the supported annotations' list, so pods
    /// keep legacy sidecars (cloud.google.com/service-mesh/docs/managed/provision-managed-anthos-service-mesh;
    /// docs.cloud.google.com/service-mesh/v1.29/docs/onboarding/unsupported-istio-apis).
    /// </summary>
    CsmManaged,

    /// <summary>
    /// The AKS Istio add-on (revisions asm-1-NN): native sidecars by default on AKS 1.33+ for new
    /// installs from asm-1-27 and for every install from asm-1-29; Istio CNI by default for new installs
    /// from asm-1-30 (MicrosoftDocs/azure-aks-docs@fb060ab: articles/aks/istio-native-sidecar.md, istio-cni.md).
    /// </summary>
    Aks,

    /// <summary>
    /// OpenShift Service Mesh 3 (the Sail operator): Istio CNI is required and always on
    /// (istio/istio@1.30.0: manifests/helm-profiles/platform-openshift.yaml); native sidecars as upstream.
    /// </summary>
    OpenShift,

    /// <summary>GKE Autopilot refuses NET_ADMIN to istio-init (istio/istio#37150), so Istio runs with Istio CNI.</summary>
    GkeAutopilot,
}

/// <summary>Where a part of the target came from.</summary>
public enum TargetOrigin
{
    /// <summary><c>mesh.target</c> (or <c>mesh.mode</c>) in <c>.meshlint.yaml</c>.</summary>
    Configured,

    /// <summary>A scanned file: a control plane's version, a revision's name, a chart's version.</summary>
    Detected,

    /// <summary>Nothing says: MeshLint assumes, and says so in the findings that depend on it.</summary>
    Assumed,
}

/// <summary>A release of the target, or null when unknown, with where it came from in words a message can quote.</summary>
public sealed record ReleaseFact(MinorRelease? Release, TargetOrigin Origin, string Source)
{
    public bool IsKnown => Release is not null;

    /// <summary>The release and its source, e.g. <c>1.28 (mesh.target.istio at .meshlint.yaml:4)</c>, or <c>unknown</c>.</summary>
    public string Describe() => Release is { } release ? $"{release} ({Source})" : $"unknown ({Source})";
}

/// <summary>The platform of the target, with where it came from.</summary>
public sealed record PlatformFact(MeshPlatform Platform, TargetOrigin Origin, string Source)
{
    public string Describe() => $"{MeshPlatforms.Name(Platform)} ({Source})";
}

/// <summary>
/// The cluster a folder's pods are built by: Istio's minor release, the minor release of the oldest
/// node's kubelet (Istio's "auto" native sidecars look at every node: istio/istio@1.27.0
/// pkg/kube/inject/webhook.go DetectNativeSidecar), and the platform.
/// </summary>
public sealed record MeshTarget(ReleaseFact Istio, ReleaseFact Kubernetes, PlatformFact Platform)
{
    public static MeshTarget Unknown { get; } = new(
        new ReleaseFact(null, TargetOrigin.Assumed, "not declared (mesh.target.istio) nor detected"),
        new ReleaseFact(null, TargetOrigin.Assumed, "not declared (mesh.target.kubernetes)"),
        new PlatformFact(MeshPlatform.Istio, TargetOrigin.Assumed, "self-managed Istio, as nothing says otherwise"));
}

/// <summary>What <c>.meshlint.yaml</c> declares under <c>mesh.target</c> (and <c>mesh.mode</c>), each part with the place that writes it.</summary>
public sealed record DeclaredTarget
{
    public static DeclaredTarget None { get; } = new();

    public MinorRelease? Istio { get; init; }

    /// <summary>Where <see cref="Istio"/> is written, e.g. <c>.meshlint.yaml:4</c>.</summary>
    public string? IstioAt { get; init; }

    public MinorRelease? Kubernetes { get; init; }

    public string? KubernetesAt { get; init; }

    public MeshPlatform? Platform { get; init; }

    /// <summary>Where <see cref="Platform"/> is written, with the key (<c>mesh.mode: managed at .meshlint.yaml:2</c>).</summary>
    public string? PlatformAt { get; init; }

    public bool IsEmpty => Istio is null && Kubernetes is null && Platform is null;
}

internal static class MeshPlatforms
{
    private static readonly (MeshPlatform Platform, string Name)[] Names =
    [
        (MeshPlatform.Istio, "istio"),
        (MeshPlatform.CsmManaged, "csm-managed"),
        (MeshPlatform.Aks, "aks"),
        (MeshPlatform.OpenShift, "openshift"),
        (MeshPlatform.GkeAutopilot, "gke-autopilot"),
    ];

    public static IEnumerable<string> AllNames => Names.Select(pair => pair.Name);

    public static string Name(MeshPlatform platform) => Names.First(pair => pair.Platform == platform).Name;

    public static MeshPlatform? Parse(string? name) =>
        Names.FirstOrDefault(pair => pair.Name == name) is { Name: not null } found ? found.Platform : null;

    /// <summary>Whether the platform always runs Istio CNI, and why (null when it does not force it).</summary>
    public static string? ForcesCni(MeshPlatform platform) => platform switch
    {
        MeshPlatform.CsmManaged => "a managed Cloud Service Mesh control plane always installs istio-cni-node",
        MeshPlatform.OpenShift => "OpenShift Service Mesh always runs Istio CNI (its platform profile sets pilot.cni.enabled)",
        MeshPlatform.GkeAutopilot => "GKE Autopilot refuses NET_ADMIN to istio-init, so Istio runs with Istio CNI",
        _ => null,
    };
}
