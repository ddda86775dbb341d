using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>
/// Collects Namespace and IstioOperator facts. One builder per file; <see cref="Combine"/> merges
/// them in path order so the result never depends on which thread read which file first.
/// </summary>
public sealed class MeshContextBuilder
{
    private readonly List<NamespaceFacts> namespaces = [];
    private MeshSetting? holdCover;
    private MeshSetting? outboundExclusion;

    /// <summary>A cheap byte test: can this file hold anything the mesh context reads?</summary>
    public static bool MayContribute(ReadOnlySpan<byte> content) =>
        content.IndexOf("Namespace"u8) >= 0 || content.IndexOf("IstioOperator"u8) >= 0;

    public static bool Contributes(KubeObject obj) => IsNamespace(obj) || IsIstioOperator(obj);

    public static bool IsIstioOperator(KubeObject obj) => obj.Kind == "IstioOperator" && obj.Group == "install.istio.io";

    public static bool IsNamespace(KubeObject obj) => obj.Kind == "Namespace" && obj.Group.Length == 0;

    public void Add(KubeObject obj)
    {
        if (IsNamespace(obj) && obj.Name is { } name)
        {
            var labels = obj.Metadata?.Mapping("labels");
            namespaces.Add(new NamespaceFacts(name, labels?.Text("istio-injection"), labels?.Text("istio.io/rev"), Where(obj, obj.AnchorSpan)));
        }
        else if (IsIstioOperator(obj) && obj.Root.Mapping("spec") is { } spec)
        {
            holdCover ??= HoldCoverOf(obj, spec);
            outboundExclusion ??= OutboundExclusionOf(obj, spec);
        }
    }

    public static MeshContext Combine(IEnumerable<MeshContextBuilder> inPathOrder)
    {
        var namespaces = new Dictionary<string, NamespaceFacts>(StringComparer.Ordinal);
        MeshSetting? hold = null;
        MeshSetting? exclusion = null;
        foreach (var builder in inPathOrder)
        {
            foreach (var facts in builder.namespaces)
            {
                namespaces.TryAdd(facts.Name, facts);
            }

            hold ??= builder.holdCover;
            exclusion ??= builder.outboundExclusion;
        }

        return new MeshContext(namespaces, hold, exclusion);
    }

    private static MeshSetting? HoldCoverOf(KubeObject obj, YamlMapping spec)
    {
        if (spec.At("meshConfig", "defaultConfig", "holdApplicationUntilProxyStarts") is YamlScalar meshHold && IsTrue(meshHold))
        {
            return new MeshSetting("spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true", Where(obj, meshHold.Span));
        }

        if (spec.At("values", "global", "proxy", "holdApplicationUntilProxyStarts") is YamlScalar valuesHold && IsTrue(valuesHold))
        {
            return new MeshSetting("spec.values.global.proxy.holdApplicationUntilProxyStarts: true", Where(obj, valuesHold.Span));
        }

        // Istio's pilot reads its environment as strings: the value must read as true.
        if (spec.At("values", "pilot", "env", "ENABLE_NATIVE_SIDECARS") is YamlScalar native && string.Equals(native.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new MeshSetting("spec.values.pilot.env.ENABLE_NATIVE_SIDECARS: \"true\"", Where(obj, native.Span));
        }

        return null;
    }

    private static MeshSetting? OutboundExclusionOf(KubeObject obj, YamlMapping spec)
    {
        if (spec.At("values", "global", "proxy", "excludeIPRanges") is YamlScalar { Text: { Length: > 0 } ranges } scalar
            && IpPrefixList.Validate(ranges, allowWildcard: true) is null)
        {
            return new MeshSetting($"spec.values.global.proxy.excludeIPRanges: \"{ranges}\"", Where(obj, scalar.Span));
        }

        return null;
    }

    private static bool IsTrue(YamlScalar scalar) => scalar.Type == ScalarType.Bool && YamlScalarTypes.IsTrueWord(scalar.Value);

    private static string Where(KubeObject obj, SourceSpan span) => $"{obj.Path}:{span.Start.Line}";
}
