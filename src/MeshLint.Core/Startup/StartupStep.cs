using MeshLint.Parsing;

namespace MeshLint.Startup;

/// <summary>Who put a container into the pod.</summary>
public enum ContainerOrigin
{
    /// <summary>The pod template itself.</summary>
    Pod,

    /// <summary>Istio's sidecar injector (istio-init, istio-proxy).</summary>
    Istio,

    /// <summary>The Vault Agent Injector (vault-agent-init, vault-agent).</summary>
    Vault,
}

/// <summary>When a container runs in the pod's start-up.</summary>
public enum StartupPhase
{
    /// <summary>An init container: it runs to completion before the next one starts.</summary>
    Init,

    /// <summary>
    /// A native sidecar (an init container with <c>restartPolicy: Always</c>, Kubernetes 1.28+): it
    /// keeps running, and the next init container starts once it has started (for istio-proxy, once it is ready).
    /// </summary>
    Sidecar,

    /// <summary>A regular container: they all start once every init container has finished.</summary>
    App,
}

/// <summary>
/// One container of the modelled start-up, in the order the kubelet starts them. The three facts
/// hold when the container starts: whether outbound traffic is redirected to istio-proxy, whether
/// istio-proxy is ready, and so whether the container can reach the network, and why.
/// </summary>
public sealed record StartupStep(int Number, string Name, ContainerOrigin Origin, StartupPhase Phase)
{
    public bool RedirectActive { get; init; }

    public bool ProxyReady { get; init; }

    public bool ReachesNetwork { get; init; }

    /// <summary>Why the container can or cannot reach the network, in words a message can quote.</summary>
    public required string Why { get; init; }

    /// <summary>For vault-agent-init: where Vault is and what, if anything, excludes it from the redirect.</summary>
    public string? Destination { get; init; }

    /// <summary>Where the pod's own container is declared (its <c>name</c>); null for an injected one.</summary>
    public SourceSpan? At { get; init; }

    /// <summary>The container runs as the proxy's UID 1337, which Istio's redirect never captures.</summary>
    public bool RunsAsProxyUid { get; init; }
}
