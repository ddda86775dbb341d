using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;
using MeshLint.Startup;

namespace MeshLint.Rules;

/// <summary>
/// What a rule sees of one object: the object, its pod template if it has one, the mesh context,
/// and the facts several rules share (injection, the parsed proxy config), computed once.
/// The engine's check sees everything; <see cref="For"/> gives a rule a view of only what its
/// <c>reads:</c> declare, and reading anything else throws, so an undeclared read fails every
/// fixture that reaches it.
/// </summary>
internal sealed class ObjectCheck
{
    private readonly SharedFacts facts;
    private readonly Scope? scope;

    /// <param name="proxyConfigReadings">The run's parsed <c>proxy.istio.io/config</c> texts.</param>
    /// <param name="meshConfigReadings">The run's parsed <c>data.mesh</c> texts, which the mesh context has read already.</param>
    /// <param name="edits">Edits on the object's file, for rules that attach a fix; null when the text is not at hand.</param>
    public ObjectCheck(KubeObject obj, MeshContext mesh, RuleCatalog catalog, Func<string, Level?> levelOf, List<Finding> sink, TextReadings<ProxyConfigValue>? proxyConfigReadings = null, TextReadings<YamlMapping?>? meshConfigReadings = null, Lazy<YamlEdits>? edits = null)
    {
        facts = new SharedFacts(obj, mesh, catalog, levelOf, sink, proxyConfigReadings, meshConfigReadings) { Edits = edits };
    }

    private ObjectCheck(SharedFacts facts, Scope scope)
    {
        this.facts = facts;
        this.scope = scope;
    }

    /// <summary>The object's identity and place; its parts are read through the views below.</summary>
    public KubeObject Object => facts.Object;

    public RuleCatalog Catalog => facts.Catalog;

    /// <summary>The pod template (reads: pod-template).</summary>
    public PodTemplate? Pod => Require(RuleInput.PodTemplate, nameof(Pod)).facts.Pod;

    /// <summary>The configuration's assumptions about the clusters (mesh mode, native sidecars), which every rule may read.</summary>
    public MeshAssumptions Assumptions => facts.Mesh.Assumptions;

    /// <summary>The mesh-wide settings of the scanned files (reads: mesh-config).</summary>
    public MeshContext Mesh => Require(RuleInput.MeshConfig, nameof(Mesh)).facts.Mesh;

    /// <summary>Whether the pod gets a sidecar, which the scanned Namespaces decide (reads: namespace).</summary>
    public InjectionDecision Injection => Require(RuleInput.Namespace, nameof(Injection)).facts.Injection;

    /// <summary>The pod template's <c>proxy.istio.io/config</c> annotation, read and validated once for all rules (reads: pod-template).</summary>
    public ProxyConfigAnnotation? ProxyConfig => Require(RuleInput.PodTemplate, nameof(ProxyConfig)).facts.ProxyConfig;

    /// <summary>The pod's modelled start-up, built once for all rules; null when the object has no pod template (reads: startup).</summary>
    public PodStartup? Startup => Require(RuleInput.Startup, nameof(Startup)).facts.Startup;

    /// <summary>
    /// The Istio release the object meets: its target's (declared, else detected for its revision), or
    /// null when unknown, which the rules that judge keys and fields by release read as the newest.
    /// Like <see cref="Assumptions"/>, every rule may read it.
    /// </summary>
    public Registry.MinorRelease? IstioRelease => facts.Mesh.Target.Istio.Release;

    /// <summary>Builds the pod's start-up model (when the object has a pod template) before the rules run, so none builds it itself.</summary>
    public void BuildStartup() => _ = facts.Startup;

    /// <summary>The scanned Services in the object's namespace that select pods and name a targetPort (reads: services).</summary>
    public IReadOnlyList<ServiceFacts> Services =>
        Require(RuleInput.Services, nameof(Services)).facts.Mesh.Services.GetValueOrDefault(facts.Object.Namespace) ?? [];

    /// <summary>The object itself when it configures the mesh: an IstioOperator, istiod Helm values or the istio ConfigMap (reads: istio-operator).</summary>
    public KubeObject? MeshConfigObject =>
        Require(RuleInput.IstioOperator, nameof(MeshConfigObject)).facts.Object is { ConfiguresMesh: true } obj ? obj : null;

    /// <summary>The parsed <c>data.mesh</c> when the object is the istio ConfigMap (reads: istio-operator).</summary>
    public MeshConfigText? MeshConfigText => Require(RuleInput.IstioOperator, nameof(MeshConfigText)).facts.MeshConfigText;

    /// <summary>
    /// Every metadata of the object whose keys reach some object (reads: object-metadata, and
    /// pod-template-metadata or pod-template): its own, a CronJob's job template, the pod template.
    /// </summary>
    public IReadOnlyList<MetadataSite> MetadataSites
    {
        get
        {
            Require(RuleInput.ObjectMetadata, nameof(MetadataSites));
            if (scope is not null && !scope.Reads.Contains(RuleInput.PodTemplate))
            {
                Require(RuleInput.PodTemplateMetadata, nameof(MetadataSites));
            }

            return facts.MetadataSites;
        }
    }

