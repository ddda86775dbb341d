using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Rules;

/// <summary>A rule that looks at one Kubernetes object at a time (and the mesh context).</summary>
public interface IObjectRule
{
    string Id { get; }

    void Check(ObjectCheck check);
}

/// <summary>
/// What a rule sees of one object: the object, its pod template if it has one, the mesh context,
/// and the facts several rules share (injection, the parsed proxy config), computed once.
/// </summary>
public sealed class ObjectCheck
{
    private readonly List<Finding> sink;
    private readonly Func<string, Level?> levelOf;
    private InjectionDecision? injection;
    private ProxyConfigAnnotation? proxyConfig;
    private bool proxyConfigRead;
    private readonly ProxyConfigReadings? proxyConfigReadings;

    public ObjectCheck(KubeObject obj, MeshContext mesh, RuleCatalog catalog, Func<string, Level?> levelOf, List<Finding> sink, ProxyConfigReadings? proxyConfigReadings = null)
    {
        Object = obj;
        Mesh = mesh;
        Catalog = catalog;
        Pod = ObjectReader.PodTemplateOf(obj);
        this.levelOf = levelOf;
        this.sink = sink;
        this.proxyConfigReadings = proxyConfigReadings;
    }

    public KubeObject Object { get; }

    public PodTemplate? Pod { get; }

    public MeshContext Mesh { get; }

    public RuleCatalog Catalog { get; }

    public InjectionDecision Injection => injection ??= Pod is null ? new(false, "not a pod") : SidecarInjection.Decide(Pod, Mesh);

    /// <summary>The pod template's <c>proxy.istio.io/config</c> annotation, read and validated once for all rules.</summary>
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

    /// <summary>
    /// Reports a finding of <paramref name="ruleId"/> with one of its catalog messages.
    /// <paramref name="anchor"/> names what the finding is about (a key or path) for its fingerprint.
    /// </summary>
    public void Report(string ruleId, string messageKey, SourceSpan at, string anchor, IEnumerable<(string Name, string Value)> values, Level? level = null)
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
        };
        foreach (var (name, value) in values)
        {
            placeholders[name] = value;
        }

        var effective = rule.LevelAt(configured.Value, level);
        var objectId = $"{Object.Kind}/{Object.Namespace}/{Object.Name}";
        sink.Add(new Finding(
            Object.Path,
            at,
            rule.Id,
            rule.Name,
            effective,
            rule.Format(messageKey, placeholders),
            Object.DisplayName,
            Fingerprint.Of(rule.Id, Object.Path, objectId, anchor)));
    }
}
