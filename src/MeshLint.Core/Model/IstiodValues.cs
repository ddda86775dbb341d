using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>
/// The values file of the istiod Helm chart: a document without a kind whose keys are the chart's
/// (a mapping <c>meshConfig</c>, <c>global.proxy</c>, <c>istio_cni</c> or <c>pilot.cni</c>). It sets the same mesh-wide ProxyConfig
/// as an IstioOperator's <c>spec.values</c>, with <c>meshConfig</c> at the top.
/// </summary>
internal static class IstiodValues
{
    /// <summary>The kind <see cref="ObjectReader"/> gives a values document, which has no kind of its own.</summary>
    public const string Kind = "IstiodValues";

    public static bool Matches(YamlMapping root) =>
        root["kind"] is null && (root.Mapping("meshConfig") is not null || root.At("global", "proxy") is YamlMapping
            || root.Mapping("istio_cni") is not null || root.At("pilot", "cni") is YamlMapping);
}
