using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Mesh;

/// <summary>
/// The facts that decide a pod's shape besides the hold: which Istio release a control plane runs,
/// its ENABLE_NATIVE_SIDECARS and its compatibility version. Repositories pin the release in many
/// places (reference: versions.md §5); each is a control plane of its revision here, so the nearest
/// one wins, as for every other mesh-wide setting.
/// </summary>
internal sealed partial class MeshContextBuilder
{
    /// <summary>istiod's environment variable for native sidecars (istio/istio@1.19.0 onwards, pilot/pkg/features).</summary>
    public const string NativeSidecarsVariable = "ENABLE_NATIVE_SIDECARS";

    /// <summary>The charts Istio publishes (istio/istio@1.30.0 manifests/charts): installing one at a version pins the release.</summary>
    private static readonly HashSet<string> IstioCharts = new(StringComparer.Ordinal) { "istiod", "base", "cni", "istio-cni", "ztunnel", "gateway" };

    /// <summary>Byte markers of the files this partial reads, for <see cref="MayContribute"/>.</summary>
    private static bool MayHoldRelease(ReadOnlySpan<byte> content) =>
        content.IndexOf("compatibilityVersion"u8) >= 0 || content.IndexOf("sailoperator.io"u8) >= 0
        || content.IndexOf("/pilot:"u8) >= 0 || content.IndexOf("proxyv2:"u8) >= 0
        || ((content.IndexOf("argoproj.io"u8) >= 0 || content.IndexOf("HelmRelease"u8) >= 0 || content.IndexOf("helmCharts"u8) >= 0 || content.IndexOf("dependencies"u8) >= 0)
            && content.IndexOf("istio"u8) >= 0);

    /// <summary>
    /// A release where a tag, image tag or version is written (<c>spec.tag: 1.27.2</c>), as
    /// <see cref="MeshSetting.Value"/> <c>1.27</c>; null when absent or not a release (<c>latest</c>, a digest).
    /// </summary>
    private static MeshSetting? ReleaseAt(KubeObject obj, YamlMapping? root, string rootPath, params string[] path) =>
        root?.At(path) is YamlScalar { Text: { } text } scalar && MinorRelease.Parse(text) is { } release && release.Major == 1
            ? new MeshSetting($"{Dotted(rootPath, string.Join('.', path))}: {text}", Where(obj, scalar.Span)) { Value = release.ToString() }
            : null;

    /// <summary>
    /// A revision named after its release, as istioctl's and Helm's documentation name them
    /// (<c>1-27-2</c>, <c>istio-1-27</c>; the AKS add-on's <c>asm-1-27</c>). Not ASM's in-cluster
    /// <c>asm-1157-23</c>, whose digits run together.
    /// </summary>
    private static MeshSetting? RevisionRelease(KubeObject obj, YamlScalar? revision, string where)
    {
        if (revision?.Text is not { Length: > 0 } text || RevisionReleaseOf(text) is not { } release)
        {
            return null;
        }

        return new MeshSetting($"{where}: {text}", Where(obj, revision.Span)) { Value = release.ToString() };
    }

