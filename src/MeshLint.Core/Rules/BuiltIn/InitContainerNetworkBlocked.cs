using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH009. Under Istio CNI the redirect is in place before the first init container, and a plain
/// istio-proxy starts only after the last one, so the pod's own init containers (and its own native
/// sidecars) have no working network. MeshLint does not know what they call, so only an exclusion of
/// every destination, a ready native proxy or UID 1337 clears them. Without CNI they run before istio-init.
/// </summary>
internal sealed partial class InitContainerNetworkBlocked : IObjectRule
{
    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Judged: true } startup)
        {
            return;
        }

        var native = startup.NativeAdvice() is { } advice ? advice + ", " : string.Empty;
        foreach (var step in startup.Steps)
        {
            if (step is { Origin: ContainerOrigin.Pod, Phase: not StartupPhase.App, ReachesNetwork: false, At: { } at })
            {
                // With a native istio-proxy the injector puts the pod's own init containers after it, where the
                // network works; the shape decides, so an assumed shape is said.
                var what = step.Phase == StartupPhase.Sidecar ? "native sidecar" : "init container";
                check.Report(Id, Messages.Default, at, "init:" + step.Name, [("container", step.Name), ("what", what), ("why", step.Why), ("reason", $"{startup.CniDescription}; {startup.Injection.Why}"), ("native", native)],
                    assumes: startup.Shape.Assumption);
            }
        }
    }
}
