namespace MeshLint.Rules;

/// <summary>
/// What a rule may read, as its <c>reads:</c> in <c>rules/</c> names it. <see cref="ObjectCheck"/>
/// shows a rule only the inputs it declares, so the data says truthfully which findings depend on
/// other files (Namespaces, mesh-wide settings) and which on the object alone.
/// </summary>
public enum RuleInput
{
    /// <summary>The file's text, before any object is read (the engine's MESH000).</summary>
    File,

    /// <summary>Any object's own metadata.</summary>
    ObjectMetadata,

    /// <summary>A workload's own metadata (not a Pod's), beside its pod template.</summary>
    WorkloadMetadata,

    /// <summary>The whole pod template: metadata, spec and the proxy.istio.io/config read from it.</summary>
    PodTemplate,

    /// <summary>The pod template's metadata only.</summary>
    PodTemplateMetadata,

    /// <summary>The pod spec only.</summary>
    PodSpec,

    /// <summary>The pod's containers and init containers only.</summary>
    Container,

    /// <summary>The object itself when it configures the mesh: an IstioOperator, istiod Helm values or the istio ConfigMap.</summary>
    IstioOperator,

    /// <summary>The scanned Namespaces, through the sidecar injection decision.</summary>
    Namespace,

    /// <summary>The mesh-wide settings found in other scanned files (IstioOperators, istiod values, the istio ConfigMap).</summary>
    MeshConfig,

    /// <summary>
    /// The pod's modelled start-up (see <see cref="MeshLint.Startup.PodStartup"/>): built from the pod
    /// template, the scanned Namespaces and the mesh-wide settings, so it depends on other files as they do.
    /// </summary>
    Startup,

    /// <summary>The scanned Services that select pods in the object's namespace, with their targetPorts.</summary>
    Services,
}

internal static class RuleInputs
{
    private static readonly Dictionary<string, RuleInput> ByName = new(StringComparer.Ordinal)
    {
        ["file"] = RuleInput.File,
        ["object-metadata"] = RuleInput.ObjectMetadata,
        ["workload-metadata"] = RuleInput.WorkloadMetadata,
        ["pod-template"] = RuleInput.PodTemplate,
        ["pod-template-metadata"] = RuleInput.PodTemplateMetadata,
        ["pod-spec"] = RuleInput.PodSpec,
        ["container"] = RuleInput.Container,
        ["istio-operator"] = RuleInput.IstioOperator,
        ["namespace"] = RuleInput.Namespace,
        ["mesh-config"] = RuleInput.MeshConfig,
        ["startup"] = RuleInput.Startup,
        ["services"] = RuleInput.Services,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static RuleInput? Parse(string name) => ByName.TryGetValue(name, out var input) ? input : null;

    public static string Name(this RuleInput input) => ByName.First(pair => pair.Value == input).Key;

    /// <summary>What a declarative check reads: its targets, and the namespaces when it checks injected pods only.</summary>
    public static IReadOnlySet<RuleInput> Of(SchemaCheck check)
    {
        var inputs = check.Targets.Select(Of).ToHashSet();
        if (check.InjectedOnly)
        {
            inputs.Add(RuleInput.Namespace);
        }

        return inputs;
    }

    public static RuleInput Of(CheckTarget target) => target switch
    {
        CheckTarget.ObjectMetadata => RuleInput.ObjectMetadata,
        CheckTarget.WorkloadMetadata => RuleInput.WorkloadMetadata,
        CheckTarget.PodTemplateMetadata => RuleInput.PodTemplateMetadata,
        CheckTarget.PodSpec => RuleInput.PodSpec,
        CheckTarget.Container => RuleInput.Container,
        CheckTarget.IstioOperator => RuleInput.IstioOperator,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };
}
