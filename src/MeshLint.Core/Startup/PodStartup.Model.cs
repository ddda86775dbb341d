using System.Globalization;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Startup;

/// <summary>
/// How the two mutating webhooks build the pod, and what follows for each container's network.
/// Assumption: Istio's webhook runs before Vault's. The API server calls mutating webhooks in the
/// order of their configurations' names (istio-sidecar-injector sorts before vault-agent-injector-cfg),
/// so Vault's injector sees istio-init and istio-proxy already in place and appends (or, with
/// agent-init-first, prepends) its own containers to them.
/// </summary>
public sealed partial record PodStartup
{
    public const string IstioInit = "istio-init";

    public const string IstioProxy = "istio-proxy";

    public const string VaultAgentInitName = "vault-agent-init";

    private const string VaultAgentName = "vault-agent";

    /// <summary>What Istio CNI's injector adds instead of istio-init: it only checks that the redirect is in place.</summary>
    private const string IstioValidation = "istio-validation";

    /// <summary>The UID istio-proxy runs as; the redirect's iptables rules return its traffic unredirected.</summary>
    private const string ProxyUid = "1337";

    internal static PodStartup Model(PodTemplate pod, MeshContext mesh, InjectionDecision injection, ProxyConfigAnnotation? proxyConfig)
    {
        var cni = mesh.Cni;
        var shape = PodShape.Of(pod, mesh);
        var native = new StartupFact(shape.Native, shape.Why);
        var holdRequest = HoldRequestOf(proxyConfig, mesh);
        var hold = injection.Injected ? HoldOf(shape, holdRequest) : new StartupFact(false, "no istio-proxy");
        var vault = VaultOf(pod, mesh);
        var ns = mesh.Namespace(pod.Owner.Namespace);
        var allExcluded = AllDestinationsExcluded(pod);

        // The init containers, as the two injectors leave them.
        var inits = new List<Planned>();
        foreach (var container in Containers(pod, "initContainers"))
        {
            var sidecar = container.Text("restartPolicy") == "Always";
            var name = ContainerName(container);

            // A pod that was injected already (kubectl get -o yaml, the injector's own test data) carries Istio's containers.
            var origin = name is IstioInit or IstioProxy or IstioValidation ? ContainerOrigin.Istio : ContainerOrigin.Pod;
            inits.Add(new Planned(name, origin, sidecar ? StartupPhase.Sidecar : StartupPhase.Init, (container.Entry("name")?.Key ?? (YamlNode)container).Span, RunAsUser(pod, container)));
        }

        var alreadyInjected = inits.Any(planned => planned.Origin == ContainerOrigin.Istio)
            || Containers(pod, "containers").Any(container => container.Text("name") == IstioProxy);
        if (injection.Injected && !alreadyInjected)
        {
            // Istio's reorderPod (istio/istio@1.30.0 pkg/kube/inject/webhook.go:781-816, the same since 1.19):
            // istio-init goes last so the pod's own init containers run before the redirect; under Istio CNI
            // istio-validation goes first (the redirect is in place from the sandbox anyway); a native
            // istio-proxy goes right after either, before the pod's own, so they are part of the mesh.
            var istio = new List<Planned>
            {
                cni.On ? new Planned(IstioValidation, ContainerOrigin.Istio, StartupPhase.Init, null, ProxyUid) : new Planned(IstioInit, ContainerOrigin.Istio, StartupPhase.Init, null, null),
            };
            if (native.On)
            {
                istio.Add(new Planned(IstioProxy, ContainerOrigin.Istio, StartupPhase.Sidecar, null, ProxyUid));
                inits.InsertRange(0, istio);
            }
            else if (cni.On)
            {
                inits.InsertRange(0, istio);
            }
            else
            {
                inits.AddRange(istio);
            }
        }

        if (vault is { } agent && !GoBool.IsFalse(pod.Annotation("vault.hashicorp.com/agent-pre-populate")))
        {
            var init = new Planned(VaultAgentInitName, ContainerOrigin.Vault, StartupPhase.Init, null, pod.Annotation("vault.hashicorp.com/agent-run-as-user"));
            if (agent.InitFirst)
            {
                inits.Insert(0, init);
            }
            else
            {
                inits.Add(init);
            }
        }

        // The regular containers: Istio moves istio-proxy first when it holds the app, else last;
        // Vault's sidecar comes after them (none with agent-pre-populate-only).
        var apps = Containers(pod, "containers")
            .Select(container => new Planned(ContainerName(container), ContainerName(container) == IstioProxy ? ContainerOrigin.Istio : ContainerOrigin.Pod, StartupPhase.App, (container.Entry("name")?.Key ?? (YamlNode)container).Span, RunAsUser(pod, container)))
            .ToList();
        if (injection.Injected && !native.On && !alreadyInjected)
        {
            var proxy = new Planned(IstioProxy, ContainerOrigin.Istio, StartupPhase.App, null, ProxyUid);
            if (hold.On)
            {
                apps.Insert(0, proxy);
            }
            else
            {
                apps.Add(proxy);
            }
        }

        if (vault is not null && !GoBool.IsTrue(pod.Annotation("vault.hashicorp.com/agent-pre-populate-only")))
        {
            apps.Add(new Planned(VaultAgentName, ContainerOrigin.Vault, StartupPhase.App, null, pod.Annotation("vault.hashicorp.com/agent-run-as-user")));
        }

        // Walk the sequence, tracking the redirect and the proxy's readiness as each container starts.
        var redirect = injection.Injected && cni.On;
        var redirectWhy = "Istio CNI redirects outbound traffic to istio-proxy from the start";
        var proxyReady = false;
        var steps = new List<StartupStep>();
        foreach (var planned in inits.Concat(apps))
        {
            if (planned.Phase == StartupPhase.App && planned.Name != IstioProxy && planned.Origin != ContainerOrigin.Istio)
            {
                proxyReady = injection.Injected && (hold.On || proxyReady);
            }

            var step = new StartupStep(steps.Count + 1, planned.Name, planned.Origin, planned.Phase)
            {
                RedirectActive = redirect,
                ProxyReady = proxyReady,
                At = planned.At,
                RunsAsProxyUid = planned.RunAsUser == ProxyUid,
                Why = string.Empty,
            };
            steps.Add(Reach(step, redirectWhy, allExcluded, planned.Origin == ContainerOrigin.Vault ? vault : null, hold));

            if (planned is { Name: IstioInit, Origin: ContainerOrigin.Istio })
            {
                redirect = true;
                redirectWhy = "istio-init has redirected outbound traffic to istio-proxy";
            }
            else if (planned is { Name: IstioProxy, Phase: StartupPhase.Sidecar })
            {
                // Its startup probe passes before the kubelet starts the next container; without the probe the
                // kubelet moves on once the process runs, ready or not.
                proxyReady = shape.StartupProbe;
            }
        }

        return new PodStartup
        {
            Object = pod.Owner.DisplayName,
            Kind = pod.Owner.Kind,
            Name = pod.Owner.Name,
            Namespace = pod.Owner.Namespace,
            Path = pod.Owner.Path,
            At = pod.AnchorSpan,
            AnnotationsPath = pod.AnnotationsPath,
            Injection = new StartupFact(injection.Injected, injection.Reason),
            NotChecked = injection.NotChecked,
            Gateway = GatewayOf(pod),
            Cni = new StartupFact(cni.On, cni.Why),
            NativeSidecar = native,
            Shape = shape,
            Target = mesh.Target,
            HoldRequest = holdRequest,
            AppWaitsForProxy = hold,
            Vault = vault,
            PodSecurity = ns?.PodSecurityEnforce is { Length: > 0 } level ? new PodSecurityLevel(level, ns.Source) : null,
            Steps = steps,
            AppPorts = AppPortsOf(pod),
            Shutdown = PodShutdown.Model(pod, mesh, proxyConfig),
        };
    }