    /// <summary>Builds the text edits of a fix on the object's file; null when the file's text is not at hand (then report without a fix).</summary>
    public YamlEdits? Edits => facts.Edits?.Value;

    /// <summary>The nodes a declarative check is aimed at (reads: the target's name, or pod-template for the pod's parts).</summary>
    public IEnumerable<YamlNode> Targets(CheckTarget target)
    {
        var input = RuleInputs.Of(target);
        if (scope is not null && !scope.Reads.Contains(input)
            && !(scope.Reads.Contains(RuleInput.PodTemplate) && input is RuleInput.PodTemplateMetadata or RuleInput.PodSpec or RuleInput.Container))
        {
            throw Undeclared(input, $"the {input.Name()} target");
        }

        return TargetNodes(facts, target);
    }

    /// <summary>The view of this object that <paramref name="rule"/> may see: what its data declares it reads, and its own messages.</summary>
    public ObjectCheck For(RuleDescriptor rule, IReadOnlyList<string> messageKeys) => For(ScopeOf(rule, messageKeys));

    /// <summary>The view of this object that a rule's <see cref="Scope"/> allows; the scope is made once per rule, not per object.</summary>
    public ObjectCheck For(Scope scope) => new(facts, scope);

    /// <summary>What <paramref name="rule"/> may read and report, from its data and the message keys its class declares.</summary>
    public static Scope ScopeOf(RuleDescriptor rule, IReadOnlyList<string> messageKeys) =>
        new(rule.Id, rule.Reads, messageKeys.ToHashSet(StringComparer.Ordinal), rule.LowerLevels);

    /// <summary>
    /// Reports a finding of <paramref name="ruleId"/> with one of its catalog messages.
    /// <paramref name="anchor"/> names what the finding is about (a key or path) for its fingerprint.
    /// <paramref name="fix"/> is the finding's fix, when the rule can build one (see <see cref="Edits"/>).
    /// </summary>
    /// <param name="related">The other places that decided it (see <see cref="DecidingSources"/>).</param>
    /// <param name="assumes">The condition the finding rests on when the target is unknown (<see cref="PodShape.Assumption"/>); null when the target decides it.</param>
    public void Report(string ruleId, string messageKey, SourceSpan at, string anchor, IEnumerable<(string Name, string Value)> values, Level? level = null, Fix? fix = null, IReadOnlyList<RelatedLocation>? related = null, string? assumes = null)
    {
        if (scope is not null && (ruleId != scope.RuleId || !scope.MessageKeys.Contains(messageKey)))
        {
            throw new InvalidOperationException($"rule {scope.RuleId} reported {ruleId} '{messageKey}', which is not among the message keys it declares ({string.Join(", ", scope.MessageKeys)})");
        }

        if (scope is not null && level is { } lower && lower < Catalog[ruleId].DefaultLevel && !scope.LowerLevels.Contains(lower))
        {
            throw new InvalidOperationException($"rule {scope.RuleId} reported at {lower.Name()}, which rules/{scope.RuleId}.yaml does not list in lowerLevels");
        }

        facts.Report(ruleId, messageKey, at, anchor, values, level, fix, related ?? [], assumes);
    }

    /// <summary>
    /// The sources that decided a finding about <paramref name="setting"/>: the scanned Namespace of the
    /// pod (every one of a tie) and the nearest control planes that decide the setting, at the line
    /// that sets it or, where they leave it unset, at the control plane.
    /// </summary>
    internal IReadOnlyList<RelatedLocation> DecidingSources(MeshWideSetting setting)
    {
        var related = new List<RelatedLocation?>();
        if (Pod is { } pod && Mesh.Namespace(pod.Owner.Namespace) is { } facts)
        {
            related.AddRange(facts.Sources.Select(source => RelatedLocation.Of(source, $"Namespace {facts.Name}, whose labels decide injection")));
        }

        foreach (var plane in Mesh.Settings?.Nearest.GetValueOrDefault(setting) ?? [])
        {
            related.Add(plane.Settings[setting] is { } set
                ? RelatedLocation.Of(set.Source, $"{plane.What}: {set.Setting}")
                : RelatedLocation.Of(plane.Source, $"{plane.What} leaves {SettingName(setting)} unset"));
        }

        return related.OfType<RelatedLocation>().Distinct().ToList();
    }

    private static string SettingName(MeshWideSetting setting) => setting switch
    {
        MeshWideSetting.Hold => "the hold",
        MeshWideSetting.NativeSidecars => "native sidecars",
        MeshWideSetting.OutboundExclusion => "the outbound exclusion",
        MeshWideSetting.Drain => "the drain duration",
        MeshWideSetting.ExitOnZero => ProxyShutdownSettings.ExitOnZeroKey,
        _ => "Istio CNI",
    };

    private ObjectCheck Require(RuleInput input, string member) =>
        scope is null || scope.Reads.Contains(input) ? this : throw Undeclared(input, member);

