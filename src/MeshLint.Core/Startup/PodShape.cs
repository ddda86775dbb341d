using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Registry;

namespace MeshLint.Startup;

/// <summary>What a pod's own <c>sidecar.istio.io/nativeSidecar</c> annotation does under the target.</summary>
public enum NativeAnnotationProblem
{
    /// <summary>None, or it works as written.</summary>
    None,

    /// <summary>It turns native sidecars on where Kubernetes cannot run them: the pod never starts.</summary>
    NeverStarts,

    /// <summary>The target's Istio predates the annotation (added in 1.24): it does nothing.</summary>
    NoEffect,

    /// <summary>A managed Cloud Service Mesh does not support it: the proxy stays a regular container.</summary>
    Unsupported,
}

/// <summary>
/// How the injector of the target's Istio release builds istio-proxy into this pod: a native sidecar
/// (an init container with <c>restartPolicy: Always</c> and a startup probe, started and ready before the
/// next container) or a legacy one (a regular container beside the app). Decided once per pod template,
/// by Istio's own precedence for the release (reference: versions.md §1.1, §1.2), and read by every
/// lifecycle rule.
/// </summary>
/// <param name="Native">istio-proxy is a native sidecar.</param>
/// <param name="Why">The setting or default that decides it, in words a message can quote.</param>
public sealed record PodShape(bool Native, string Why)
{
    /// <summary>The annotation this decision reads.</summary>
    public const string AnnotationKey = "sidecar.istio.io/nativeSidecar";

    private static readonly MinorRelease FirstNativeRelease = new(1, 19);
    private static readonly MinorRelease FirstAnnotationRelease = new(1, 24);
    private static readonly MinorRelease FirstAutoRelease = new(1, 27);
    private static readonly MinorRelease FirstAutoKubernetes = new(1, 33);
    private static readonly MinorRelease FirstSidecarKubernetes = new(1, 29);

    /// <summary>
    /// When the decision rests on a part of the target nobody declared or MeshLint could not detect, the
    /// condition it assumes, as one short clause (<c>legacy sidecars, as on Istio &lt; 1.27 or with a node
    /// below Kubernetes 1.33; set mesh.target</c>); null when the target decides it.
    /// </summary>
    public string? Assumption { get; init; }

    /// <summary>The pod's own <c>sidecar.istio.io/nativeSidecar: "false"</c> keeps a legacy proxy where the mesh-wide setting or Istio's default would make it native.</summary>
    public bool OptedOut { get; init; }

    /// <summary>
    /// The shape follows from the nodes' Kubernetes release (Istio's "auto", or the AKS add-on's default):
    /// a node below 1.33 joining the cluster would turn a native proxy back into a legacy one.
    /// </summary>
    public bool FollowsNodes { get; init; }

    /// <summary>What is wrong with the pod's own annotation under the target, for MESH017.</summary>
    public NativeAnnotationProblem AnnotationProblem { get; init; }

    /// <summary>Why, for <see cref="AnnotationProblem"/>, in words a message can quote.</summary>
    public string? AnnotationWhy { get; init; }

    /// <summary>
    /// Why the pod never starts, when native sidecars are turned on (by the annotation or ENABLE_NATIVE_SIDECARS:
    /// "true", which Istio applies without looking at the nodes) on Kubernetes before 1.29: 1.28's API
    /// server drops restartPolicy with the SidecarContainers gate off by default, and older ones do not
    /// know the field, so istio-proxy becomes an init container that never ends (kubernetes/kubernetes
    /// pkg/api/pod/util.go dropDisabledPodFields; KEP-753 kep.yaml: beta and on by default in 1.29).
    /// </summary>
    public string? NeverStarts { get; init; }

    /// <summary>
    /// Whether a native istio-proxy carries the startup probe that makes the kubelet wait for a ready
    /// Envoy before the next container: not with <c>status.sidecar.istio.io/port: "0"</c>, which drops
    /// both probes (istio/istio@1.27.0 injection-template.yaml: the probes sit under
    /// <c>if ne (annotation status.sidecar.istio.io/port) "0"</c>).
    /// </summary>
    public bool StartupProbe { get; init; } = true;

