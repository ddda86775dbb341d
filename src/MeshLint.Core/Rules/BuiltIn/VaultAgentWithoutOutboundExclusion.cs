using MeshLint.Mesh;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH002. The Vault injector adds vault-agent-init, which must fetch secrets before the app starts.
/// Once istio-init (or Istio CNI) has redirected outbound traffic to Envoy, which is not running
/// during the init phase, vault-agent-init cannot reach Vault and the pod stays in Init.
/// </summary>
internal sealed class VaultAgentWithoutOutboundExclusion : IObjectRule
{
    private const string InjectKey = "vault.hashicorp.com/agent-inject";

    private const string Default = "default";

    private const string Managed = "managed";

    public string Id => "MESH002";

    public IReadOnlyList<string> MessageKeys => [Default, Managed];

    public void Check(ObjectCheck check)
    {
        if (check.Pod is not { } pod || pod.AnnotationEntry(InjectKey) is not { } inject || !GoBool.IsTrue(pod.Annotation(InjectKey)) || !check.Injection.Injected)
        {
            return;
        }

        // agent-pre-populate=false means no init container is injected at all.
        if (GoBool.IsFalse(pod.Annotation("vault.hashicorp.com/agent-pre-populate")))
        {
            return;
        }

        if (pod.Annotation("traffic.sidecar.istio.io/excludeOutboundIPRanges") is { Length: > 0 } ranges && IpPrefixList.Validate(ranges, allowWildcard: false) is null)
        {
            return;
        }

        var port = VaultPort(pod.Annotation("vault.hashicorp.com/service"));
        if (pod.Annotation("traffic.sidecar.istio.io/excludeOutboundPorts") is { } ports && ports.Split(',').Any(part => part.Trim() == port))
        {
            return;
        }

        if (check.Mesh.OutboundExclusion is not null)
        {
            return;
        }

        var managed = check.Assumptions.Mode == MeshMode.Managed;
        var unapplied = check.Mesh.UnappliedOutboundExclusion is { } setting ? $" ({setting.Setting} at {setting.Source} does not apply there)" : string.Empty;
        check.Report(Id, managed ? Managed : Default, inject.Key.Span, InjectKey, [("port", port), ("reason", check.Injection.Reason), ("unapplied", unapplied)]);
    }

    /// <summary>The port vault-agent-init connects to: from vault.hashicorp.com/service when it names one, else Vault's 8200.</summary>
    private static string VaultPort(string? service)
    {
        if (service is not null && Uri.TryCreate(service, UriKind.Absolute, out var uri) && uri.Port > 0)
        {
            return uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "8200";
    }
}
