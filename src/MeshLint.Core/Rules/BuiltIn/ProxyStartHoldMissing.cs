namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH001. Without holdApplicationUntilProxyStarts, Kubernetes starts the app container right after
/// istio-proxy is created, not after it is ready; istio-init's iptables redirect is already in place,
/// so the app's first outbound connections hit a closed Envoy listener (ECONNREFUSED).
/// </summary>
public sealed class ProxyStartHoldMissing : IObjectRule
{
    public string Id => "MESH001";

    public void Check(ObjectCheck check)
    {
        if (check.Pod is not { } pod || !check.Injection.Injected)
        {
            return;
        }

        // Native sidecars (Istio 1.19+ on Kubernetes 1.28+) start and become ready before the app.
        if (pod.Annotation("sidecar.istio.io/nativeSidecar") == "true")
        {
            return;
        }

        var config = check.ProxyConfig;
        if (config is { Usable: true, Hold: not null })
        {
            return; // true holds; an explicit false is a deliberate choice
        }

        if (check.Mesh.HoldCover is not null)
        {
            return;
        }

        var values = new[] { ("reason", check.Injection.Reason) };
        if (config is { Usable: false })
        {
            check.Report(Id, "invalid-config", pod.AnchorSpan, "hold", values);
        }
        else
        {
            check.Report(Id, "missing", pod.AnchorSpan, "hold", values);
        }
    }
}
