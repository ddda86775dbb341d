using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>
/// Collects Namespace and control plane facts. One builder per file; <see cref="Combine"/> keeps
/// every source with its file, and <see cref="MeshSources.For"/> chooses the nearest for a workload.
/// </summary>
/// <param name="placement">Where the file stands for distances; by default its report path.</param>
/// <param name="testRoot">The test data folder the file is in (see <see cref="TestData"/>); null outside test data.</param>
internal sealed partial class MeshContextBuilder(string? placement = null, string? testRoot = null)
{
    private readonly List<NamespaceFacts> namespaces = [];
    private readonly List<ControlPlane> controlPlanes = [];

    /// <summary>The test data folder of the file, null outside test data: its sign of Istio does not count.</summary>
    public string? TestRoot => testRoot;

    /// <summary>The first sign in the file that Istio is in use (a resource of an Istio API group, a control plane, an injection label or an Istio key on a pod), for <c>mesh.assumeInjection: auto</c>.</summary>
    public string? IstioEvidence { get; private set; }

    /// <summary>
    /// A cheap byte test: can this file hold anything the mesh context reads? It must let through
    /// every way of writing the keys: JSON is YAML too, so <c>"proxy": {…}</c> counts like <c>proxy:</c>.
    /// </summary>
    public static bool MayContribute(ReadOnlySpan<byte> content) =>
        content.IndexOf("Namespace"u8) >= 0 || content.IndexOf("IstioOperator"u8) >= 0
        || content.IndexOf("defaultConfig"u8) >= 0 || HasKey(content, "proxy"u8) || content.IndexOf("ENABLE_NATIVE_SIDECARS"u8) >= 0
        || content.IndexOf("istio-cni-node"u8) >= 0 || HasKey(content, "cni"u8) || content.IndexOf("ambient"u8) >= 0
        || MayHoldService(content) || MayHoldRelease(content) || HasIstioApiVersion(content);

