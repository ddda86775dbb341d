using System.Text.Json;
using NJsonSchema;

namespace MeshLint.Parsing;

/// <summary>
/// One JSON Schema (a rule's, ProxyConfig's, the configuration's): NJsonSchema's reading, loaded only when a value may fail, and the
/// quick pre-check that clears the values that certainly pass.
/// </summary>
internal sealed class CompiledSchema
{
    private static readonly HashSet<string> NamedPropertyKeywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "description", "title", "$schema", "$id", "$comment", "deprecated", "default", "examples",
    };

    private readonly Lazy<JsonSchema> full;

    public CompiledSchema(string json, bool nullMeansAbsent = false)
    {
        Json = json;
        Root = JsonDocument.Parse(json).RootElement.Clone();
        full = new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);
        Quick = QuickSchema.From(Root, nullMeansAbsent);
        RelevantKeys = NamedPropertiesOnly(Root);
    }

    public string Json { get; }

    /// <summary>The schema as read by the framework's JSON reader, shared by everything but NJsonSchema.</summary>
    public JsonElement Root { get; }

    /// <summary>NJsonSchema's schema: the authority for every finding.</summary>
    public JsonSchema Full => full.Value;

    public QuickSchema Quick { get; }

    /// <summary>
    /// The top-level keys the schema can look at, when that is all it looks at: a schema that only
    /// constrains named properties of an object cannot fail on any other key. Null when it may look
    /// at everything (required, additional or pattern properties, combinators, references).
    /// </summary>
    public IReadOnlySet<string>? RelevantKeys { get; }

    private static IReadOnlySet<string>? NamedPropertiesOnly(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var keyword in root.EnumerateObject())
        {
            if (!NamedPropertyKeywords.Contains(keyword.Name) || (keyword.Name == "type" && keyword.Value.GetString() != "object"))
            {
                return null;
            }
        }

        return properties.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
    }
}
