using MeshLint.Mesh;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH001. Without holdApplicationUntilProxyStarts, Kubernetes starts the app container right after
/// istio-proxy is created, not after it is ready; istio-init's iptables redirect (or Istio CNI's) is
/// already in place, so the app's first outbound connections hit a closed Envoy listener
/// (ECONNREFUSED). The start-up model decides whether the app waits for a ready proxy; an app that
/// runs as UID 1337 still counts, since that takes it out of the mesh, which is another problem.
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
        if (check.Startup is not { Injection.On: true } startup || startup.AppWaitsForProxy.On)
        {
            return;
        }

        var config = check.ProxyConfig;
        if (config is { Usable: true, Hold: false })
        {
            return; // an explicit false is a deliberate choice
        }

        var reason = startup.NativeSidecar.Why.Contains("opts out", StringComparison.Ordinal)
            ? $"{startup.Injection.Why}; {startup.NativeSidecar.Why}"
            : startup.Injection.Why;
        if (check.Mesh.Settings?.LeftUnset(MeshWideSetting.Hold) is { } unset)
        {
            reason += $"; the nearest control plane of revision {check.Mesh.Revision}, {unset}, leaves the hold unset";
        }

        var values = new[] { ("reason", reason), ("unapplied", Unapplied(check.Mesh.UnappliedHoldCover)) };
        if (config is { Usable: false })
        {
            check.Report(Id, InvalidConfig, startup.At, "hold", values, related: check.DecidingSources(MeshWideSetting.Hold));
        }
        else
        {
            check.Report(Id, check.Assumptions.Mode == MeshMode.Managed ? MissingManaged : Missing, startup.At, "hold", values, related: check.DecidingSources(MeshWideSetting.Hold));
        }
    }

    private static string Unapplied(MeshSetting? setting) =>
        setting is null ? string.Empty : $" ({setting.Setting} at {setting.Source} does not apply there)";
}
