using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Rules;

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

    public IReadOnlyList<ProxyConfigIssue> Issues => value.Issues;

    /// <summary>Istio rejects the pod (or ignores the annotation) when it is malformed or fails at error level.</summary>
    public bool Usable => Malformed is null && Issues.All(issue => issue.Level != Level.Error);

    /// <summary>The <c>holdApplicationUntilProxyStarts</c> value when it is a real boolean.</summary>
    public bool? Hold => value.Hold;

    /// <summary>The fields that decide how istio-proxy stops; their spans are inside the annotation's text.</summary>
    public ProxyShutdownSettings Shutdown => value.Shutdown;

    /// <summary>Reads the annotation; <paramref name="readings"/> shares the work between pods with the same value.</summary>
    public static ProxyConfigAnnotation Read(YamlEntry entry, ProxyConfigReadings? readings = null)
    {
        if (entry.Value is not YamlScalar { Text: { } text })
        {
            var what = entry.Value is YamlScalar ? "null" : SchemaCheck.Describe(JsonProjection.Of(entry.Value).Root);
            return new(entry, new ProxyConfigValue(new SyntaxProblem(SourcePosition.Start, $"the annotation value must be a string holding YAML or JSON, not a {what}", true), [], null));
        }

        return new(entry, readings?.Get(text) ?? ProxyConfigValue.Read(text));
    }
}

/// <summary>What Istio makes of one ProxyConfig text: positions inside it are relative to the text.</summary>
internal sealed record ProxyConfigValue(SyntaxProblem? Malformed, IReadOnlyList<ProxyConfigIssue> Issues, bool? Hold)
{
    public ProxyShutdownSettings Shutdown { get; init; } = ProxyShutdownSettings.None;

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

        var issues = document.Root is null or YamlScalar { Type: ScalarType.Null } ? [] : ProxyConfigSchema.Validate(document.Root);
        bool? hold = document.Root is YamlMapping map
            && (map.Scalar("holdApplicationUntilProxyStarts") ?? map.Scalar("hold_application_until_proxy_starts")) is { Type: ScalarType.Bool } flag
                ? YamlScalarTypes.IsTrueWord(flag.Value)
                : null;
        return new(null, issues, hold) { Shutdown = ProxyShutdownSettings.Of(document.Root) };
    }
}
