using System.Collections.Concurrent;
using MeshLint.Model;

namespace MeshLint.Mesh;

/// <summary>What a scanned Namespace tells the injection webhooks.</summary>
internal sealed record NamespaceFacts(string Name, string? InjectionLabel, string? RevisionLabel, string Source)
{
    /// <summary>The <c>istio.io/dataplane-mode</c> label: <c>ambient</c> puts the namespace's pods on ztunnel instead of sidecars.</summary>
    public string? DataplaneMode { get; init; }

    /// <summary>The <c>pod-security.kubernetes.io/enforce</c> label: the Pod Security level the API server enforces.</summary>
    public string? PodSecurityEnforce { get; init; }

    /// <summary>
    /// Whether the webhooks inject its pods: <c>istio-injection=enabled</c>, or an <c>istio.io/rev</c>
    /// label where there is no <c>istio-injection</c> (which wins when both are set).
    /// </summary>
    public bool Injects => InjectionLabel is { } injection ? injection == "enabled" : RevisionLabel is not null;

    /// <summary>
    /// The control plane revision whose webhook injects its pods: <c>istio-injection</c> selects the
    /// default revision even beside <c>istio.io/rev</c>, as Istio documents; null when neither label is set.
    /// </summary>
    public string? Revision => InjectionLabel is not null ? ControlPlane.DefaultRevision : RevisionLabel;

    /// <summary>Where it is (<c>path:line</c>), and every other Namespace of the name that was as near where they tie.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [Source];

    /// <summary>The folder of the file it is in (<see cref="Source"/> is <c>path:line</c>), kept for the distance to each workload.</summary>
    public string Folder { get; init; } = MeshSources.FolderOf(Source);

    /// <summary>The test data folder it is in, whose workloads alone it gives context to; null outside test data.</summary>
    public string? TestRoot { get; init; }
}

/// <summary>Whether Istio CNI sets up the pods' redirect instead of istio-init, and which setting says so (null: Istio's default profile, istio-init).</summary>
internal sealed record CniDecision(bool On, MeshSetting? Source)
{
    /// <summary>The setting that decides it, or why it is off, e.g. <c>spec.components.cni.enabled: true at istio/operator.yaml:9</c>.</summary>
    public string Why => Source is { } source
        ? $"{source.Setting} at {source.Source}"
        : "no scanned file or setting turns it on, so istio-init sets up the redirect, as Istio's default profile installs it";
}

/// <summary>A mesh-wide setting and where it was read, e.g. <c>istio/operator.yaml:12</c>.</summary>
internal sealed record MeshSetting(string Setting, string Source)
{
    /// <summary>The value as written, for settings that are more than on or off (a drain's duration); null for the others.</summary>
    public string? Value { get; init; }
}

/// <summary>
/// The facts about the cluster that decide whether a pod's configuration is enough, as one
/// workload file sees them: which namespaces inject sidecars (the nearest Namespace of each name),
/// which mesh-wide settings cover its pods (the nearest control plane of the pod's revision), and
/// which Services route to them (every scanned Service of their namespace).
/// Built from small facts only, never from whole documents; <see cref="MeshSources.For"/> gives it.
/// </summary>
internal sealed class MeshContext
{
    private readonly MeshSetting? holdCover;
    private readonly MeshSetting? outboundExclusion;
    private readonly ControlPlaneChoice? choice;
    private readonly ConcurrentDictionary<string, MeshContext>? byRevision;

    /// <summary>A context with these facts for every pod, whatever its revision.</summary>
    public MeshContext(IReadOnlyDictionary<string, NamespaceFacts> namespaces, MeshSetting? holdCover, MeshSetting? outboundExclusion)
    {
        Namespaces = namespaces;
        this.holdCover = holdCover;
        this.outboundExclusion = outboundExclusion;
    }

    /// <summary>The context of one folder: <paramref name="choice"/> picks the mesh-wide settings of each revision.</summary>
    internal MeshContext(IReadOnlyDictionary<string, NamespaceFacts> namespaces, ControlPlaneChoice choice, string revision, MeshAssumptions assumptions)
    {
        Namespaces = namespaces;
        this.choice = choice;
        byRevision = new(StringComparer.Ordinal);
        Revision = revision;
        Assumptions = assumptions;
        var settings = choice.For(revision);
        holdCover = settings.Hold;
        outboundExclusion = settings.OutboundExclusion;
        NativeSidecarsSetting = settings.NativeSidecars;
        CniSetting = settings.Cni;
        ShutdownSetting = MeshShutdown.Of(settings.Drain, settings.ExitOnZero);
        Settings = settings;
    }

    public static MeshContext Empty { get; } = new(new Dictionary<string, NamespaceFacts>(), null, null);

    public IReadOnlyDictionary<string, NamespaceFacts> Namespaces { get; }

