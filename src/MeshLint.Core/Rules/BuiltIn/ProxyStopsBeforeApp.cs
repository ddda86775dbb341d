using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH012. On pod deletion the kubelet sends SIGTERM to every regular container at once, after its
/// own preStop hook; istio-proxy has none, so pilot-agent starts draining at once and stops Envoy
/// after terminationDrainDuration. An app whose preStop hook waits at least that long is still
/// serving when Envoy is gone. And the kubelet sends SIGKILL when the grace period ends, so a drain
/// that is not shorter than it is cut short, native sidecar or not.
/// </summary>
internal sealed class ProxyStopsBeforeApp : IObjectRule
{
    private const string DrainNotShorter = "drain-not-shorter";

    private const string PreStopOutlastsDrain = "prestop-outlasts-drain";

    public string Id => "MESH012";

    public IReadOnlyList<string> MessageKeys => [DrainNotShorter, PreStopOutlastsDrain];

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Proxy: { } proxy } startup)
        {
            return;
        }

        var shutdown = startup.Shutdown;
        var drain = ("drain", shutdown.Drain.Text);
        var drainWhy = ("drainWhy", shutdown.Drain.Why);
        var grace = ("grace", shutdown.GracePeriod.Text);
        if (shutdown.Drain.Seconds >= shutdown.GracePeriod.Seconds)
        {
            check.Report(Id, DrainNotShorter, shutdown.GracePeriodAt ?? startup.At, "drain", [drain, drainWhy, grace, ("graceWhy", shutdown.GracePeriod.Why)]);
        }

        // A native sidecar gets SIGTERM only once every app container has stopped; EXIT_ON_ZERO_ACTIVE_CONNECTIONS keeps Envoy while connections remain.
        if (proxy.Phase != StartupPhase.App || shutdown.ExitOnZeroActiveConnections.On)
        {
            return;
        }

        foreach (var wait in shutdown.PreStopWaits.Where(wait => wait.Seconds >= shutdown.Drain.Seconds))
        {
            check.Report(Id, PreStopOutlastsDrain, wait.At, "preStop:" + wait.Container,
                [("container", wait.Container), ("wait", PodShutdown.Seconds(wait.Seconds)), ("how", wait.How), drain, drainWhy, grace, ("exit", shutdown.ExitOnZeroActiveConnections.Why)]);
        }
    }
}
