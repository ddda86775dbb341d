using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>
/// Collects Namespace and IstioOperator facts. One builder per file; <see cref="Combine"/> merges
/// them in path order so the result never depends on which thread read which file first.
/// </summary>
internal sealed partial class MeshContextBuilder
{
    private readonly List<NamespaceFacts> namespaces = [];
    private MeshSetting? holdCover;
    private MeshSetting? outboundExclusion;
    private MeshSetting? nativeSidecars;
    private MeshSetting? cni;

    /// <summary>
    /// A cheap byte test: can this file hold anything the mesh context reads? It must let through
    /// every way of writing the keys: JSON is YAML too, so <c>"proxy": {…}</c> counts like <c>proxy:</c>.
    /// </summary>
    public static bool MayContribute(ReadOnlySpan<byte> content) =>
        content.IndexOf("Namespace"u8) >= 0 || content.IndexOf("IstioOperator"u8) >= 0
        || content.IndexOf("defaultConfig"u8) >= 0 || HasKey(content, "proxy"u8) || content.IndexOf("ENABLE_NATIVE_SIDECARS"u8) >= 0
        || content.IndexOf("istio-cni-node"u8) >= 0 || HasKey(content, "cni"u8) || content.IndexOf("ambient"u8) >= 0
        || MayHoldService(content);

    /// <summary>Whether <paramref name="key"/> occurs followed by a ':', after an optional closing quote and blanks.</summary>
    private static bool HasKey(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key)
    {
        while (content.IndexOf(key) is var at and >= 0)
        {
            content = content[(at + key.Length)..];
            var rest = content is [(byte)'"' or (byte)'\'', ..] ? content[1..] : content;
            if (rest.TrimStart(" \t"u8) is [(byte)':', ..])
            {
                return true;
            }
        }

        return false;
    }

    public static bool Contributes(KubeObject obj) => obj.IsNamespace || obj.ConfiguresMesh || obj.IsIstioCniDaemonSet || IsService(obj);

    /// <param name="meshConfigs">The run's parsed <c>data.mesh</c> texts, shared with the rules that check them.</param>
    public void Add(KubeObject obj, MeshConfigReadings? meshConfigs = null)
    {
        AddPodEnd(obj, meshConfigs);
        if (obj.IsNamespace && obj.Name is { } name)
        {
            var labels = obj.Metadata?.Mapping("labels");
            namespaces.Add(new NamespaceFacts(name, labels?.Text("istio-injection"), labels?.Text("istio.io/rev"), Where(obj, obj.AnchorSpan))
            {
                DataplaneMode = labels?.Text("istio.io/dataplane-mode"),
                PodSecurityEnforce = labels?.Text("pod-security.kubernetes.io/enforce"),
            });
        }
        else if (obj.IsIstioCniDaemonSet)
        {
            cni ??= new MeshSetting($"the DaemonSet {obj.Name} in namespace {obj.Namespace}", Where(obj, obj.AnchorSpan));
        }
        else if (obj.IsIstioOperator && obj.Root.Mapping("spec") is { } spec)
        {
            holdCover ??= HoldCoverOf(obj, spec.Mapping("meshConfig"), "spec.meshConfig", spec.Mapping("values"), "spec.values");
            nativeSidecars ??= NativeSidecarsOf(obj, spec.Mapping("values"), "spec.values");
            outboundExclusion ??= OutboundExclusionOf(obj, spec.Mapping("values"), "spec.values");
            cni ??= OperatorCniOf(obj, spec);
        }
        else if (obj.IsIstiodValues)
        {
            // The istiod chart's values: the same keys as an IstioOperator's spec.values, with meshConfig at the top.
            holdCover ??= HoldCoverOf(obj, obj.Root.Mapping("meshConfig"), "meshConfig", obj.Root, string.Empty);
            nativeSidecars ??= NativeSidecarsOf(obj, obj.Root, string.Empty);
            outboundExclusion ??= OutboundExclusionOf(obj, obj.Root, string.Empty);
            cni ??= EnabledAt(obj, obj.Root, "istio_cni", "enabled") ?? EnabledAt(obj, obj.Root, "pilot", "cni", "enabled");
        }
        else if (MeshConfigText.Of(obj, meshConfigs) is { } mesh
            && mesh.Root.At("defaultConfig", "holdApplicationUntilProxyStarts") is YamlScalar hold && IsTrue(hold))
        {
            holdCover ??= new MeshSetting("data.mesh defaultConfig.holdApplicationUntilProxyStarts: true", Where(obj, mesh.Place(hold.Span)));
        }
    }