    /// <summary>The control plane revision whose mesh-wide settings this context holds; null when one set covers every pod.</summary>
    public string? Revision { get; }

    /// <summary>The mesh-wide settings as chosen for <see cref="Revision"/>, with the control planes they were chosen from; null when one set covers every pod.</summary>
    internal ChosenSettings? Settings { get; }

    /// <summary>What the user told us about the clusters (<c>mesh:</c> in <c>.meshlint.yaml</c>).</summary>
    public MeshAssumptions Assumptions { get; init; } = MeshAssumptions.Default;

    /// <summary>
    /// The pods run on a managed Cloud Service Mesh (declared, or their revision is a managed channel):
    /// then no scanned install-time setting applies to them.
    /// </summary>
    public bool IsManaged => Target.Platform.Platform == MeshPlatform.CsmManaged;

    /// <summary>
    /// A setting that holds every app until its proxy is ready. Null in managed mode, where a managed
    /// control plane applies no install-time mesh config.
    /// </summary>
    public MeshSetting? HoldCover => IsManaged ? null : holdCover;

    /// <summary>
    /// A scanned ENABLE_NATIVE_SIDECARS: "true", which makes every proxy a native sidecar except in a pod
    /// that opts out; null in managed mode, like <see cref="HoldCover"/>.
    /// </summary>
    public MeshSetting? NativeSidecars => IsManaged ? null : NativeSidecarsSetting;

    /// <summary>The native sidecar setting as scanned, whatever the mode.</summary>
    public MeshSetting? NativeSidecarsSetting { get; init; }

    /// <summary>A valid mesh-wide outbound IP exclusion, which lets vault-agent-init bypass the proxy; null in managed mode.</summary>
    public MeshSetting? OutboundExclusion => IsManaged ? null : outboundExclusion;

    /// <summary>A mesh-wide hold that was found in the scanned files but does not apply in managed mode, for messages.</summary>
    public MeshSetting? UnappliedHoldCover => IsManaged ? holdCover ?? NativeSidecarsSetting : null;

    /// <summary>A mesh-wide outbound exclusion that was found but does not apply in managed mode, for messages.</summary>
    public MeshSetting? UnappliedOutboundExclusion => IsManaged ? outboundExclusion : null;

    /// <summary>A scanned file that installs Istio CNI (an IstioOperator, istiod values, the istio-cni-node DaemonSet).</summary>
    public MeshSetting? CniSetting { get; init; }

    /// <summary>
    /// Whether pods get their redirect from Istio CNI: <c>mesh.cni</c> overrides everything; a platform
    /// that always runs it (managed Cloud Service Mesh, OpenShift, GKE Autopilot) or runs it by default
    /// (the AKS add-on from asm-1-30); else a scanned file that installs it.
    /// </summary>
    public CniDecision Cni
    {
        get
        {
            if (Assumptions.Cni is { } cni)
            {
                return new(cni, new MeshSetting($"mesh.cni: {(cni ? "true" : "false")}", ".meshlint.yaml"));
            }

            var platform = Target.Platform;
            if (MeshPlatforms.ForcesCni(platform.Platform) is { } forced)
            {
                return new(true, new MeshSetting(forced, platform.Source));
            }

            if (CniSetting is { } setting)
            {
                return new(true, setting);
            }

            // New installs of the add-on's asm-1-30 and later chain Istio CNI (azure-aks-docs@fb060ab istio-cni.md).
            return platform.Platform == MeshPlatform.Aks && Target.Istio.Release is { } release && release >= new Registry.MinorRelease(1, 30)
                ? new(true, new MeshSetting($"the AKS add-on's default for a new mesh of asm-{release.Major}-{release.Minor} (an upgraded one keeps istio-init: set mesh.cni)", Target.Istio.Source))
                : new(false, null);
        }
    }

    /// <summary>
    /// The cluster this context's pods are built by: each part from <c>mesh.target</c>, else detected
    /// from the scanned files (the nearest control plane of the revision, the revision's name), else unknown.
    /// </summary>
    public MeshTarget Target => target ??= ResolveTarget();

    private MeshTarget? target;

