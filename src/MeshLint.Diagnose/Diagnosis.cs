namespace MeshLint.Diagnose;

internal enum Verdict
{
    Confirmed,
    NotTheCause,
    NotEnoughData,
}

internal enum DiagnosisCheck
{
    StartupRace,
    VaultInitHang,
}

/// <summary>One line of a pod's timeline.</summary>
internal sealed record TimelineEntry(DateTimeOffset Time, string What, Origin? Origin = null);

/// <summary>The change that removes the confirmed cause, ready to paste.</summary>
internal sealed record Fix(string Summary, string Yaml, IReadOnlyList<string> Alternatives);

internal sealed record Finding(
    DiagnosisCheck Check,
    Verdict Verdict,
    string Summary,
    double? GapSeconds,
    bool GapIsLowerBound,
    IReadOnlyList<string> Missing,
    IReadOnlyList<TimelineEntry> Timeline,
    Fix? Fix);

internal sealed record PodDiagnosis(string Namespace, string Pod, Workload Workload, IReadOnlyList<Finding> Findings);

internal sealed record DiagnosisReport(
    IReadOnlyList<InputSummary> Inputs,
    IReadOnlyList<PodDiagnosis> Pods,
    IReadOnlyList<string> Warnings)
{
    public int Confirmed(DiagnosisCheck check) =>
        Pods.Count(pod => pod.Findings.Any(f => f.Check == check && f.Verdict == Verdict.Confirmed));

    public bool AnyConfirmed => Pods.Any(pod => pod.Findings.Any(f => f.Verdict == Verdict.Confirmed));
}

internal static class Fixes
{
    public static Fix StartupRace { get; } = new(
        "Hold the application until istio-proxy is ready (pod template annotation):",
        """
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
        """,
        ["Or, in the application: before the first outbound call, poll http://localhost:15020/healthz/ready until it returns 200."]);

    public static Fix VaultInitHang(string vaultIp) => new(
        "Let vault-agent-init reach Vault around the sidecar redirect (pod template annotation):",
        $$"""
        spec:
          template:
            metadata:
              annotations:
                traffic.sidecar.istio.io/excludeOutboundIPRanges: "{{vaultIp}}/32"
        """,
        [
            "Or exclude the Vault port instead: traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\" on the pod template.",
            $"Or mesh-wide, in the IstioOperator: spec.values.global.proxy.excludeIPRanges: \"{vaultIp}/32\".",
        ]);
}