    public static MeshContext Combine(IEnumerable<MeshContextBuilder> inPathOrder)
    {
        var namespaces = new Dictionary<string, NamespaceFacts>(StringComparer.Ordinal);
        MeshSetting? hold = null;
        MeshSetting? exclusion = null;
        MeshSetting? native = null;
        MeshSetting? cni = null;
        var services = new List<ServiceFacts>();
        var shutdown = MeshShutdown.None;
        foreach (var builder in inPathOrder)
        {
            CombinePodEnd(builder, services, ref shutdown);
            foreach (var facts in builder.namespaces)
            {
                namespaces.TryAdd(facts.Name, facts);
            }

            hold ??= builder.holdCover;
            exclusion ??= builder.outboundExclusion;
            native ??= builder.nativeSidecars;
            cni ??= builder.cni;
        }

        return new MeshContext(namespaces, hold, exclusion) { NativeSidecarsSetting = native, CniSetting = cni, ShutdownSetting = shutdown, Services = ServiceFacts.ByNamespace(services) };
    }

    private static MeshSetting? HoldCoverOf(KubeObject obj, YamlMapping? meshConfig, string meshConfigPath, YamlMapping? values, string valuesPath)
    {
        if (meshConfig?.At("defaultConfig", "holdApplicationUntilProxyStarts") is YamlScalar meshHold && IsTrue(meshHold))
        {
            return new MeshSetting($"{meshConfigPath}.defaultConfig.holdApplicationUntilProxyStarts: true", Where(obj, meshHold.Span));
        }

        if (values?.At("global", "proxy", "holdApplicationUntilProxyStarts") is YamlScalar valuesHold && IsTrue(valuesHold))
        {
            return new MeshSetting($"{Dotted(valuesPath, "global.proxy.holdApplicationUntilProxyStarts")}: true", Where(obj, valuesHold.Span));
        }

        return null;
    }

    // Not a hold: a pod's sidecar.istio.io/nativeSidecar: "false" opts out of it, so it is kept apart.
    // istiod reads ENABLE_NATIVE_SIDECARS from its own environment, as a string that must read as true.
    private static MeshSetting? NativeSidecarsOf(KubeObject obj, YamlMapping? values, string valuesPath) =>
        values?.At("pilot", "env", "ENABLE_NATIVE_SIDECARS") is YamlScalar native && string.Equals(native.Value, "true", StringComparison.OrdinalIgnoreCase)
            ? new MeshSetting($"{Dotted(valuesPath, "pilot.env.ENABLE_NATIVE_SIDECARS")}: \"true\"", Where(obj, native.Span))
            : null;

    private static MeshSetting? OutboundExclusionOf(KubeObject obj, YamlMapping? values, string valuesPath)
    {
        if (values?.At("global", "proxy", "excludeIPRanges") is YamlScalar { Text: { Length: > 0 } ranges } scalar
            && IpPrefixList.Validate(ranges, allowWildcard: true) is null)
        {
            return new MeshSetting($"{Dotted(valuesPath, "global.proxy.excludeIPRanges")}: \"{ranges}\"", Where(obj, scalar.Span));
        }

        return null;
    }

    // istioctl installs the istio-cni-node DaemonSet for the cni component, the istio_cni values
    // (Istio before 1.23, which keeps them as an alias) and the ambient profile, which needs CNI.
    private static MeshSetting? OperatorCniOf(KubeObject obj, YamlMapping spec)
    {
        if (EnabledAt(obj, spec, "components", "cni", "enabled") is { } component)
        {
            return component with { Setting = "spec." + component.Setting };
        }

        if (EnabledAt(obj, spec, "values", "istio_cni", "enabled") is { } values)
        {
            return values with { Setting = "spec." + values.Setting };
        }

        return spec.Scalar("profile") is { Value: "ambient" } profile
            ? new MeshSetting("spec.profile: ambient", Where(obj, profile.Span))
            : null;
    }

    private static MeshSetting? EnabledAt(KubeObject obj, YamlMapping root, params string[] path) =>
        root.At(path) is YamlScalar scalar && IsTrue(scalar)
            ? new MeshSetting($"{string.Join('.', path)}: true", Where(obj, scalar.Span))
            : null;

    private static string Dotted(string prefix, string path) => prefix.Length == 0 ? path : $"{prefix}.{path}";

    private static bool IsTrue(YamlScalar scalar) => scalar.Type == ScalarType.Bool && YamlScalarTypes.IsTrueWord(scalar.Value);

    private static string Where(KubeObject obj, SourceSpan span) => $"{obj.Path}:{span.Start.Line}";
}
