using MeshLint.Parsing;

namespace MeshLint.Startup;

/// <summary>A yes/no fact of the model and the setting or reason behind it, in words a message can quote.</summary>
public sealed record StartupFact(bool On, string Why);

/// <summary>The Vault Agent Injector's part of the pod (present when <c>vault.hashicorp.com/agent-inject</c> is true).</summary>
/// <param name="InitFirst"><c>vault.hashicorp.com/agent-init-first: "true"</c>: vault-agent-init goes before every other init container.</param>
/// <param name="Port">The port vault-agent-init connects to Vault on.</param>
/// <param name="PortSource">Where <see cref="Port"/> comes from, e.g. <c>Vault's default port</c>.</param>
/// <param name="Exclusion">What takes Vault out of the redirect, or null when nothing does.</param>
/// <param name="At">The <c>vault.hashicorp.com/agent-inject</c> key.</param>
public sealed record VaultAgent(bool InitFirst, string Port, string PortSource, string? Exclusion, SourceSpan At);

/// <summary>A hold the pod asks for, on its own (<see cref="OnPod"/>) or through a mesh-wide setting, and where.</summary>
public sealed record HoldRequest(bool Hold, bool OnPod, string Why);

/// <summary>A port an app container declares (<c>containerPort</c>), which shares the pod's network with istio-proxy's own.</summary>
public sealed record AppPort(string Container, string Port, SourceSpan At);

/// <summary>The Pod Security level the pod's scanned Namespace enforces, and where it is set.</summary>
public sealed record PodSecurityLevel(string Level, string Source);

/// <summary>
/// The modelled start-up of one pod template: the containers that Istio's and Vault's injectors
/// produce, in the order the kubelet starts them, with the facts that decide their network. Built by
/// <see cref="Model"/>; MESH001, MESH002 and MESH009 to MESH013 are read off it, and
/// <c>meshlint startup</c> prints it.
/// </summary>
public sealed partial record PodStartup
{
    /// <summary>How messages name the object, e.g. <c>Deployment/orders</c>.</summary>
    public required string Object { get; init; }

    public required string Kind { get; init; }

    public required string? Name { get; init; }

    public required string Namespace { get; init; }

    public required string Path { get; init; }

    /// <summary>Dotted path of the pod template's annotations, for messages (<c>spec.template.metadata.annotations</c>).</summary>
    public required string AnnotationsPath { get; init; }

    /// <summary>The pod template's anchor, where pod-level findings are reported.</summary>
    public required SourceSpan At { get; init; }

    /// <summary>Whether Istio injects a sidecar, and why.</summary>
    public required StartupFact Injection { get; init; }

    /// <summary>Whether Istio CNI sets up the redirect (then there is no istio-init).</summary>
    public required StartupFact Cni { get; init; }

    /// <summary>Whether istio-proxy is a native sidecar, ready before the next init container starts.</summary>
    public required StartupFact NativeSidecar { get; init; }

    /// <summary>How the target's injector builds istio-proxy into the pod, and what rests on an assumed target.</summary>
    public required PodShape Shape { get; init; }

    /// <summary>The hold the pod asks for (its own annotation, else a mesh-wide setting); null when none does.</summary>
    public HoldRequest? HoldRequest { get; init; }

    /// <summary>
    /// Why the pod is the proxy itself, a gateway: Istio's gateway injection template
    /// (<c>inject.istio.io/templates: gateway</c>) or its own <c>istio-proxy</c> container with
    /// <c>image: auto</c>, which the injector fills in (istio/istio manifests/charts/gateway). There is
    /// no app to hold, and no lifecycle rule judges it; null for an ordinary pod.
    /// </summary>
    public string? Gateway { get; init; }

    public bool IsGateway => Gateway is not null;

    /// <summary>Whether the lifecycle rules judge the pod: Istio injects it, it can start, and it is not a gateway.</summary>
    public bool Judged => Injection.On && NeverStarts is null && !IsGateway;

    /// <summary>No sidecar only because nothing in the scan shows Istio in use (<c>mesh.assumeInjection: auto</c>).</summary>
    public bool NotChecked { get; init; }

    /// <summary>Why the pod never starts (native sidecars where Kubernetes cannot run them); null when it can.</summary>
    public string? NeverStarts => Injection.On ? Shape.NeverStarts : null;

    /// <summary>The target the model assumes, for messages and the views.</summary>
    public required Mesh.MeshTarget Target { get; init; }

    /// <summary>Whether the app containers start only once istio-proxy is ready (a hold, or a native sidecar).</summary>
    public required StartupFact AppWaitsForProxy { get; init; }

    /// <summary>The Vault Agent Injector's part, or null when the pod does not ask for it.</summary>
    public VaultAgent? Vault { get; init; }

    /// <summary>The Pod Security level that the pod's scanned Namespace enforces, if any.</summary>
    public PodSecurityLevel? PodSecurity { get; init; }

    public required IReadOnlyList<StartupStep> Steps { get; init; }

    /// <summary>The numeric containerPorts of the pod's own app containers, in order.</summary>
    public IReadOnlyList<AppPort> AppPorts { get; init; } = [];