    private InvalidOperationException Undeclared(RuleInput input, string what) =>
        new($"rule {scope!.RuleId} reads {what}, but rules/{scope.RuleId}.yaml does not declare '{input.Name()}' in reads");

    private static IEnumerable<YamlNode> TargetNodes(SharedFacts facts, CheckTarget target)
    {
        var pod = facts.Pod;
        switch (target)
        {
            case CheckTarget.ObjectMetadata when facts.Object.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.WorkloadMetadata when pod is { IsPod: false } && facts.Object.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.PodTemplateMetadata when pod?.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.PodSpec when pod?.Spec is { } spec:
                yield return spec;
                break;
            case CheckTarget.Container when pod?.Spec is { } spec:
                foreach (var list in new[] { "initContainers", "containers" })
                {
                    foreach (var container in spec.Sequence(list)?.Items ?? [])
                    {
                        yield return container;
                    }
                }

                break;
            case CheckTarget.IstioOperator when facts.Object.IsIstioOperator && facts.Object.Root.Mapping("spec") is { } spec:
                yield return spec;
                break;
        }
    }

    /// <summary>What one rule may read (its <c>reads</c>) and report (its message keys and lower levels).</summary>
    internal sealed record Scope(string RuleId, IReadOnlySet<RuleInput> Reads, IReadOnlySet<string> MessageKeys, IReadOnlyList<Level> LowerLevels);

    /// <summary>One object's facts, computed once and shared by every rule's view of it.</summary>
    private sealed class SharedFacts(KubeObject obj, MeshContext mesh, RuleCatalog catalog, Func<string, Level?> levelOf, List<Finding> sink, TextReadings<ProxyConfigValue>? proxyConfigReadings, TextReadings<YamlMapping?>? meshConfigReadings)
    {
        private readonly Lazy<MeshConfigText?> meshConfigText = new(() => MeshConfigText.Of(obj, meshConfigReadings), LazyThreadSafetyMode.None);
        private InjectionDecision? injection;
        private MeshContext? podMesh;
        private IReadOnlyList<MetadataSite>? metadataSites;
        private ProxyConfigAnnotation? proxyConfig;
        private bool proxyConfigRead;
        private PodStartup? startup;

        public KubeObject Object { get; } = obj;

        /// <summary>
        /// Null as well for a workload without a pod template (a patch that changes only its metadata) and for
        /// a Kustomize <c>$patch: delete</c>, which deletes the workload: neither says anything about its pods.
        /// </summary>
        public PodTemplate? Pod { get; } = ObjectReader.PodTemplateOf(obj) is { Template: not null } pod && obj.Root.Text("$patch") != "delete" ? pod : null;

        public IReadOnlyList<MetadataSite> MetadataSites => metadataSites ??= MetadataSite.Of(Object).ToList();

        /// <summary>The file's context, narrowed to the control planes of the pod's revision.</summary>
        public MeshContext Mesh => podMesh ??= Pod is { } pod ? mesh.ForPod(pod) : mesh;

        public RuleCatalog Catalog { get; } = catalog;

        public MeshConfigText? MeshConfigText => meshConfigText.Value;

        public Lazy<YamlEdits>? Edits { get; init; }

        public InjectionDecision Injection => injection ??= Pod is null ? new(false, "not a pod") : SidecarInjection.Decide(Pod, Mesh);

        public PodStartup? Startup => Pod is null ? null : startup ??= PodStartup.Model(Pod, Mesh, Injection, ProxyConfig);

        public ProxyConfigAnnotation? ProxyConfig
        {
            get
            {
                if (!proxyConfigRead)
                {
                    proxyConfigRead = true;
                    proxyConfig = Pod?.AnnotationEntry(ProxyConfigAnnotation.Key) is { } entry ? ProxyConfigAnnotation.Read(entry, proxyConfigReadings) : null;
                }

                return proxyConfig;
            }
        }

        public void Report(string ruleId, string messageKey, SourceSpan at, string anchor, IEnumerable<(string Name, string Value)> values, Level? level, Fix? fix, IReadOnlyList<RelatedLocation> related, string? assumes)
        {
            var rule = Catalog[ruleId];
            var configured = levelOf(ruleId);
            if (configured is null)
            {
                return;
            }

            var placeholders = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["object"] = Object.DisplayName,
                ["kind"] = Object.Kind,
                ["namespace"] = Object.Namespace,
                ["annotationsPath"] = Pod?.AnnotationsPath ?? "metadata.annotations",
                ["templatePath"] = Pod?.Path is { Length: > 0 } path ? path : "metadata",
                ["specPath"] = Pod?.Path is { Length: > 0 } template ? template + ".spec" : "spec",
            };
            foreach (var (name, value) in values)
            {
                placeholders[name] = value;
            }

            var subject = new ObjectIdentity(Object.DisplayName, $"{Object.Kind}/{Object.Namespace}/{Object.Name}");
            sink.Add(RuleFindings.Make(rule, configured.Value, messageKey, placeholders, Object.Path, at, anchor, level, subject, fix, related, assumes));
        }
    }
}