    private static StartupStep Reach(StartupStep step, string redirectWhy, string? allExcluded, VaultAgent? vault, StartupFact hold)
    {
        if (step is { Origin: ContainerOrigin.Istio })
        {
            return step with
            {
                ReachesNetwork = true,
                Why = step.Name switch
                {
                    IstioInit => "sets up the redirect; it makes no connections",
                    IstioValidation => "checks that Istio CNI's redirect is in place; it makes no connections",
                    _ => "is the proxy (UID 1337), which the redirect skips",
                },
            };
        }

        var destination = vault is null ? null
            : $"Vault on port {vault.Port} ({vault.PortSource}); {vault.Exclusion ?? "nothing excludes it from the redirect"}";
        var outcome = step switch
        {
            { RedirectActive: false } => (true, "the redirect is not active yet"),
            { ProxyReady: true } => (true, step.Phase == StartupPhase.App ? $"istio-proxy is ready ({hold.Why})" : "istio-proxy, a native sidecar, is ready"),
            { RunsAsProxyUid: true } => (true, step.Origin == ContainerOrigin.Vault
                ? "runs as UID 1337 (vault.hashicorp.com/agent-run-as-user), which Istio's redirect skips"
                : "runs as UID 1337 (runAsUser), which Istio's redirect skips"),
            _ when allExcluded is not null => (true, $"every destination is excluded from the redirect ({allExcluded})"),
            _ when vault?.Exclusion is { } exclusion => (true, exclusion),
            { Phase: StartupPhase.App } => (false, $"{redirectWhy}, which may not be ready yet: the app does not wait for it"),
            _ => (false, $"{redirectWhy}, which is not running yet"),
        };
        return step with { ReachesNetwork = outcome.Item1, Why = outcome.Item2, Destination = destination };
    }