    /// <summary>The end of the pod's life: the drain, the grace period, the app's preStop waits.</summary>
    public required PodShutdown Shutdown { get; init; }

    /// <summary>istio-proxy's step when Istio injects it (or the pod lists it already); null otherwise.</summary>
    public StartupStep? Proxy => Injection.On ? Steps.FirstOrDefault(step => step is { Origin: ContainerOrigin.Istio, Name: IstioProxy }) : null;

    /// <summary>Vault's sidecar, which runs beside the app until the pod stops; null with agent-pre-populate-only or without Vault.</summary>
    public StartupStep? VaultAgentSidecar => Steps.FirstOrDefault(step => step is { Origin: ContainerOrigin.Vault, Phase: StartupPhase.App });

    /// <summary>The CNI fact in words a message can quote: <c>Istio CNI is on (spec.components.cni.enabled: true at …)</c>.</summary>
    public string CniDescription => $"Istio CNI is {(Cni.On ? "on" : "off")} ({Cni.Why})";

    /// <summary>
    /// The shutdown in order: each app container's preStop wait and SIGTERM, when Envoy stops, Vault's
    /// sidecar, and the grace period's SIGKILL. Every regular container gets SIGTERM after its own hook,
    /// all at once; a native sidecar only after every app container has exited.
    /// </summary>
    public IReadOnlyList<ShutdownEvent> ShutdownOrder
    {
        get
        {
            var events = new List<ShutdownEvent>();
            foreach (var step in Steps.Where(step => step is { Phase: StartupPhase.App, Origin: ContainerOrigin.Pod }))
            {
                if (Shutdown.PreStopWaits.FirstOrDefault(wait => wait.Container == step.Name) is { } wait)
                {
                    events.Add(new(0, $"{step.Name} runs its preStop hook ({wait.How})"));
                    events.Add(new(wait.Seconds, $"SIGTERM to {step.Name}, after its preStop wait"));
                }
                else
                {
                    events.Add(new(0, $"SIGTERM to {step.Name}"));
                }
            }

            var grace = Shutdown.GracePeriod.Seconds;
            var drain = Shutdown.Drain;
            if (Proxy is { Phase: StartupPhase.App })
            {
                events.Add(new(0, "SIGTERM to istio-proxy: pilot-agent starts draining Envoy"));
                events.Add(Shutdown.ExitOnZeroActiveConnections.On
                    ? new(null, $"Envoy stops once no connection is left ({Shutdown.ExitOnZeroActiveConnections.Why})")
                    : drain.Seconds < grace
                        ? new(drain.Seconds, $"Envoy stops: the drain of {drain.Text} is over ({drain.Why})")
                        : new(grace, $"the drain of {drain.Text} is cut by SIGKILL ({drain.Why})"));
            }
            else if (Proxy is not null)
            {
                events.Add(new(null, $"once every app container has exited: SIGTERM to istio-proxy (a native sidecar), which drains for {drain.Text} ({drain.Why}) and stops"));
            }

            if (VaultAgentSidecar is not null)
            {
                events.Add(new(0, "SIGTERM to vault-agent"));
            }

            // What follows the app's exit happens before the grace period ends, if at all.
            var ordered = events.OrderBy(entry => entry.At ?? grace).ToList();
            ordered.Add(new(grace, $"SIGKILL to every container still running ({Shutdown.GracePeriod.Why})"));
            return ordered;
        }
    }

    /// <summary>
    /// How the pod can turn native sidecars on under its target, for a message's list of fixes: the
    /// annotation (Istio 1.24+, on Kubernetes 1.29+), or istiod's variable where the release has no
    /// annotation (1.19-1.23); null where neither can work (a managed Cloud Service Mesh, Istio before
    /// 1.19, Kubernetes before 1.29).
    /// </summary>
    public string? NativeAdvice()
    {
        var istio = Target.Istio.Release;
        var kubernetes = Target.Kubernetes.Release;
        if (Target.Platform.Platform == Mesh.MeshPlatform.CsmManaged || istio < new Registry.MinorRelease(1, 19) || kubernetes < new Registry.MinorRelease(1, 29))
        {
            return null;
        }

        if (istio < new Registry.MinorRelease(1, 24))
        {
            return $"turn on native sidecars mesh-wide (pilot.env.ENABLE_NATIVE_SIDECARS: \"true\"; Istio {istio} has no per-pod annotation; Kubernetes 1.29+)";
        }

        var needs = (istio is null ? "Istio 1.24+" : null, kubernetes is null ? "Kubernetes 1.29+" : null) switch
        {
            (null, null) => string.Empty,
            ({ } a, null) => $"; {a}",
            (null, { } b) => $"; {b}",
            ({ } a, { } b) => $"; {a} on {b}",
        };
        return $"use native sidecars (sidecar.istio.io/nativeSidecar: \"true\" in {AnnotationsPath}{needs})";
    }

    public bool HasIstioInit => Steps.Any(step => step is { Origin: ContainerOrigin.Istio, Name: IstioInit });

    public StartupStep? VaultAgentInit => Steps.FirstOrDefault(step => step is { Origin: ContainerOrigin.Vault, Name: VaultAgentInitName });
}
