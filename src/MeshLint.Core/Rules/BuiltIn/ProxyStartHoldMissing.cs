using MeshLint.Mesh;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH001. Without holdApplicationUntilProxyStarts, Kubernetes starts the app container right after
/// istio-proxy is created, not after it is ready; istio-init's iptables redirect is already in place,
/// so the app's first outbound connections hit a closed Envoy listener (ECONNREFUSED).
/// </summary>
public sealed class ProxyStartHoldMissing : IObjectRule
{
    private const string Missing = "missing";

    private const string InvalidConfig = "invalid-config";

    private const string MissingManaged = "missing-managed";

    public string Id => "MESH001";

    public IReadOnlyList<string> MessageKeys => [Missing, InvalidConfig, MissingManaged];

    public void Check(ObjectCheck check)
    {
        if (check.Pod is not { } pod || !check.Injection.Injected)
        {
            return;
        }

        // Native sidecars (Istio 1.19+ on Kubernetes 1.28+) start and become ready before the app.
        // The pod annotation overrides the cluster-wide ENABLE_NATIVE_SIDECARS either way.
        var nativeSidecar = pod.Annotation("sidecar.istio.io/nativeSidecar");
        if (nativeSidecar == "true" || (check.Assumptions.NativeSidecars && nativeSidecar != "false"))
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

        var values = new[] { ("reason", check.Injection.Reason), ("unapplied", Unapplied(check.Mesh.UnappliedHoldCover)) };
        if (config is { Usable: false })
        {
            check.Report(Id, InvalidConfig, pod.AnchorSpan, "hold", values);
        }
        else
        {
            check.Report(Id, check.Assumptions.Mode == MeshMode.Managed ? MissingManaged : Missing, pod.AnchorSpan, "hold", values);
        }
    }

    private static string Unapplied(MeshSetting? setting) =>
        setting is null ? string.Empty : $" ({setting.Setting} at {setting.Source} does not apply there)";
}