    /// <summary>Where a hold is asked for: the pod's own proxy.istio.io/config, else a mesh-wide setting that applies to it; null when none is.</summary>
    private static HoldRequest? HoldRequestOf(ProxyConfigAnnotation? proxyConfig, MeshContext mesh)
    {
        if (proxyConfig is { Usable: true, Hold: { } hold })
        {
            return new HoldRequest(hold, true, $"the pod's proxy.istio.io/config holdApplicationUntilProxyStarts: {(hold ? "true" : "false")}");
        }

        return mesh.HoldCover is { } cover ? new HoldRequest(true, false, $"{cover.Setting} at {cover.Source}") : null;
    }

    /// <summary>
    /// Whether the app starts only once istio-proxy is ready: a native sidecar with its startup probe
    /// always; otherwise a hold. Istio ignores the hold for a native sidecar (1.21 and later:
    /// injection-template.yaml `$holdProxy := and (...) (not $nativeSidecar)`).
    /// </summary>
    private static StartupFact HoldOf(PodShape shape, HoldRequest? request)
    {
        if (shape.Native)
        {
            return shape.StartupProbe
                ? new(true, "a native sidecar is ready before the app starts")
                : new(false, "a native istio-proxy without its startup probe (status.sidecar.istio.io/port: \"0\") lets the app start at once, and Istio ignores holdApplicationUntilProxyStarts for native sidecars");
        }

        return request is { } asked
            ? new(asked.Hold, asked.Why)
            : new(false, "nothing holds the app until the proxy is ready");
    }

    private static VaultAgent? VaultOf(PodTemplate pod, MeshContext mesh)
    {
        const string InjectKey = "vault.hashicorp.com/agent-inject";
        if (pod.AnnotationEntry(InjectKey) is not { } inject || !GoBool.IsTrue(pod.Annotation(InjectKey)))
        {
            return null;
        }

        var (port, portSource) = VaultPort(pod.Annotation("vault.hashicorp.com/service"));
        string? exclusion = null;
        if (pod.Annotation("traffic.sidecar.istio.io/excludeOutboundIPRanges") is { Length: > 0 } ranges && IpPrefixList.Validate(ranges, allowWildcard: false) is null)
        {
            exclusion = $"traffic.sidecar.istio.io/excludeOutboundIPRanges: \"{ranges}\" excludes it (MeshLint takes it to hold Vault's address)";
        }
        else if (pod.Annotation("traffic.sidecar.istio.io/excludeOutboundPorts") is { } ports && ports.Split(',').Any(part => part.Trim() == port))
        {
            exclusion = $"traffic.sidecar.istio.io/excludeOutboundPorts: \"{ports}\" excludes port {port}";
        }
        else if (mesh.OutboundExclusion is { } wide)
        {
            exclusion = $"{wide.Setting} at {wide.Source} excludes it mesh-wide";
        }

        return new VaultAgent(GoBool.IsTrue(pod.Annotation("vault.hashicorp.com/agent-init-first")), port, portSource, exclusion, inject.Key.Span);
    }

