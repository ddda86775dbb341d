using MeshLint.Mesh;
using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH002. The Vault injector adds vault-agent-init, which must fetch secrets before the app starts.
/// The start-up model decides whether it can reach Vault: not when it runs after istio-init (or from
/// the start under Istio CNI) while istio-proxy is not ready, unless it runs as UID 1337 or Vault is
/// excluded from the redirect.
/// </summary>
internal sealed class VaultAgentWithoutOutboundExclusion : IObjectRule
{
    private const string InjectKey = "vault.hashicorp.com/agent-inject";

    private const string Default = "default";

    private const string Managed = "managed";

    private const string Cni = "cni";

    public string Id => "MESH002";

    public IReadOnlyList<string> MessageKeys => [Default, Managed, Cni];

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Injection.On: true, Vault: { } vault } startup
            || startup.VaultAgentInit is not { ReachesNetwork: false } init)
        {
            return;
        }

        var values = new List<(string, string)> { ("port", vault.Port), ("reason", startup.Injection.Why) };
        if (check.Assumptions.Mode == MeshMode.Managed)
        {
            var unapplied = check.Mesh.UnappliedOutboundExclusion is { } setting ? $" ({setting.Setting} at {setting.Source} does not apply there)" : string.Empty;
            var initFirst = vault.InitFirst ? " vault.hashicorp.com/agent-init-first does not help: a managed control plane uses Istio CNI, which redirects traffic before any init container runs." : string.Empty;
            values.AddRange([("unapplied", unapplied), ("initFirst", initFirst)]);
            check.Report(Id, Managed, vault.At, InjectKey, values, related: check.DecidingSources(MeshWideSetting.OutboundExclusion));
        }
        else if (startup.Cni.On)
        {
            values.AddRange([("why", Why(startup, init, vault)), ("fixes", CniFixes(startup, vault))]);
            check.Report(Id, Cni, vault.At, InjectKey, values, related: check.DecidingSources(MeshWideSetting.OutboundExclusion).Concat(check.DecidingSources(MeshWideSetting.Cni)).Distinct().ToList());
        }
        else
        {
            check.Report(Id, Default, vault.At, InjectKey, values, related: check.DecidingSources(MeshWideSetting.OutboundExclusion));
        }
    }

    private static string Why(PodStartup startup, StartupStep init, VaultAgent vault)
    {
        if (vault.InitFirst && startup.NativeSidecar.On)
        {
            return $"{startup.CniDescription}, so traffic is redirected before any init container runs, and vault.hashicorp.com/agent-init-first places vault-agent-init (step {init.Number}) before the native istio-proxy is ready";
        }

        return vault.InitFirst
            ? $"{startup.CniDescription}, so traffic is redirected before any init container runs, and istio-proxy starts only after the init containers; agent-init-first does not help here"
            : $"{startup.CniDescription}, so traffic is redirected before any init container runs, and istio-proxy starts only after the init containers";
    }

    /// <summary>The fixes that work in this pod: under CNI, moving vault-agent-init does not, a ready native proxy does.</summary>
    private static string CniFixes(PodStartup startup, VaultAgent vault)
    {
        if (startup.NativeSidecar.On)
        {
            return "remove vault.hashicorp.com/agent-init-first, so vault-agent-init runs after the native istio-proxy is ready";
        }

        return vault.InitFirst
            ? "use native sidecars (sidecar.istio.io/nativeSidecar: \"true\", Kubernetes 1.28+) and remove vault.hashicorp.com/agent-init-first"
            : "use native sidecars (sidecar.istio.io/nativeSidecar: \"true\", Kubernetes 1.28+), so istio-proxy is ready before vault-agent-init";
    }
}