    /// <summary>The release a revision's name carries (<c>1-27-2</c>, <c>istio-1-27</c>, <c>asm-1-27</c>), else null.</summary>
    public static MinorRelease? RevisionReleaseOf(string revision)
    {
        var parts = revision.Split('-');
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (parts[i] == "1" && parts[i + 1].Length is 1 or 2 && parts[i + 1].All(char.IsAsciiDigit))
            {
                return new MinorRelease(1, int.Parse(parts[i + 1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>The Helm <c>compatibilityVersion</c> (or an IstioOperator's <c>spec.compatibilityVersion</c>).</summary>
    private static MeshSetting? CompatibilityOf(KubeObject obj, YamlMapping? root, string rootPath) =>
        root?.Scalar("compatibilityVersion") is { Text: { } text } scalar && MinorRelease.Parse(text) is { } release
            ? new MeshSetting($"{Dotted(rootPath, "compatibilityVersion")}: {text}", Where(obj, scalar.Span)) { Value = release.ToString() }
            : null;

    /// <summary>ENABLE_NATIVE_SIDECARS in an IstioOperator's <c>spec.components.pilot.k8s.env</c> list of name/value pairs.</summary>
    private static MeshSetting? OperatorPilotEnv(KubeObject obj, YamlMapping? spec) =>
        EnvVariable(obj, spec?.At("components", "pilot", "k8s", "env") as YamlSequence, "spec.components.pilot.k8s.env");

    private static MeshSetting? EnvVariable(KubeObject obj, YamlSequence? env, string where)
    {
        foreach (var item in env?.Items.OfType<YamlMapping>() ?? [])
        {
            if (item.Text("name") == NativeSidecarsVariable && item.Scalar("value") is { Text: { } text } value)
            {
                return new MeshSetting($"{where} {NativeSidecarsVariable}: \"{text}\"", Where(obj, value.Span)) { Value = EnvironmentText(value) };
            }
        }

        return null;
    }

    /// <summary>
    /// The objects that say which Istio release runs, besides IstioOperators and istiod values: a
    /// Sail operator <c>Istio</c> (and <c>IstioCNI</c>), an istiod Deployment of rendered install
    /// manifests, an Argo CD Application, a Flux HelmRelease or a kustomization that installs an Istio
    /// chart at a version, and a pod that Istio injected already. Returns whether it took the object.
    /// </summary>
    private bool AddReleaseSource(KubeObject obj)
    {
        switch (obj)
        {
            case { Kind: "Istio", Group: "sailoperator.io" }:
                AddSailIstio(obj);
                return true;
            case { Kind: "IstioCNI", Group: "sailoperator.io" }:
                // The Sail operator installs istio-cni-node for every revision from an IstioCNI resource.
                AddPlane(obj, null, new() { [MeshWideSetting.Cni] = new MeshSetting($"the Sail operator's IstioCNI {obj.Name}", Where(obj, obj.AnchorSpan)) });
                return true;
            case { Kind: "Application", Group: "argoproj.io" }:
                foreach (var source in ArgoSources(obj))
                {
                    AddChartInstall(obj, source.Chart, source.Version, source.Values, source.Where);
                }

                return true;
            case { Kind: "HelmRelease" } when obj.Group.StartsWith("helm.toolkit.fluxcd.io", StringComparison.Ordinal):
                if (obj.Root.At("spec", "chart", "spec") is YamlMapping chart)
                {
                    AddChartInstall(obj, chart.Scalar("chart"), chart.Scalar("version"), obj.Root.At("spec", "values") as YamlMapping, "spec");
                }

                return true;
            case { Kind: "Deployment", Group: "apps" } when obj.Name is { } name && (name == "istiod" || name.StartsWith("istiod-", StringComparison.Ordinal)):
                AddIstiodDeployment(obj);
                return true;
            default:
                return AddInjectedPod(obj);
        }
    }

    /// <summary>
    /// A Sail operator <c>Istio</c>: <c>spec.version</c> (<c>v1.30.3</c>, <c>v1.30-latest</c>) and
    /// <c>spec.values</c>, the istiod chart's values (istio-ecosystem/sail-operator api/v1/istio_types.go).
    /// Its revision is its name, unless its values name one.
    /// </summary>
    private void AddSailIstio(KubeObject obj)
    {
        var values = obj.Root.At("spec", "values") as YamlMapping;
        var settings = IstiodSettings(obj, values, "spec.values", values?.Mapping("meshConfig"), "spec.values.meshConfig");
        settings[MeshWideSetting.Cni] = values is not null && EnabledAt(obj, values, "pilot", "cni", "enabled") is { } cni ? cni with { Setting = "spec.values." + cni.Setting } : null;
        settings[MeshWideSetting.IstioRelease] = ReleaseAt(obj, obj.Root, string.Empty, "spec", "version");
        settings[MeshWideSetting.CompatibilityVersion] = CompatibilityOf(obj, values, "spec.values");
        var revision = values?.Text("revision") is { Length: > 0 } named ? named : obj.Name;
        AddPlane(obj, ControlPlane.Normalized(revision), settings);
    }

    /// <summary>
    /// istiod as rendered install manifests hold it: the <c>discovery</c> container's image tag is the
    /// release and its environment holds ENABLE_NATIVE_SIDECARS; the Deployment's <c>istio.io/rev</c> label its revision.
    /// </summary>
    private void AddIstiodDeployment(KubeObject obj)
    {
        var containers = obj.Root.At("spec", "template", "spec", "containers") as YamlSequence;
        var discovery = containers?.Items.OfType<YamlMapping>().FirstOrDefault(container => container.Text("name") == "discovery");
        if (discovery is null)
        {
            return;
        }

        var image = discovery.Scalar("image");
        var release = image?.Text is { } text && ImageTag(text) is { } tag && MinorRelease.Parse(tag) is { Major: 1 } parsed
            ? new MeshSetting($"the discovery image {text}", Where(obj, image.Span)) { Value = parsed.ToString() }
            : null;
        var native = EnvVariable(obj, discovery.Sequence("env"), "the discovery container's env");
        if (release is null && native is null)
        {
            return;
        }

        var revision = obj.Metadata?.Mapping("labels")?.Text("istio.io/rev");
        AddPlane(obj, ControlPlane.Normalized(revision), new() { [MeshWideSetting.IstioRelease] = release, [MeshWideSetting.NativeSidecars] = native });
    }

    /// <summary>
    /// An Istio chart installed at a version by a GitOps tool (Argo CD, Flux, kustomize's helmCharts): the
    /// chart's version is the release (Istio's charts are versioned as Istio is). For istiod, the values
    /// given inline are its values, with what they decide.
    /// </summary>
    private void AddChartInstall(KubeObject obj, YamlScalar? chart, YamlScalar? version, YamlMapping? values, string where)
    {
        if (chart?.Text is not { } name || !IstioCharts.Contains(name))
        {
            return;
        }

        var release = version?.Text is { } text && MinorRelease.Parse(text) is { Major: 1 } parsed
            ? new MeshSetting($"{where} installs the {name} chart at {text}", Where(obj, version.Span)) { Value = parsed.ToString() }
            : null;
        if (name != "istiod")
        {
            if (release is not null)
            {
                AddPlane(obj, null, new() { [MeshWideSetting.IstioRelease] = release });
            }

            return;
        }

        var path = where + ".values";
        var settings = values is null ? [] : IstiodSettings(obj, values, path, values.Mapping("meshConfig"), path + ".meshConfig");
        settings[MeshWideSetting.IstioRelease] = release;
        settings[MeshWideSetting.CompatibilityVersion] = CompatibilityOf(obj, values, path);
        AddPlane(obj, ControlPlane.Normalized(values?.Text("revision")), settings);
    }

    private static IEnumerable<(YamlScalar? Chart, YamlScalar? Version, YamlMapping? Values, string Where)> ArgoSources(KubeObject obj)
    {
        var spec = obj.Root.Mapping("spec");
        if (spec?.Mapping("source") is { } single && IsIstioRepository(single))
        {
            yield return (single.Scalar("chart"), single.Scalar("targetRevision"), single.At("helm", "valuesObject") as YamlMapping, "spec.source");
        }

        var index = 0;
        foreach (var source in spec?.Sequence("sources")?.Items.OfType<YamlMapping>() ?? [])
        {
            if (IsIstioRepository(source))
            {
                yield return (source.Scalar("chart"), source.Scalar("targetRevision"), source.At("helm", "valuesObject") as YamlMapping, $"spec.sources[{index}]");
            }

            index++;
        }
    }

    /// <summary>Istio's chart repositories (istio-release.storage.googleapis.com, blob.istio.io, ghcr.io/istio), or a mirror named after Istio.</summary>
    private static bool IsIstioRepository(YamlMapping source) =>
        source.Text("repoURL") is { } url && url.Contains("istio", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A pod that Istio injected already (exported with kubectl, or the injector's test data): its
    /// istio-proxy image's tag is the release that injected it.
    /// </summary>
    private bool AddInjectedPod(KubeObject obj)
    {
        if (ObjectReader.PodTemplateOf(obj)?.Spec is not { } spec)
        {
            return false;
        }

        var proxy = new[] { "containers", "initContainers" }
            .SelectMany(list => spec.Sequence(list)?.Items.OfType<YamlMapping>() ?? [])
            .FirstOrDefault(container => container.Text("name") == "istio-proxy");
        if (proxy?.Scalar("image") is not { Text: { } image } scalar || !image.Contains("proxyv2", StringComparison.Ordinal)
            || ImageTag(image) is not { } tag || MinorRelease.Parse(tag) is not { Major: 1 } release)
        {
            return false;
        }

        var revision = obj.Metadata?.Mapping("labels")?.Text("istio.io/rev") ?? (ObjectReader.PodTemplateOf(obj)?.Label("istio.io/rev"));
        AddPlane(obj, revision is null ? null : ControlPlane.Normalized(revision), new()
        {
            [MeshWideSetting.IstioRelease] = new MeshSetting($"the injected istio-proxy image {image}", Where(obj, scalar.Span)) { Value = release.ToString() },
        });
        return true;
    }

    /// <summary>Whether a file is read by its name rather than its kind: a chart's <c>Chart.yaml</c> or a kustomization, which may have no kind.</summary>
    public static bool IsNamedContextFile(string path) =>
        System.IO.Path.GetFileName(path) is "Chart.yaml" or "kustomization.yaml" or "kustomization.yml" or "Kustomization";

    /// <summary>
    /// A Helm chart's <c>Chart.yaml</c> that depends on an Istio chart at a version (an umbrella chart
    /// pinning Istio, e.g. DoD-Platform-One/istio-core chart/Chart.yaml), or a kustomization whose
    /// <c>helmCharts</c> inflate one (kustomize's helmCharts field: name, repo, version, valuesInline).
    /// </summary>
    public void AddNamedFile(KubeObject file)
    {
        if (System.IO.Path.GetFileName(file.Path) != "Chart.yaml")
        {
            var index = 0;
            foreach (var chart in file.Root.Sequence("helmCharts")?.Items.OfType<YamlMapping>() ?? [])
            {
                if (chart.Text("repo") is not { } repo || repo.Contains("istio", StringComparison.OrdinalIgnoreCase))
                {
                    AddChartInstall(file, chart.Scalar("name"), chart.Scalar("version"), chart.Mapping("valuesInline"), $"helmCharts[{index}]");
                }

                index++;
            }

            return;
        }

        var position = 0;
        foreach (var dependency in file.Root.Sequence("dependencies")?.Items.OfType<YamlMapping>() ?? [])
        {
            if (dependency.Text("name") is { } name && IstioCharts.Contains(name) && dependency.Text("repository") is { } repository
                && repository.Contains("istio", StringComparison.OrdinalIgnoreCase)
                && dependency.Scalar("version") is { Text: { } text } version && MinorRelease.Parse(text) is { Major: 1 } release)
            {
                AddPlane(file, name == "istiod" ? ControlPlane.DefaultRevision : null, new()
                {
                    [MeshWideSetting.IstioRelease] = new MeshSetting($"dependencies[{position}] {name} version {text}", Where(file, version.Span)) { Value = release.ToString() },
                });
            }

            position++;
        }
    }

    /// <summary>The tag of an image reference (<c>docker.io/istio/proxyv2:1.27.1</c>), without a digest; null when it has none.</summary>
    private static string? ImageTag(string image)
    {
        var reference = image.Split('@')[0];
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? reference[(colon + 1)..] : null;
    }
}

/// <summary>What a control plane object itself sets, where, for the rules that report at the setting.</summary>
internal static class ControlPlaneSettings
{
    /// <summary>A setting written in the object: its text for messages and the span of its value.</summary>
    public sealed record Written(string Setting, SourceSpan At, string Value);

    /// <summary>The revision a control plane object serves (<c>default</c> when it names none).</summary>
    public static string RevisionOf(KubeObject obj) => ControlPlane.Normalized(obj switch
    {
        { IsIstioOperator: true } => obj.Root.At("spec", "revision") is YamlScalar { Text: { } revision } ? revision : null,
        { IsIstiodValues: true } => obj.Root.Text("revision"),
        { Kind: "Istio", Group: "sailoperator.io" } => (obj.Root.At("spec", "values", "revision") as YamlScalar)?.Text ?? obj.Name,
        { IsMeshConfigMap: true } when obj.Name is { Length: > 6 } name => name["istio-".Length..],
        _ => null,
    });

    /// <summary>The mesh-wide hold the object turns on (meshConfig's defaultConfig or the chart's global.proxy value).</summary>
    public static Written? Hold(KubeObject obj, TextReadings<YamlMapping?>? readings)
    {
        const string Field = "holdApplicationUntilProxyStarts";
        if (obj.IsMeshConfigMap && MeshConfigText.Of(obj, readings) is { } mesh)
        {
            return mesh.Root.At("defaultConfig", Field) is YamlScalar { Type: ScalarType.Bool } scalar && YamlScalarTypes.IsTrueWord(scalar.Value)
                ? new Written($"data.mesh defaultConfig.{Field}: true", mesh.Place(scalar.Span), "true")
                : null;
        }

        foreach (var (root, path) in ValuesAndMeshConfig(obj))
        {
            if (root?.At(path.Split('.')) is YamlScalar { Type: ScalarType.Bool } scalar && YamlScalarTypes.IsTrueWord(scalar.Value))
            {
                return new Written($"{Prefix(obj)}{path}: true", scalar.Span, "true");
            }
        }

        return null;
    }

    /// <summary>ENABLE_NATIVE_SIDECARS as the object writes it in its Helm values.</summary>
    public static Written? NativeSidecars(KubeObject obj)
    {
        var values = obj switch
        {
            { IsIstioOperator: true } => obj.Root.At("spec", "values") as YamlMapping,
            { IsIstiodValues: true } => obj.Root,
            { Kind: "Istio", Group: "sailoperator.io" } => obj.Root.At("spec", "values") as YamlMapping,
            _ => null,
        };
        return values?.At("pilot", "env", MeshContextBuilder.NativeSidecarsVariable) is YamlScalar { Text: { } text } scalar
            ? new Written($"{Prefix(obj)}{(obj.IsIstiodValues ? string.Empty : "values.")}pilot.env.{MeshContextBuilder.NativeSidecarsVariable}: \"{text}\"", scalar.Span,
                scalar.Type == ScalarType.Bool ? (YamlScalarTypes.IsTrueWord(scalar.Value) ? "true" : "false") : text)
            : null;
    }

    private static IEnumerable<(YamlMapping? Root, string Path)> ValuesAndMeshConfig(KubeObject obj)
    {
        switch (obj)
        {
            case { IsIstioOperator: true }:
                yield return (obj.Root.Mapping("spec"), "meshConfig.defaultConfig.holdApplicationUntilProxyStarts");
                yield return (obj.Root.Mapping("spec"), "values.global.proxy.holdApplicationUntilProxyStarts");
                break;
            case { IsIstiodValues: true }:
                yield return (obj.Root, "meshConfig.defaultConfig.holdApplicationUntilProxyStarts");
                yield return (obj.Root, "global.proxy.holdApplicationUntilProxyStarts");
                break;
            case { Kind: "Istio", Group: "sailoperator.io" }:
                yield return (obj.Root.Mapping("spec"), "values.meshConfig.defaultConfig.holdApplicationUntilProxyStarts");
                yield return (obj.Root.Mapping("spec"), "values.global.proxy.holdApplicationUntilProxyStarts");
                break;
        }
    }

    private static string Prefix(KubeObject obj) => obj.IsIstiodValues ? string.Empty : "spec.";
}