    /// <summary>The port vault-agent-init connects to: that of vault.hashicorp.com/service (its scheme's default when it names none), else Vault's 8200.</summary>
    private static (string Port, string Source) VaultPort(string? service)
    {
        if (service is not null && Uri.TryCreate(service, UriKind.Absolute, out var uri) && uri.Port > 0)
        {
            return (uri.Port.ToString(CultureInfo.InvariantCulture), $"vault.hashicorp.com/service: \"{service}\"");
        }

        return ("8200", "Vault's default port");
    }

    /// <summary>An exclusion of every destination, so no container's traffic is redirected; null when there is none.</summary>
    private static string? AllDestinationsExcluded(PodTemplate pod)
    {
        if (pod.Annotations?.Scalar("traffic.sidecar.istio.io/includeOutboundIPRanges") is { Value: "" })
        {
            return "traffic.sidecar.istio.io/includeOutboundIPRanges: \"\"";
        }

        return pod.Annotation("traffic.sidecar.istio.io/excludeOutboundIPRanges") is { } ranges
            && IpPrefixList.Validate(ranges, allowWildcard: false) is null && ranges.Split(',').Contains("0.0.0.0/0")
            ? $"traffic.sidecar.istio.io/excludeOutboundIPRanges: \"{ranges}\""
            : null;
    }

    /// <summary>Why the pod is a gateway, the proxy itself; null for an ordinary pod.</summary>
    private static string? GatewayOf(PodTemplate pod)
    {
        if (pod.Annotation("inject.istio.io/templates") is { } templates && templates.Split(',').Any(template => template.Trim() == "gateway"))
        {
            return $"inject.istio.io/templates: \"{templates}\" injects the gateway template";
        }

        return Containers(pod, "containers").Any(container => container.Text("name") == IstioProxy && container.Text("image") == "auto")
            ? "its own istio-proxy container with image: auto is the gateway's proxy"
            : null;
    }

    private static List<AppPort> AppPortsOf(PodTemplate pod) =>
        Containers(pod, "containers")
            .Where(container => container.Text("name") != IstioProxy)
            .SelectMany(container => (container.Sequence("ports")?.Items ?? []).OfType<YamlMapping>()
                .Select(port => port.Scalar("containerPort"))
                .OfType<YamlScalar>()
                .Where(number => number.Type == ScalarType.Int)
                .Select(number => new AppPort(ContainerName(container), number.Value, number.Span)))
            .ToList();

    private static IEnumerable<YamlMapping> Containers(PodTemplate pod, string list) =>
        pod.Spec?.Sequence(list)?.Items.OfType<YamlMapping>() ?? [];

    private static string ContainerName(YamlMapping container) => container.Text("name") is { Length: > 0 } name ? name : "(unnamed)";

    /// <summary>The UID a container runs as: its own securityContext.runAsUser, else the pod's.</summary>
    private static string? RunAsUser(PodTemplate pod, YamlMapping container) =>
        container.At("securityContext", "runAsUser") is YamlScalar own ? own.Value
        : pod.Spec?.At("securityContext", "runAsUser") is YamlScalar shared ? shared.Value
        : null;

    private sealed record Planned(string Name, ContainerOrigin Origin, StartupPhase Phase, SourceSpan? At, string? RunAsUser);
}
