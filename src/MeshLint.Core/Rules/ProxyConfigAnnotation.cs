using System.Text.Json;
using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rules;

/// <summary>
/// A <c>proxy.istio.io/config</c> annotation as Istio reads it: YAML (so JSON, a flow mapping and a
/// block scalar all work), converted to JSON and decoded into ProxyConfig.
/// </summary>
public sealed class ProxyConfigAnnotation
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
public sealed record ProxyConfigValue(SyntaxProblem? Malformed, IReadOnlyList<ProxyConfigIssue> Issues, bool? Hold)
{
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
        return new(null, issues, hold);
    }
}

/// <summary>
/// Readings of ProxyConfig texts for one run. Most repositories repeat the same few values on
/// every workload, and reading one means a YAML parse and a schema validation, so each distinct
/// text is read once. Bounded, so a repository of unique values cannot grow it without end.
/// </summary>
public sealed class ProxyConfigReadings
{
    private const int Capacity = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProxyConfigValue> byText = new(StringComparer.Ordinal);

    public ProxyConfigValue Get(string text)
    {
        if (byText.TryGetValue(text, out var known))
        {
            return known;
        }

        var value = ProxyConfigValue.Read(text);
        if (byText.Count < Capacity)
        {
            byText.TryAdd(text, value);
        }

        return value;
    }
}

/// <summary>Reads a value that Istio or Vault decodes with Go's encoding/json.</summary>
public static class JsonAnnotation
{
    /// <summary>Annotations whose values Istio or the Vault injector decode as JSON.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "sidecar.istio.io/userVolume",
        "sidecar.istio.io/userVolumeMount",
        "proxy.istio.io/overrides",
        "vault.hashicorp.com/agent-json-patch",
        "vault.hashicorp.com/agent-init-json-patch",
    ];

    /// <summary>Null when the text is JSON, else the reason and the 1-based position inside the value.</summary>
    public static SyntaxProblem? Problem(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return null;
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            var reason = exception.Message;
            // System.Text.Json appends its own position and advice about reader options; neither helps here.
            foreach (var tail in new[] { " LineNumber:", " Change the reader options" })
            {
                var cut = reason.IndexOf(tail, StringComparison.Ordinal);
                if (cut > 0)
                {
                    reason = reason[..cut];
                }
            }

            return new SyntaxProblem(new SourcePosition(line, column), reason.TrimEnd('.', ' '), true);
        }
    }
}
