namespace MeshLint.Diagnose;

/// <summary>What a container is for, which decides how its logs and events are read.</summary>
internal enum ContainerRole
{
    App,
    IstioProxy,
    IstioInit,
    Vault,
}

internal static class ContainerRoles
{
    public static ContainerRole Of(string container) => container switch
    {
        "istio-proxy" => ContainerRole.IstioProxy,
        // istio-validation replaces istio-init when the Istio CNI plugin sets up the redirect.
        "istio-init" or "istio-validation" => ContainerRole.IstioInit,
        _ when container.Contains("vault", StringComparison.OrdinalIgnoreCase) => ContainerRole.Vault,
        _ => ContainerRole.App,
    };
}

/// <summary>Where an observation came from, so every timeline line can be traced back.</summary>
internal sealed record Origin(string File, string Entry)
{
    public override string ToString() => $"{File} {Entry}";
}

/// <summary>A log line worth keeping (a refused connection, a Vault error, a proxy readiness line).</summary>
internal sealed record KeptLogLine(DateTimeOffset Time, string Container, string Text, Origin Origin, string? Pattern = null);

/// <summary>
/// A Kubernetes event about a pod. Kubelet aggregates repeats (e.g. failing probes) into one
/// event with a count, the first and the last occurrence, so one record can stand for many.
/// </summary>
internal sealed record PodEvent(
    string? Container,
    bool IsInitContainer,
    string Reason,
    string Message,
    DateTimeOffset First,
    DateTimeOffset Last,
    int Count,
    Origin Origin);

/// <summary>Everything known about one pod after reading all inputs.</summary>
internal sealed record PodEvidence(
    string Namespace,
    string Name,
    KeptLogLine? FirstRefused,
    int RefusedCount,
    int AppLogLines,
    IReadOnlyList<PodEvent> Events,
    IReadOnlyList<KeptLogLine> ProxyReadinessLines,
    KeptLogLine? FirstVaultError,
    int VaultErrorCount,
    int VaultLogLines,
    int IstioInitLogLines);

/// <summary>All evidence, plus the time the export reaches (used to tell "ready" from "no data").</summary>
internal sealed record EvidenceSet(IReadOnlyList<PodEvidence> Pods, DateTimeOffset? ExportEnd);
