namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH010. istio-init adds NET_ADMIN and NET_RAW to set up its iptables redirect; the Pod Security
/// levels baseline and restricted forbid both, so where the Namespace enforces either, the API server
/// rejects every pod Istio injects with istio-init. Istio CNI sets the redirect up without it.
/// </summary>
internal sealed partial class PodSecurityBlocksIstioInit : IObjectRule
{
    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Judged: true, HasIstioInit: true, PodSecurity: { Level: "baseline" or "restricted" } security } startup)
        {
            return;
        }

        check.Report(Id, Messages.Default, startup.At, "pod-security", [("level", security.Level), ("source", security.Source), ("cni", startup.CniDescription), ("reason", startup.Injection.Why)]);
    }
}
