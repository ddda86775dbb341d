using MeshLint.Mesh;
using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH018. Istio ignores holdApplicationUntilProxyStarts for a native istio-proxy (1.21 and later:
/// injection-template.yaml <c>$holdProxy := and (...) (not $nativeSidecar)</c>): the native sidecar's
/// startup probe already keeps the app waiting. A hold on such a pod, or set mesh-wide where the
/// revision's pods are native by default, does nothing there. Reported once per place it is written:
/// on the pod for its own hold, at the control plane for the mesh-wide one.
/// </summary>
internal sealed partial class HoldIgnoredByNativeSidecar : IObjectRule
{
    public void Check(ObjectCheck check)
    {
        if (check.MeshConfigObject is { } plane)
        {
            CheckControlPlane(check, plane);
            return;
        }

        if (check.Startup is not { Judged: true, Shape: { Native: true, StartupProbe: true } shape, HoldRequest: { Hold: true, OnPod: true } }
            || check.ProxyConfig is not { Usable: true } config)
        {
            return;
        }

        check.Report(Id, Messages.Pod, config.Entry.Key.Span, "hold", [("native", shape.Why), ("fallback", Fallback(shape))]);
    }

    private void CheckControlPlane(ObjectCheck check, Model.KubeObject plane)
    {
        if (ControlPlaneSettings.Hold(plane, null) is not { } hold)
        {
            return;
        }

        // The shape of a pod of this revision that says nothing itself.
        var shape = PodShape.Decide(annotation: null, check.Mesh.ForRevision(ControlPlaneSettings.RevisionOf(plane)));
        if (shape is { Native: true, NeverStarts: null })
        {
            check.Report(Id, Messages.MeshWide, hold.At, "hold", [("setting", hold.Setting), ("native", shape.Why), ("fallback", Fallback(shape))]);
        }
    }

    /// <summary>When the nodes' release made the proxy native, an older node joining the cluster would bring the legacy sidecar, and the hold, back.</summary>
    private static string Fallback(PodShape shape) =>
        shape.FollowsNodes
            ? "; it would apply again only if a node below Kubernetes 1.33 joined the cluster, which makes Istio inject legacy sidecars"
            : string.Empty;
}