    /// <summary>Whether an apiVersion of an Istio API group (<c>networking.istio.io/v1beta1</c>, …) occurs: a version right after the group.</summary>
    private static bool HasIstioApiVersion(ReadOnlySpan<byte> content)
    {
        while (content.IndexOf("istio.io/"u8) is var at and >= 0)
        {
            content = content[(at + "istio.io/".Length)..];
            if (content is [(byte)'v', var digit, ..] && char.IsAsciiDigit((char)digit))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the file may show Istio in use through a pod template's label or annotation (the second, rarer pass of <c>auto</c>).</summary>
    public static bool MayShowIstio(ReadOnlySpan<byte> content) =>
        content.IndexOf(".istio.io/"u8) >= 0 || content.IndexOf("istio.io/"u8) >= 0 || content.IndexOf("istio-injection"u8) >= 0;

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

    public static bool Contributes(KubeObject obj) => obj.IsNamespace || obj.ConfiguresMesh || obj.IsIstioCniDaemonSet || IsService(obj) || IsIstioApi(obj)
        || obj.Group is "sailoperator.io" or "argoproj.io" || obj.Group.StartsWith("helm.toolkit.fluxcd.io", StringComparison.Ordinal)
        || ObjectReader.PodTemplateOf(obj) is not null;

    /// <param name="meshConfigs">The run's parsed <c>data.mesh</c> texts, shared with the rules that check them.</param>
    public void Add(KubeObject obj, TextReadings<YamlMapping?>? meshConfigs = null)
    {
        IstioEvidence ??= EvidenceOf(obj);
        if (IsIstioApi(obj))
        {
            return;
        }

        if (IsService(obj))
        {
            AddService(obj);
        }
        else if (obj.IsNamespace && obj.Name is { } name)
        {
            var labels = obj.Metadata?.Mapping("labels");
            namespaces.Add(new NamespaceFacts(name, labels?.Text("istio-injection"), labels?.Text("istio.io/rev"), Where(obj, obj.AnchorSpan))
            {
                Folder = MeshSources.FolderOf(placement ?? obj.Path),
                TestRoot = testRoot,
                DataplaneMode = labels?.Text("istio.io/dataplane-mode"),
                PodSecurityEnforce = labels?.Text("pod-security.kubernetes.io/enforce"),
            });
        }
        else if (obj.IsIstioCniDaemonSet)
        {
            // One node agent sets up the redirect of every revision's pods.
            var setting = new MeshSetting($"the DaemonSet {obj.Name} in namespace {obj.Namespace}", Where(obj, obj.AnchorSpan));
            AddPlane(obj, null, new() { [MeshWideSetting.Cni] = setting });
        }
        else if (obj.IsIstioOperator)
        {
            var spec = obj.Root.Mapping("spec");
            var values = spec?.Mapping("values");
            var cniSetting = spec is null ? null : OperatorCniOf(obj, spec);
            if (InstallsIstiod(spec))
            {
                var settings = IstiodSettings(obj, values, "spec.values", spec?.Mapping("meshConfig"), "spec.meshConfig");
                settings[MeshWideSetting.Cni] = cniSetting;
                settings[MeshWideSetting.IstioRelease] = ReleaseAt(obj, spec, "spec", "tag") ?? ReleaseAt(obj, values, "spec.values", "global", "tag") ?? RevisionRelease(obj, spec?.Scalar("revision"), "spec.revision");
                settings[MeshWideSetting.CompatibilityVersion] = CompatibilityOf(obj, spec, "spec") ?? CompatibilityOf(obj, values, "spec.values");
                settings[MeshWideSetting.NativeSidecars] = NativeSidecarsOf(obj, values, "spec.values") ?? OperatorPilotEnv(obj, spec);
                AddPlane(obj, ControlPlane.Normalized(spec?.Text("revision")), settings);
            }
            else if (cniSetting is not null)
            {
                AddPlane(obj, null, new() { [MeshWideSetting.Cni] = cniSetting });
            }
        }
        else if (obj.IsIstiodValues)
        {
            // The istiod chart's values: the same keys as an IstioOperator's spec.values, with meshConfig at the top.
            var settings = IstiodSettings(obj, obj.Root, string.Empty, obj.Root.Mapping("meshConfig"), "meshConfig");
            settings[MeshWideSetting.Cni] = EnabledAt(obj, obj.Root, "istio_cni", "enabled") ?? EnabledAt(obj, obj.Root, "pilot", "cni", "enabled");
            settings[MeshWideSetting.IstioRelease] = ReleaseAt(obj, obj.Root, string.Empty, "global", "tag") ?? RevisionRelease(obj, obj.Root.Scalar("revision"), "revision");
            settings[MeshWideSetting.CompatibilityVersion] = CompatibilityOf(obj, obj.Root, string.Empty);
            AddPlane(obj, ControlPlane.Normalized(obj.Root.Text("revision")), settings);
        }
        else if (AddReleaseSource(obj))
        {
            // A Sail Istio, an istiod Deployment, a GitOps install of an Istio chart or an injected pod.
        }
        else if (MeshConfigText.Of(obj, meshConfigs) is { } mesh)
        {
            // The mesh config istiod reads: the ConfigMap istio, or istio-REVISION for a revision. It can say
            // nothing about istiod's environment, the sidecar values or CNI, so it decides only its defaultConfig's settings.
            var hold = mesh.Root.At("defaultConfig", "holdApplicationUntilProxyStarts") is YamlScalar scalar && IsTrue(scalar)
                ? new MeshSetting("data.mesh defaultConfig.holdApplicationUntilProxyStarts: true", Where(obj, mesh.Place(scalar.Span)))
                : null;
            var revision = ControlPlane.Normalized(obj.Name is { Length: > 6 } configMap ? configMap["istio-".Length..] : null);
            AddPlane(obj, revision, new()
            {
                [MeshWideSetting.Hold] = hold,
                [MeshWideSetting.Drain] = DrainOf(obj, mesh.Root["defaultConfig"], "data.mesh defaultConfig", mesh.Place),
                [MeshWideSetting.ExitOnZero] = ExitOnZeroOf(obj, mesh.Root["defaultConfig"], "data.mesh defaultConfig", mesh.Place),
            });
        }
    }

    /// <summary>Every fact of the files, in path order, so that the result never depends on which thread read which file first.</summary>
    /// <param name="placement">Where each file stands for distances; by default its report path.</param>
    public static MeshSources Combine(IEnumerable<MeshContextBuilder> inPathOrder, ContextPlacement? placement = null)
    {
        var namespaces = new List<NamespaceFacts>();
        var planes = new List<ControlPlane>();
        var services = new List<ServiceFacts>();
        string? evidence = null;
        foreach (var builder in inPathOrder)
        {
            namespaces.AddRange(builder.namespaces);
            planes.AddRange(builder.controlPlanes);
            services.AddRange(builder.services);
            if (builder.TestRoot is null)
            {
                evidence ??= builder.IstioEvidence;
            }
        }

        return new MeshSources(namespaces, planes, services: ServiceFacts.ByNamespace(services), placement: placement) { IstioEvidence = evidence };
    }

    /// <summary>The settings every istiod install decides, from its Helm values and its mesh config.</summary>
    private static Dictionary<MeshWideSetting, MeshSetting?> IstiodSettings(KubeObject obj, YamlMapping? values, string valuesPath, YamlMapping? meshConfig, string meshConfigPath) => new()
    {
        [MeshWideSetting.Hold] = HoldCoverOf(obj, meshConfig, meshConfigPath, values, valuesPath),
        [MeshWideSetting.NativeSidecars] = NativeSidecarsOf(obj, values, valuesPath),
        [MeshWideSetting.OutboundExclusion] = OutboundExclusionOf(obj, values, valuesPath),
        [MeshWideSetting.Drain] = DrainOf(obj, meshConfig?["defaultConfig"], Dotted(meshConfigPath, "defaultConfig")),
        [MeshWideSetting.ExitOnZero] = ExitOnZeroOf(obj, meshConfig?["defaultConfig"], Dotted(meshConfigPath, "defaultConfig")),
    };

    /// <summary>A resource of one of Istio's API groups (networking.istio.io, security.istio.io, telemetry.istio.io, extensions.istio.io, …).</summary>
    private static bool IsIstioApi(KubeObject obj) => obj.Group.EndsWith(".istio.io", StringComparison.Ordinal) && !obj.IsIstioOperator;

    /// <summary>What in <paramref name="obj"/> shows that Istio is in use, in words a message can quote; null when nothing does.</summary>
    public static string? EvidenceOf(KubeObject obj)
    {
        string At(Parsing.SourceSpan span) => $"{obj.DisplayName} at {obj.Path}:{span.Start.Line}";
        if (obj.Group.EndsWith("istio.io", StringComparison.Ordinal) || obj.Group == "sailoperator.io" || obj.IsIstiodValues)
        {
            return $"{At(obj.AnchorSpan)} ({(obj.ApiVersion is { } version ? version : "istiod Helm values")})";
        }

        if (obj.IsNamespace && obj.Metadata?.Mapping("labels") is { } labels
            && (labels.Entry("istio-injection") ?? labels.Entry("istio.io/rev") ?? labels.Entry("istio.io/dataplane-mode")) is { } label)
        {
            return $"the label {label.Key.Value} of {At(label.Key.Span)}";
        }

        if (ObjectReader.PodTemplateOf(obj) is { } pod)
        {
            if (pod.Labels?.Entries.FirstOrDefault(entry => IsIstioKey(entry.Key.Value)) is { } podLabel)
            {
                return $"the pod label {podLabel.Key.Value} of {At(podLabel.Key.Span)}";
            }

            if (pod.Annotations?.Entries.FirstOrDefault(entry => IsIstioKey(entry.Key.Value)) is { } annotation)
            {
                return $"the pod annotation {annotation.Key.Value} of {At(annotation.Key.Span)}";
            }
        }

        return null;
    }

    /// <summary>A key in one of Istio's domains: <c>istio.io/…</c> or <c>*.istio.io/…</c>.</summary>
    private static bool IsIstioKey(string key) =>
        key.IndexOf('/') is var slash and > 0 && (key[..slash] == "istio.io" || key[..slash].EndsWith(".istio.io", StringComparison.Ordinal));

    /// <summary>
    /// Whether an IstioOperator installs istiod, whose mesh config then covers pods: the empty profile
    /// (used for gateways) installs it only with components.pilot.enabled: true.
    /// </summary>
    private static bool InstallsIstiod(YamlMapping? spec)
    {
        var pilot = spec?.At("components", "pilot", "enabled") as YamlScalar;
        return pilot is { Type: ScalarType.Bool } ? IsTrue(pilot) : spec?.Text("profile") != "empty";
    }

    /// <param name="revision">The revision it serves; null for every revision.</param>
    private void AddPlane(KubeObject obj, string? revision, Dictionary<MeshWideSetting, MeshSetting?> settings)
    {
        // Test inputs pin whatever release a test wants (Istio's own golden files render istiod as 1.1.4):
        // they never name the release of the clusters a repository deploys to.
        if (testRoot is not null && settings.Remove(MeshWideSetting.IstioRelease) && settings.Count == 0)
        {
            return;
        }

        controlPlanes.Add(new ControlPlane(obj.DisplayName, revision, placement ?? obj.Path, Where(obj, obj.AnchorSpan), settings) { TestRoot = testRoot });
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
    // istiod reads ENABLE_NATIVE_SIDECARS from its own environment as text; what each release makes of
    // it (a Go bool before 1.27, true/false/auto after) is the start-up model's to decide, so the value is kept as written.
    private static MeshSetting? NativeSidecarsOf(KubeObject obj, YamlMapping? values, string valuesPath) =>
        values?.At("pilot", "env", NativeSidecarsVariable) is YamlScalar { Text: { } text } native
            ? new MeshSetting($"{Dotted(valuesPath, "pilot.env." + NativeSidecarsVariable)}: \"{text}\"", Where(obj, native.Span)) { Value = EnvironmentText(native) }
            : null;

    /// <summary>A value as it reaches istiod's environment: Helm renders a YAML boolean as true or false, and keeps a string as written.</summary>
    private static string EnvironmentText(YamlScalar value) =>
        value.Type == ScalarType.Bool ? (YamlScalarTypes.IsTrueWord(value.Value) ? "true" : "false") : value.Text ?? string.Empty;

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
