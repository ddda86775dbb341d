using MeshLint.Fixes;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH006. The injector validates these lists with netip.ParsePrefix on each comma-separated part
/// and rejects the pod when one fails; in an IstioOperator the same value is copied into every pod.
/// </summary>
internal sealed partial class OutboundIpRangesInvalid : IObjectRule
{
    private static readonly (string Key, bool AllowWildcard)[] PodAnnotations =
    [
        ("traffic.sidecar.istio.io/excludeOutboundIPRanges", false),
        ("traffic.sidecar.istio.io/includeOutboundIPRanges", true),
    ];

    private static readonly string[] OperatorFields = ["excludeIPRanges", "includeIPRanges"];

    public void Check(ObjectCheck check)
    {
        if (check.Pod?.Annotations is { } annotations)
        {
            foreach (var (key, allowWildcard) in PodAnnotations)
            {
                if (annotations.Entry(key) is { Value: YamlScalar { Text: { } value } } entry && IpPrefixList.Validate(value, allowWildcard) is { } problem)
                {
                    check.Report(Id, Messages.Annotation, entry.Key.Span, key, [("key", key), ("value", value), ("problem", problem)], fix: Trim(check.Edits, annotations, entry, allowWildcard));
                }
            }
        }

        if (check.MeshConfigObject is { IsIstioOperator: true } meshConfig && meshConfig.Root.At("spec", "values", "global", "proxy") is YamlMapping proxy)
        {
            foreach (var field in OperatorFields)
            {
                if (proxy.Entry(field) is { Value: YamlScalar { Text: { } value } } entry && IpPrefixList.Validate(value, allowWildcard: true) is { } problem)
                {
                    check.Report(Id, Messages.Operator, entry.Key.Span, field, [("key", "spec.values.global.proxy." + field), ("value", value), ("problem", problem)], fix: Trim(check.Edits, proxy, entry, allowWildcard: true));
                }
            }
        }
    }

    /// <summary>
    /// "10.0.0.0/8, 192.168.0.0/16" becomes "10.0.0.0/8,192.168.0.0/16", when that is all that is
    /// wrong: the injector then reads the same ranges the author listed.
    /// </summary>
    private static Fix? Trim(YamlEdits? edits, YamlMapping parent, YamlEntry entry, bool allowWildcard)
    {
        if (edits is null || entry.Value is not YamlScalar { Text: { } value } scalar || !YamlEdits.Owned(parent, entry))
        {
            return null;
        }

        var trimmed = string.Join(',', value.Split(',').Select(part => part.Trim()));
        if (trimmed == value || IpPrefixList.Validate(trimmed, allowWildcard) is not null)
        {
            return null;
        }

        var plain = scalar.IsPlain && !parent.IsFlow && trimmed.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':' or '/' or ',')
            && YamlScalarTypes.ResolvePlain(trimmed) == ScalarType.String;
        var written = plain ? trimmed : YamlEdits.Scalar(trimmed, scalar.IsPlain ? YamlDotNet.Core.ScalarStyle.DoubleQuoted : scalar.Style);
        return Fix.Of($"drop the spaces around the items: \"{trimmed}\"", FixSafety.Safe, edits.ReplaceScalar(scalar, written));
    }
}
