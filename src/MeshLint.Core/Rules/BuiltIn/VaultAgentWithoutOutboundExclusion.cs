using MeshLint.Fixes;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry.Values;
using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH002. The Vault injector adds vault-agent-init, which must fetch secrets before the app starts.
/// The start-up model decides whether it can reach Vault: not when it runs after istio-init (or from
/// the start under Istio CNI) while istio-proxy is not ready, unless it runs as UID 1337 or Vault is
/// excluded from the redirect.
/// </summary>
internal sealed partial class VaultAgentWithoutOutboundExclusion : IObjectRule
{
    private const string InjectKey = "vault.hashicorp.com/agent-inject";

    private const string ExcludePorts = "traffic.sidecar.istio.io/excludeOutboundPorts";

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Judged: true, Vault: { } vault } startup
            || startup.VaultAgentInit is not { ReachesNetwork: false } init)
        {
            return;
        }

        // Whether vault-agent-init is stuck depends on the shape: a native istio-proxy that is ready before it lets it through.
        var assumes = startup.Shape.Assumption;
        var values = new List<(string, string)> { ("port", vault.Port), ("reason", startup.Injection.Why) };
        var fix = check.Pod is { } pod ? Exclude(check.Edits, pod, vault) : null;
        if (check.Mesh.IsManaged)
        {
            var unapplied = check.Mesh.UnappliedOutboundExclusion is { } setting ? $" ({setting.Setting} at {setting.Source} does not apply there)" : string.Empty;
            var initFirst = vault.InitFirst ? " vault.hashicorp.com/agent-init-first does not help: a managed control plane uses Istio CNI, which redirects traffic before any init container runs." : string.Empty;
            values.AddRange([("unapplied", unapplied), ("initFirst", initFirst)]);
            check.Report(Id, Messages.Managed, vault.At, InjectKey, values, fix: fix, related: check.DecidingSources(MeshWideSetting.OutboundExclusion), assumes: assumes);
        }
        else if (startup.Cni.On)
        {
            values.AddRange([("why", Why(startup, init, vault)), ("fixes", CniFixes(startup, vault))]);
            check.Report(Id, Messages.Cni, vault.At, InjectKey, values, fix: fix, related: check.DecidingSources(MeshWideSetting.OutboundExclusion).Concat(check.DecidingSources(MeshWideSetting.Cni)).Distinct().ToList(), assumes: assumes);
        }
        else
        {
            check.Report(Id, Messages.Default, vault.At, InjectKey, values, fix: fix, related: check.DecidingSources(MeshWideSetting.OutboundExclusion), assumes: assumes);
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

    /// <summary>The fixes that work in this pod: under CNI, moving vault-agent-init does not, a ready native proxy does where the target can run one.</summary>
    private static string CniFixes(PodStartup startup, VaultAgent vault)
    {
        if (startup.NativeSidecar.On)
        {
            return ", remove vault.hashicorp.com/agent-init-first, so vault-agent-init runs after the native istio-proxy is ready";
        }

        return (startup.NativeAdvice(), vault.InitFirst) switch
        {
            ({ } native, true) => $", {native} and remove vault.hashicorp.com/agent-init-first",
            ({ } native, false) => $", {native}, so istio-proxy is ready before vault-agent-init",
            (null, _) => string.Empty,
        };
    }

    /// <summary>
    /// Excludes Vault's port from the redirect on the pod template: the annotation added, or the port
    /// appended to a valid list. The start-up model then lets vault-agent-init through in every mode
    /// (with istio-init, under CNI, managed), since an excluded destination never reaches Envoy. Safe:
    /// only connections to that port change, and they could not succeed before. Null when the list
    /// does not read as ports, since the injector would then reject the pod whatever is appended.
    /// </summary>
    private static Fix? Exclude(YamlEdits? edits, PodTemplate pod, VaultAgent vault)
    {
        if (edits is null)
        {
            return null;
        }

        var description = $"add port {vault.Port} to {ExcludePorts}";
        if (pod.AnnotationEntry(ExcludePorts) is not { } entry)
        {
            return Fix.Of(description, FixSafety.Safe, edits.AddAnnotation(pod, ExcludePorts, NewValue.String(vault.Port)));
        }

        if (pod.Annotations is not { } annotations || !YamlEdits.Owned(annotations, entry) || entry.Value is not YamlScalar scalar)
        {
            return null;
        }

        // The list as written, one item more: its spacing is the author's, and Istio trims each item.
        var written = (scalar.Text ?? string.Empty).Trim();
        if (written.Length > 0 && written.Split(',').Any(item => PortValue.Problem(item.Trim()) is not null))
        {
            return null;
        }

        var list = written.Length == 0 ? vault.Port : written + "," + vault.Port;
        return Fix.Of(description, FixSafety.Safe, edits.ReplaceScalar(scalar, YamlEdits.Scalar(list, scalar.Style)));
    }
}