    /// <summary>The shape of <paramref name="pod"/>: its annotation, its status port, and its context.</summary>
    internal static PodShape Of(PodTemplate pod, MeshContext mesh) =>
        Decide(pod.AnnotationEntry(AnnotationKey) is null ? null : pod.Annotation(AnnotationKey) ?? string.Empty, mesh) with
        {
            StartupProbe = pod.Annotation("status.sidecar.istio.io/port")?.Trim() != "0",
        };

    /// <param name="annotation">The pod's <c>sidecar.istio.io/nativeSidecar</c> as written (empty when set to nothing); null when absent.</param>
    internal static PodShape Decide(string? annotation, MeshContext mesh)
    {
        var target = mesh.Target;
        var istio = target.Istio.Release;
        var kubernetes = target.Kubernetes.Release;
        var global = GlobalSetting(mesh);

        if (target.Platform.Platform == MeshPlatform.CsmManaged)
        {
            // No native mode on a managed control plane: the variable is not exposed, the annotation not supported.
            var shape = new PodShape(false, $"a managed Cloud Service Mesh keeps legacy sidecars ({target.Platform.Source})");
            return annotation is { Length: > 0 } and not "false"
                ? shape with { AnnotationProblem = NativeAnnotationProblem.Unsupported, AnnotationWhy = $"a managed Cloud Service Mesh does not support {AnnotationKey} ({target.Platform.Source}), so istio-proxy stays a regular container" }
                : shape;
        }

        var decided = istio is { } release ? ByRelease(release, annotation, global, mesh) : WithoutRelease(annotation, global, mesh);
        // Before 1.24 the annotation is dead: worth saying where it asks for native sidecars, or where its
        // "false" means to opt out of istiod's ENABLE_NATIVE_SIDECARS: "true" and does not.
        if (istio is { } old && old < FirstAnnotationRelease && annotation is not null && (annotation != "false" || decided.Native))
        {
            decided = decided with
            {
                AnnotationProblem = NativeAnnotationProblem.NoEffect,
                AnnotationWhy = $"Istio {old} ({target.Istio.Source}) has no {AnnotationKey}: it came in Istio 1.24, so the annotation does nothing",
            };
        }

        if (decided.Native && kubernetes is { } nodes && nodes < FirstSidecarKubernetes)
        {
            var byAnnotation = annotation is not null && AnnotationDecides(istio);
            var why = $"native sidecars need Kubernetes 1.29 or later and the target runs {nodes} ({target.Kubernetes.Source}): "
                + (nodes.Minor == 28
                    ? "its SidecarContainers gate is off by default, so the API server drops restartPolicy: Always and istio-proxy becomes an init container that never ends"
                    : "it has no restartPolicy for init containers, so the API server rejects the pod or istio-proxy becomes an init container that never ends");
            decided = decided with
            {
                NeverStarts = why,
                AnnotationProblem = byAnnotation ? NativeAnnotationProblem.NeverStarts : decided.AnnotationProblem,
                AnnotationWhy = byAnnotation ? why : decided.AnnotationWhy,
            };
        }

        return decided;
    }

    /// <summary>Whether the annotation, when present, is what decides the shape in this release (1.24 and later).</summary>
    private static bool AnnotationDecides(MinorRelease? istio) => istio is not { } release || release >= FirstAnnotationRelease;

