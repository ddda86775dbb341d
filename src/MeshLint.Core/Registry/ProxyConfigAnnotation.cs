using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Registry;

/// <summary>
/// A <c>proxy.istio.io/config</c> annotation as Istio reads it: YAML (so JSON, a flow mapping and a
/// block scalar all work), converted to JSON and decoded into ProxyConfig.
/// </summary>
internal sealed class ProxyConfigAnnotation
{
    public const string Key = "proxy.istio.io/config";

    private readonly ProxyConfigValue value;

    private ProxyConfigAnnotation(YamlEntry entry, ProxyConfigValue value)
    {
        Entry = entry;
        this.value = value;
    }

    public YamlEntry Entry { get; }

    /// <summary>Why the value is not YAML, with the position inside the value; null when it parses.</summary>
    public SyntaxProblem? Malformed => value.Malformed;

    /// <summary>The issues as the newest Istio release sees them.</summary>
    public IReadOnlyList<ProxyConfigIssue> Issues => value.Issues;

    /// <summary>The issues as Istio <paramref name="istio"/> sees them (null: the newest release): fields it lacks are unknown there.</summary>
    public IReadOnlyList<ProxyConfigIssue> IssuesIn(MeshLint.Registry.MinorRelease? istio) => value.IssuesIn(istio);

    /// <summary>Istio rejects the pod (or ignores the annotation) when it is malformed or fails at error level.</summary>
    public bool Usable => Malformed is null && Issues.All(issue => issue.Level != Level.Error);

    /// <summary>The <c>holdApplicationUntilProxyStarts</c> value when it is a real boolean.</summary>
    public bool? Hold => value.Hold;

    /// <summary>The fields that decide how istio-proxy stops; their spans are inside the annotation's text.</summary>
    public ProxyShutdownSettings Shutdown => value.Shutdown;

    /// <summary>Reads the annotation; <paramref name="readings"/> shares the work between pods with the same value.</summary>
    public static ProxyConfigAnnotation Read(YamlEntry entry, TextReadings<ProxyConfigValue>? readings = null)
    {
        if (entry.Value is not YamlScalar { Text: { } text })
        {
            var what = entry.Value is YamlScalar ? "null" : SchemaErrors.Describe(JsonProjection.Of(entry.Value).Root);
            return new(entry, new ProxyConfigValue(new SyntaxProblem(SourcePosition.Start, $"the annotation value must be a string holding YAML or JSON, not a {what}", true), [], null));
        }

        return new(entry, readings?.Get(text) ?? ProxyConfigValue.Read(text));
    }
}

/// <summary>What Istio makes of one ProxyConfig text: positions inside it are relative to the text.</summary>
/// <param name="Issues">The issues as the newest Istio release sees them.</param>
internal sealed record ProxyConfigValue(SyntaxProblem? Malformed, IReadOnlyList<ProxyConfigIssue> Issues, bool? Hold)
{
    public ProxyShutdownSettings Shutdown { get; init; } = ProxyShutdownSettings.None;

    /// <summary>The fields of the config that some Istio releases lack.</summary>
    public IReadOnlyList<DatedField> Dated { get; private init; } = [];

    /// <summary>The issues before a release is picked: a field only some releases have is checked as a field.</summary>
    private IReadOnlyList<ProxyConfigIssue>? EveryRelease { get; init; }

    /// <summary>The issues as Istio <paramref name="istio"/> sees them; null is the newest release (<see cref="Issues"/>).</summary>
    public IReadOnlyList<ProxyConfigIssue> IssuesIn(MeshLint.Registry.MinorRelease? istio) =>
        istio is null || EveryRelease is null ? Issues : ProxyConfigReleases.InRelease(EveryRelease, Dated, istio);

    public static ProxyConfigValue Read(string text)
    {
        var document = new YamlDocumentReader(text).Documents().FirstOrDefault();
        if (document is null)
        {
            return new(null, [], null);
        }

        if (document.Problems.FirstOrDefault() is { } problem)
        {
            return new(problem, [], null);
        }

        var root = document.Root is null or YamlScalar { Type: ScalarType.Null } ? null : document.Root;
        var everyRelease = root is null ? [] : ProxyConfigSchema.ValidateEveryRelease(root);
        var dated = root is null ? [] : ProxyConfigReleases.DatedFields(root);
        bool? hold = document.Root is YamlMapping map
            && (map.Scalar("holdApplicationUntilProxyStarts") ?? map.Scalar("hold_application_until_proxy_starts")) is { Type: ScalarType.Bool } flag
                ? YamlScalarTypes.IsTrueWord(flag.Value)
                : null;
        return new(null, ProxyConfigReleases.InRelease(everyRelease, dated, null), hold) { Shutdown = ProxyShutdownSettings.Of(document.Root), Dated = dated, EveryRelease = everyRelease };
    }
}
