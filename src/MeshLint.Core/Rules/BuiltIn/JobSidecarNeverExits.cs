using MeshLint.Fixes;
using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH011. A Job completes when all its pod's regular containers have exited. A regular istio-proxy
/// (pilot-agent) or the Vault Agent Injector's vault-agent keeps running after the main container
/// finishes, so the Job never completes and a CronJob's runs never end. A native sidecar is stopped
/// by the kubelet once the main containers exit; pilot-agent also exits when called on
/// /quitquitquit; vault-agent has neither, only agent-pre-populate-only removes it.
/// </summary>
internal sealed partial class JobSidecarNeverExits : IObjectRule
{
    private const string NativeSidecar = "sidecar.istio.io/nativeSidecar";

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Kind: "Job" or "CronJob", NeverStarts: null, IsGateway: false } startup || check.Object.Group != "batch")
        {
            return;
        }

        var cron = startup.Kind == "CronJob"
            ? "; each run's Job stays active, so with concurrencyPolicy: Forbid the CronJob never starts another run, and otherwise the runs pile up"
            : string.Empty;
        if (startup.Proxy is { Phase: StartupPhase.App } && startup.Shutdown.QuitCall is null)
        {
            // Unsafe: a native sidecar is an init container with restartPolicy: Always, which a cluster
            // before Kubernetes 1.29 (the feature's default-on release) rejects or runs as a plain init
            // container that never exits; the manifest does not say which clusters it meets. An
            // explicit "false" is a choice, not a gap, so it gets no fix.
            // No fix where the target cannot run native sidecars through the annotation (Istio before 1.24, a
            // managed Cloud Service Mesh, Kubernetes before 1.29): it would do nothing, or keep the pod from starting.
            var advice = startup.NativeAdvice();
            var fix = check.Pod is { } pod && pod.AnnotationEntry(NativeSidecar) is null && advice is not null && advice.Contains(NativeSidecar, StringComparison.Ordinal)
                ? Fix.Of($"add {NativeSidecar}: \"true\" to the pod template (needs Istio 1.24 or later on Kubernetes 1.29 or later)", FixSafety.Unsafe, check.Edits?.AddAnnotation(pod, NativeSidecar, NewValue.String("true")))
                : null;
            var native = advice is null ? string.Empty : $"{char.ToUpperInvariant(advice[0])}{advice[1..]}, which the kubelet stops after the main containers, or end";
            check.Report(Id, Messages.IstioProxy, startup.At, "sidecar:istio-proxy", [("cron", cron), ("native", startup.NativeSidecar.Why), ("reason", startup.Injection.Why), ("nativeFix", native.Length == 0 ? "End" : native)], fix: fix,
                assumes: startup.Shape.Assumption);
        }

        if (startup.VaultAgentSidecar is not null)
        {
            check.Report(Id, Messages.VaultAgent, startup.At, "sidecar:vault-agent", [("cron", cron)]);
        }
    }
}
