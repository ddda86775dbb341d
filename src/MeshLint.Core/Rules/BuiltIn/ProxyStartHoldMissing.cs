using MeshLint.Mesh;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH001. Without holdApplicationUntilProxyStarts, Kubernetes starts the app container right after
/// istio-proxy is created, not after it is ready; istio-init's iptables redirect is already in place,
/// so the app's first outbound connections hit a closed Envoy listener (ECONNREFUSED).
/// </summary>
internal sealed class ProxyStartHoldMissing : IObjectRule
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
        // The pod annotation overrides the cluster-wide ENABLE_NATIVE_SIDECARS either way, whether
        // the configuration assumes it (mesh.nativeSidecars) or a scanned install sets it.
        var nativeSidecar = pod.Annotation("sidecar.istio.io/nativeSidecar");
        if (nativeSidecar == "true" || ((check.Assumptions.NativeSidecars || check.Mesh.NativeSidecars is not null) && nativeSidecar != "false"))
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

        var reason = nativeSidecar == "false" && check.Mesh.NativeSidecars is { } native
            ? $"{check.Injection.Reason}; the pod's sidecar.istio.io/nativeSidecar: \"false\" opts out of {native.Setting} at {native.Source}"
            : check.Injection.Reason;
        var values = new[] { ("reason", reason), ("unapplied", Unapplied(check.Mesh.UnappliedHoldCover)) };
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
