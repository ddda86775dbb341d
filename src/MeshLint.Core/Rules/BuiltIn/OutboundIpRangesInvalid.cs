using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH006. The injector validates these lists with netip.ParsePrefix on each comma-separated part
/// and rejects the pod when one fails; in an IstioOperator the same value is copied into every pod.
/// </summary>
internal sealed class OutboundIpRangesInvalid : IObjectRule
{
    private static readonly (string Key, bool AllowWildcard)[] PodAnnotations =
    [
        ("traffic.sidecar.istio.io/excludeOutboundIPRanges", false),
        ("traffic.sidecar.istio.io/includeOutboundIPRanges", true),
    ];

    private static readonly string[] OperatorFields = ["excludeIPRanges", "includeIPRanges"];

    private const string OnAnnotation = "annotation";

    private const string OnOperator = "operator";

    public string Id => "MESH006";

    public IReadOnlyList<string> MessageKeys => [OnAnnotation, OnOperator];

    public void Check(ObjectCheck check)
    {
        if (check.Pod?.Annotations is { } annotations)
        {
            foreach (var (key, allowWildcard) in PodAnnotations)
            {
                if (annotations.Entry(key) is { Value: YamlScalar { Text: { } value } } entry && IpPrefixList.Validate(value, allowWildcard) is { } problem)
                {
                    check.Report(Id, OnAnnotation, entry.Key.Span, key, [("key", key), ("value", value), ("problem", problem)]);
                }
            }
        }

        if (check.MeshConfigObject is { IsIstioOperator: true } meshConfig && meshConfig.Root.At("spec", "values", "global", "proxy") is YamlMapping proxy)
        {
            foreach (var field in OperatorFields)
            {
                if (proxy.Entry(field) is { Value: YamlScalar { Text: { } value } } entry && IpPrefixList.Validate(value, allowWildcard: true) is { } problem)
                {
                    check.Report(Id, OnOperator, entry.Key.Span, field, [("key", "spec.values.global.proxy." + field), ("value", value), ("problem", problem)]);
                }
            }
        }
    }
}