    /// <summary>Istio's precedence for a known release.</summary>
    private static PodShape ByRelease(MinorRelease istio, string? annotation, GlobalNative? global, MeshContext mesh)
    {
        var target = mesh.Target;
        var istioSource = $"Istio {istio} ({target.Istio.Source})";
        if (istio < FirstNativeRelease)
        {
            return new PodShape(false, $"{istioSource} has no native sidecars (ENABLE_NATIVE_SIDECARS came in 1.19)");
        }

        if (istio < FirstAnnotationRelease)
        {
            // 1.19-1.23: only istiod's variable, compared with "true" by the injection template
            // (istio/istio@1.20.0 injection-template.yaml:27).
            return global is { Value: "true" }
                ? new PodShape(true, global.Describe())
                : new PodShape(false, global is null ? $"{istioSource} keeps legacy sidecars unless ENABLE_NATIVE_SIDECARS is \"true\"" : $"{global.Describe()}, so {istioSource} keeps legacy sidecars");
        }

        if (istio < FirstAutoRelease)
        {
            // 1.24-1.26: an annotation that is set decides, and only "true" turns native on; else the
            // variable (istio/istio@1.24.0 injection-template.yaml:27).
            if (annotation is not null)
            {
                return annotation == "true"
                    ? new PodShape(true, $"the pod's {AnnotationKey}: \"true\"")
                    : global is { Value: "true" }
                        ? new PodShape(false, $"the pod's {AnnotationKey}: \"{annotation}\" opts out of {global.Describe()} (in {istioSource} only \"true\" turns native sidecars on)") { OptedOut = true }
                        : new PodShape(false, $"the pod's {AnnotationKey}: \"{annotation}\" (in {istioSource} only \"true\" turns native sidecars on)");
            }

            return global is { Value: "true" }
                ? new PodShape(true, global.Describe())
                : new PodShape(false, global is null ? $"{istioSource} keeps legacy sidecars unless ENABLE_NATIVE_SIDECARS is \"true\"" : $"{global.Describe()}, so {istioSource} keeps legacy sidecars");
        }

        // 1.27 and later: the annotation, if not empty, decides, and anything but "false" means native
        // (injection-template.yaml:29 `ne (anno | default .NativeSidecars) "false"`); else ENABLE_NATIVE_SIDECARS,
        // whose default is "auto" (pilot/pkg/features/pilot.go:306-322); the compatibility profiles of 1.26
        // and earlier set it to "false" (manifests/helm-profiles/compatibility-version-1.26.yaml).
        var byDefault = DefaultFor(istio, global, mesh);
        if (annotation is { Length: > 0 })
        {
            return annotation != "false"
                ? new PodShape(true, $"the pod's {AnnotationKey}: \"{annotation}\"")
                : byDefault.Native
                    ? new PodShape(false, $"the pod's {AnnotationKey}: \"false\" opts out of {byDefault.Why}") { OptedOut = true }
                    : new PodShape(false, $"the pod's {AnnotationKey}: \"false\"");
        }

        return byDefault;
    }

    /// <summary>Istio 1.27 and later without the annotation: the variable, the compatibility version, else "auto" and the nodes.</summary>
    private static PodShape DefaultFor(MinorRelease istio, GlobalNative? global, MeshContext mesh)
    {
        var target = mesh.Target;
        switch (global?.Value)
        {
            case "true":
                return new PodShape(true, global.Describe());
            case "false":
                return new PodShape(false, global.Describe());
            case null or "auto":
                break;
            default:
                return new PodShape(false, $"{global.Describe()}, which Istio reads as \"false\" (only true, false and auto are known)");
        }

        if (global is null && mesh.Settings?.CompatibilityVersion is { } compatibility
            && MinorRelease.Parse(compatibility.Value) is { } pinned && pinned < FirstAutoRelease)
        {
            return new PodShape(false, $"{compatibility.Setting} at {compatibility.Source} restores Istio {pinned}'s ENABLE_NATIVE_SIDECARS: \"false\"");
        }

        var auto = global is null ? $"Istio {istio} ({target.Istio.Source}) defaults ENABLE_NATIVE_SIDECARS to \"auto\"" : global.Describe();
        if (target.Platform.Platform == MeshPlatform.Aks && global is null)
        {
            return AksDefault(istio, mesh);
        }

        return target.Kubernetes.Release switch
        {
            { } nodes when nodes >= FirstAutoKubernetes => new PodShape(true, $"{auto}, and the oldest node runs Kubernetes {nodes} ({target.Kubernetes.Source})") { FollowsNodes = true },
            { } nodes => new PodShape(false, $"{auto}, which keeps legacy sidecars while a node runs Kubernetes {nodes} ({target.Kubernetes.Source})") { FollowsNodes = true },
            null => new PodShape(false, $"{auto}, which makes native sidecars only when every node runs Kubernetes 1.33 or later")
            {
                Assumption = "legacy sidecars, as with a node below Kubernetes 1.33; set mesh.target.kubernetes",
                FollowsNodes = true,
            },
        };
    }

