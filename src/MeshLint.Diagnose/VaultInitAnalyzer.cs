using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>
/// Recognises the Vault Init hang. With a regular (non-native) istio-proxy container, init
/// containers run before the sidecar exists, but istio-init has already installed the iptables
/// redirect to port 15001. vault-agent-init's login to Vault on :8200 is therefore sent to an Envoy
/// that cannot start until every init container has finished: the agent retries "error
/// authenticating ... connection refused" forever and the pod stays in Init:0/1.
/// Confirmed when: vault-agent-init logged such errors, istio-init (or istio-validation, with
/// Istio CNI) ran, and no regular container of the pod ever started.
/// </summary>
internal static partial class VaultInitAnalyzer
{
    [GeneratedRegex(@"(?<ip>\b\d{1,3}(?:\.\d{1,3}){3}):8200\b")]
    private static partial Regex VaultAddress();

    public static Finding? Analyze(PodEvidence pod)
    {
        var vaultEvents = pod.Events.Where(e => e.Container is { } c && ContainerRoles.Of(c) == ContainerRole.Vault).ToList();
        if (vaultEvents.Count == 0 && pod.VaultLogLines == 0)
        {
            return null;
        }

        var istioInitRan = pod.IstioInitLogLines > 0
            || pod.Events.Any(e => e.Container is { } c && ContainerRoles.Of(c) == ContainerRole.IstioInit && e.Reason is "Created" or "Started" or "Pulled");
        var regularStart = pod.Events.FirstOrDefault(e => !e.IsInitContainer && e.Container is not null && e.Reason == "Started");
        var error = pod.FirstVaultError;

        var timeline = new List<TimelineEntry>();
        StartupRaceAnalyzer.AddPodEvents(pod, timeline);
        if (error is not null)
        {
            timeline.Add(new TimelineEntry(error.Time,
                $"first Vault connection error in {error.Container} ({pod.VaultErrorCount} error line(s) in all): {error.Text}", error.Origin));
        }

        timeline.Sort((a, b) => a.Time.CompareTo(b.Time));

        if (regularStart is not null)
        {
            return Result(Verdict.NotTheCause,
                $"not the Vault Init hang: init containers finished ({regularStart.Container} started at {Rfc3339Timestamp.Format(regularStart.First)})", []);
        }

        var missing = new List<string>();
        if (error is null)
        {
            missing.Add(pod.VaultLogLines > 0
                ? "a Vault connection error in the vault-agent-init logs (none found)"
                : "vault-agent-init logs (kubectl logs POD -c vault-agent-init --timestamps)");
        }

        if (pod.Events.Count == 0)
        {
            missing.Add("pod events, to see whether the pod is stuck in Init (kubectl get events -o json)");
        }
        else if (!istioInitRan)
        {
            missing.Add("istio-init events (Created/Started), to show the sidecar redirect was in place");
        }

        if (missing.Count > 0)
        {
            return Result(Verdict.NotEnoughData, "not enough data for the Vault Init hang: missing " + string.Join("; ", missing), missing);
        }

        var ip = VaultAddress().Match(error!.Text) is { Success: true } m ? m.Groups["ip"].Value : "<vault IP>";
        return Result(Verdict.Confirmed,
            $"Vault Init hang confirmed: {error.Container} cannot reach Vault{(ip == "<vault IP>" ? string.Empty : $" at {ip}:8200")} because istio-init redirects its traffic to an istio-proxy that cannot start until init containers finish; the pod stays in Init",
            [], Fixes.VaultInitHang(ip));

        Finding Result(Verdict verdict, string summary, IReadOnlyList<string> missingData, Fix? fix = null) =>
            new(DiagnosisCheck.VaultInitHang, verdict, summary, null, false, missingData, timeline, fix);
    }
}