    private MeshTarget ResolveTarget()
    {
        var declared = Assumptions.Target;
        var revision = Revision ?? ControlPlane.DefaultRevision;
        var platform = declared.Platform is { } named
            ? new PlatformFact(named, TargetOrigin.Configured, declared.PlatformAt ?? ".meshlint.yaml")
            : revision.StartsWith("asm-managed", StringComparison.Ordinal)
                ? new PlatformFact(MeshPlatform.CsmManaged, TargetOrigin.Detected, $"the revision {revision} is a managed Cloud Service Mesh release channel")
                : revision.StartsWith("asm-1-", StringComparison.Ordinal)
                    ? new PlatformFact(MeshPlatform.Aks, TargetOrigin.Detected, $"the revision {revision} is an AKS Istio add-on revision")
                    : MeshTarget.Unknown.Platform;

        ReleaseFact istio;
        if (declared.Istio is { } configured)
        {
            istio = new ReleaseFact(configured, TargetOrigin.Configured, declared.IstioAt ?? ".meshlint.yaml");
        }
        else if (MeshContextBuilder.RevisionReleaseOf(revision) is { } named2)
        {
            // A revision named after its release (1-27-2, asm-1-27) says which istiod injects its pods.
            istio = new ReleaseFact(named2, TargetOrigin.Detected, $"the revision name {revision}");
        }
        else if (Settings?.IstioRelease is { } detected && platform.Platform != MeshPlatform.CsmManaged)
        {
            istio = Registry.MinorRelease.Parse(detected.Value) is { } release
                ? new ReleaseFact(release, TargetOrigin.Detected, $"{detected.Setting} at {detected.Source}")
                : new ReleaseFact(null, TargetOrigin.Assumed, $"the nearest sources disagree: {detected.Setting} at {detected.Source}");
        }
        else
        {
            istio = MeshTarget.Unknown.Istio;
        }

        var kubernetes = declared.Kubernetes is { } k8s
            ? new ReleaseFact(k8s, TargetOrigin.Configured, declared.KubernetesAt ?? ".meshlint.yaml")
            : MeshTarget.Unknown.Kubernetes;
        return new MeshTarget(istio, kubernetes, platform);
    }

    /// <summary>The mesh-wide drain settings as scanned (of the nearest control planes of <see cref="Revision"/>), whatever the mode.</summary>
    public MeshShutdown ShutdownSetting { get; init; } = MeshShutdown.None;

    /// <summary>The mesh-wide drain settings that apply: none in managed mode, like <see cref="HoldCover"/>.</summary>
    public MeshShutdown Shutdown => IsManaged ? MeshShutdown.None : ShutdownSetting;

    /// <summary>The scanned Services that select pods and name a targetPort, by namespace, in path order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ServiceFacts>> Services { get; init; } = new Dictionary<string, IReadOnlyList<ServiceFacts>>();

    /// <summary>The first sign, outside test data, that Istio is in use in the scan (<see cref="MeshSources.IstioEvidence"/>).</summary>
    public string? IstioEvidence { get; init; }

    /// <summary>
    /// Why pods of this context are in an Istio mesh at all, for a namespace no scanned file defines:
    /// <c>mesh.assumeInjection: true</c>, a <c>mesh.target</c> or <c>mesh.mode</c> the configuration
    /// declares, or a sign of Istio in the scan; null when nothing shows Istio in use (<c>auto</c>).
    /// </summary>
    public string? IstioInPlay => Assumptions.AssumeInjection switch
    {
        true => "mesh.assumeInjection: true",
        false => null,
        null when Assumptions.DeclaresMesh => "the configuration declares the mesh (mesh.target or mesh.mode)",
        null => IstioEvidence is { } evidence ? $"Istio is in use: {evidence}" : null,
    };

    /// <summary>The same facts under other assumptions.</summary>
    public MeshContext With(MeshAssumptions assumptions) => choice is not null
        ? new(Namespaces, choice, Revision!, assumptions) { Services = Services, IstioEvidence = IstioEvidence }
        : new(Namespaces, holdCover, outboundExclusion) { Assumptions = assumptions, NativeSidecarsSetting = NativeSidecarsSetting, CniSetting = CniSetting, ShutdownSetting = ShutdownSetting, Services = Services, IstioEvidence = IstioEvidence };

    public NamespaceFacts? Namespace(string name) => Namespaces.GetValueOrDefault(name);

    /// <summary>
    /// The revision whose control plane serves <paramref name="pod"/>: its namespace's, else its own
    /// <c>istio.io/rev</c> label, else the default revision.
    /// </summary>
    public string RevisionOf(PodTemplate pod) =>
        Namespace(pod.Owner.Namespace)?.Revision ?? pod.Label("istio.io/rev") ?? ControlPlane.DefaultRevision;

    /// <summary>The context of <paramref name="pod"/>: the mesh-wide settings of its revision's control planes only.</summary>
    public MeshContext ForPod(PodTemplate pod) => ForRevision(ControlPlane.Normalized(RevisionOf(pod)));

    /// <summary>The context of the pods of <paramref name="revision"/>: the mesh-wide settings of its control planes only.</summary>
    internal MeshContext ForRevision(string revision) => choice is null || byRevision is null || revision == Revision
        ? this
        : byRevision.GetOrAdd(revision, key => new MeshContext(Namespaces, choice, key, Assumptions) { Services = Services, IstioEvidence = IstioEvidence });
}