    /// <summary>
    /// The AKS add-on sets ENABLE_NATIVE_SIDECARS itself: on AKS 1.33+ from asm-1-27 for new installs and
    /// from asm-1-29 for every install (azure-aks-docs@fb060ab articles/aks/istio-native-sidecar.md).
    /// </summary>
    private static PodShape AksDefault(MinorRelease istio, MeshContext mesh)
    {
        var target = mesh.Target;
        var revision = $"asm-{istio.Major}-{istio.Minor}";
        return target.Kubernetes.Release switch
        {
            { } nodes when nodes < FirstAutoKubernetes => new PodShape(false, $"the AKS add-on keeps legacy sidecars below AKS 1.33 ({target.Kubernetes.Source})"),
            _ when istio < FirstAutoRelease => new PodShape(false, $"the AKS add-on's {revision} keeps legacy sidecars"),
            null => new PodShape(false, $"the AKS add-on's {revision} makes native sidecars only on AKS 1.33 or later")
            {
                Assumption = "legacy sidecars, as below AKS 1.33; set mesh.target.kubernetes",
            },
            _ when istio < new MinorRelease(1, 29) => new PodShape(true, $"the AKS add-on's {revision} turns native sidecars on for a new install on AKS 1.33 or later (an upgraded one keeps legacy sidecars)") { FollowsNodes = true },
            _ => new PodShape(true, $"the AKS add-on's {revision} turns native sidecars on for every install on AKS 1.33 or later") { FollowsNodes = true },
        };
    }

    /// <summary>No release known: only what holds in every release decides; otherwise legacy is assumed and said.</summary>
    private static PodShape WithoutRelease(string? annotation, GlobalNative? global, MeshContext mesh)
    {
        var kubernetes = mesh.Target.Kubernetes;
        if (annotation is "true")
        {
            // "true" turns native on in every release that has the annotation (1.24 and later).
            return new PodShape(true, $"the pod's {AnnotationKey}: \"true\"") { Assumption = "Istio 1.24 or later, which reads the annotation; set mesh.target.istio" };
        }

        if (annotation is "false")
        {
            return global is { Value: "true" }
                ? new PodShape(false, $"the pod's {AnnotationKey}: \"false\" opts out of {global.Describe()}") { OptedOut = true }
                : new PodShape(false, $"the pod's {AnnotationKey}: \"false\"");
        }

        if (global is { Value: "true" })
        {
            return new PodShape(true, global.Describe());
        }

        if (global is { Value: "false" })
        {
            return new PodShape(false, global.Describe());
        }

        if (global is null && mesh.Settings?.CompatibilityVersion is { } compatibility
            && MinorRelease.Parse(compatibility.Value) is { } pinned && pinned < FirstAutoRelease)
        {
            return new PodShape(false, $"{compatibility.Setting} at {compatibility.Source} restores Istio {pinned}'s ENABLE_NATIVE_SIDECARS: \"false\"");
        }

        if (kubernetes.Release is { } nodes && nodes < FirstAutoKubernetes)
        {
            return new PodShape(false, $"Istio makes native sidecars by default only when every node runs Kubernetes 1.33 or later, and the target runs {nodes} ({kubernetes.Source})");
        }

        var assumption = kubernetes.Release is null
            ? "legacy sidecars, as on Istio < 1.27 or with a node below Kubernetes 1.33; set mesh.target"
            : "legacy sidecars, as on Istio < 1.27; set mesh.target.istio";
        return new PodShape(false, global is null ? "nothing turns them on" : $"{global.Describe()}, which depends on the Istio release") { Assumption = assumption };
    }

    /// <summary>ENABLE_NATIVE_SIDECARS as the pods' control plane sets it, or <c>mesh.nativeSidecars: true</c>.</summary>
    private static GlobalNative? GlobalSetting(MeshContext mesh)
    {
        if (mesh.Assumptions.NativeSidecars)
        {
            return new GlobalNative("true", $"mesh.nativeSidecars: true at {mesh.Assumptions.NativeSidecarsAt}");
        }

        return mesh.NativeSidecars is { } setting
            ? new GlobalNative(setting.Value?.Trim() ?? string.Empty, $"{setting.Setting} at {setting.Source}")
            : null;
    }

    /// <summary>istiod's ENABLE_NATIVE_SIDECARS as istiod sees it (a YAML boolean as Helm renders it: true or false), and where it is set.</summary>
    private sealed record GlobalNative(string Value, string Source)
    {
        public string Describe() => Source;
    }
}
