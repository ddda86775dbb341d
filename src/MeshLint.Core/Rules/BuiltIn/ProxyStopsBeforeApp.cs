using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH012. On pod deletion the kubelet sends SIGTERM to every regular container at once, after its
/// own preStop hook; a legacy istio-proxy has none, so pilot-agent starts draining at once and stops
/// Envoy after terminationDrainDuration. An app whose preStop hook waits at least that long is still
/// serving when Envoy is gone. And the kubelet sends SIGKILL when the grace period ends, so a drain
/// longer than the grace period is cut short. A native istio-proxy gets SIGTERM only once every app
/// container has exited (Kubernetes sidecar containers, KEP-753), so neither applies to it.
/// </summary>
internal sealed partial class ProxyStopsBeforeApp : IObjectRule
{
    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Judged: true, Proxy: { Phase: StartupPhase.App } } startup)
        {
            return;
        }

        var shutdown = startup.Shutdown;
        var drain = ("drain", shutdown.Drain.Text);
        var drainWhy = ("drainWhy", shutdown.Drain.Why);
        var grace = ("grace", shutdown.GracePeriod.Text);
        var assumes = startup.Shape.Assumption;

        // Equal lengths kill the app and Envoy at the same moment: nothing is served without a proxy.
        if (shutdown.Drain.Seconds > shutdown.GracePeriod.Seconds)
        {
            check.Report(Id, Messages.DrainLongerThanGrace, shutdown.GracePeriodAt ?? startup.At, "drain", [drain, drainWhy, grace, ("graceWhy", shutdown.GracePeriod.Why)], assumes: assumes);
        }

        // EXIT_ON_ZERO_ACTIVE_CONNECTIONS keeps Envoy while connections remain.
        if (shutdown.ExitOnZeroActiveConnections.On)
        {
            return;
        }

        var native = startup.NativeAdvice() is { } advice ? $", or {advice}, which stop after the app" : string.Empty;
        foreach (var wait in shutdown.PreStopWaits.Where(wait => wait.Seconds >= shutdown.Drain.Seconds))
        {
            // A drain between the wait and the grace period is a fix only where there is room for one.
            var roomy = wait.Seconds + 1 < shutdown.GracePeriod.Seconds;
            check.Report(Id, roomy ? Messages.PrestopOutlastsDrain : Messages.PrestopOutlastsGrace, wait.At, "preStop:" + wait.Container,
                [("container", wait.Container), ("wait", PodShutdown.Seconds(wait.Seconds)), ("how", wait.How), drain, drainWhy, grace, ("exit", shutdown.ExitOnZeroActiveConnections.Why), ("native", native)],
                assumes: assumes);
        }
    }
}
