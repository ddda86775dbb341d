using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Parsing;
using MeshLint.Registry;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace MeshLint.Registry;

/// <summary>One reason Istio could not apply (error) or would ignore (warning) part of a ProxyConfig.</summary>
internal sealed record ProxyConfigIssue(Level Level, string Field, SourceSpan At, string Message)
{
    /// <summary>The mechanical change that resolves the issue, when there is exactly one.</summary>
    public ProxyConfigRepair? Repair { get; init; }
}

/// <summary>A change to a ProxyConfig field, named by its path of keys from the config's root.</summary>
internal abstract record ProxyConfigRepair(IReadOnlyList<string> Path);

/// <summary>An unknown field whose one nearest known name is <see cref="To"/>: a typo, most likely.</summary>
internal sealed record RenameField(IReadOnlyList<string> Path, string To) : ProxyConfigRepair(Path);

/// <summary>A boolean field written as the string "true" or "false".</summary>
internal sealed record UnquoteBoolean(IReadOnlyList<string> Path) : ProxyConfigRepair(Path);

/// <summary>
/// Checks a ProxyConfig against <c>rules/schemas/proxy-config.schema.json</c>, which encodes how
/// Istio decodes it (protobuf's legacy JSON rules). Unknown fields are only warnings: the decoder
/// discards them, so the setting silently does nothing.
/// </summary>
internal static class ProxyConfigSchema
{
    private static readonly Lazy<CompiledSchema> Rule = new(() => new CompiledSchema(RuleData.Read("rules/schemas/proxy-config.schema.json"), nullMeansAbsent: true), LazyThreadSafetyMode.ExecutionAndPublication);

    // Top-level fields and their JSON type, read with the framework's JSON reader: cheap, and
    // enough for the proxyMetadata check, so a valid config never loads NJsonSchema.
    private static readonly Lazy<IReadOnlyDictionary<string, string?>> FieldTypes = new(ReadFieldTypes, LazyThreadSafetyMode.ExecutionAndPublication);

    private static JsonSchema Schema => Rule.Value.Full;

    /// <summary>The schema as the framework's JSON reader reads it, for <see cref="ProxyConfigReleases"/>.</summary>
    internal static System.Text.Json.JsonElement SchemaRoot => Rule.Value.Root;

    /// <summary>
    /// Why Istio <paramref name="istio"/> could not apply or would ignore part of <paramref name="config"/>;
    /// null is the newest release, which ignores only the fields istio/api removed.
    /// </summary>
    public static IReadOnlyList<ProxyConfigIssue> Validate(YamlNode config, MinorRelease? istio = null) =>
        ProxyConfigReleases.InRelease(ValidateEveryRelease(config), ProxyConfigReleases.DatedFields(config), istio);

    /// <summary>The issues of <paramref name="config"/> against every field some release has, before any release is picked.</summary>
    public static IReadOnlyList<ProxyConfigIssue> ValidateEveryRelease(YamlNode config)
    {
        if (config is YamlMapping mapping && Rule.Value.Quick.Check(mapping) == QuickVerdict.Valid)
        {
            return FieldsAsEnvironment(config).ToList();
        }

        var projection = JsonProjection.Of(config);
        if (projection.Root is not JObject)
        {
            return [new ProxyConfigIssue(Level.Error, string.Empty, config.Span, $"the value must be a mapping of ProxyConfig fields, not a {SchemaErrors.Describe(projection.Root)}")];
        }

        // Istio treats an explicit null as "unset" for any field.
        RemoveNulls(projection.Root);
        var issues = new List<ProxyConfigIssue>();
        foreach (var error in SchemaErrors.Leaves(Schema.Validate(projection.Root)))
        {
            var token = error.Token ?? projection.Root;
            var field = FieldPath(error, token);
            var at = (projection.KeyOf(token) ?? projection.Origin(token))?.Span ?? config.Span;
            issues.Add(error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed
                ? new ProxyConfigIssue(Level.Warning, field, at, UnknownField(error, field)) { Repair = Rename(error, field) }
                : new ProxyConfigIssue(Level.Error, field, at, WrongValue(error, token, field)) { Repair = Unquote(error, token, field) });
        }

        issues.AddRange(FieldsAsEnvironment(config));
        return issues.DistinctBy(issue => (issue.Field, issue.Level)).ToList();
    }

    /// <summary>
    /// proxyMetadata is a map of environment variables for the proxy. A ProxyConfig field written there
    /// as a quoted string (a mistake seen in real repositories with holdApplicationUntilProxyStarts)
    /// decodes fine and does nothing.
    /// </summary>
    private static IEnumerable<ProxyConfigIssue> FieldsAsEnvironment(YamlNode config)
    {
        if (config is not YamlMapping map || map.Mapping("proxyMetadata") is not { } metadata)
        {
            yield break;
        }

        foreach (var entry in metadata.Entries)
        {
            if (FieldTypes.Value.ContainsKey(entry.Key.Value) && entry.Value is YamlScalar { Type: ScalarType.String })
            {
                yield return new ProxyConfigIssue(
                    Level.Warning,
                    "proxyMetadata." + entry.Key.Value,
                    entry.Key.Span,
                    $"\"{entry.Key.Value}\" is a ProxyConfig field, but under proxyMetadata it is only an environment variable of the proxy, which nothing reads; move it up one level, as a real {Describe(entry.Key.Value)}");
            }
        }
    }

    private static string Describe(string field) =>
        FieldTypes.Value[field] == "boolean" ? "boolean (unquoted true or false)" : "value of its own type";

    /// <summary>Every field name the schema knows at the top level (JSON and proto spellings).</summary>
    public static IReadOnlyCollection<string> TopLevelFields => FieldTypes.Value.Keys.ToList();

    /// <summary>The fields a "did you mean" may name: not those istio/api removed, which no current release reads.</summary>
    private static IEnumerable<string> Suggestible(ValidationError error) =>
        (error.Schema?.ActualProperties ?? Schema.ActualProperties)
            .Where(pair => pair.Value.ExtensionData?.ContainsKey("x-removed") != true)
            .Select(pair => pair.Key);

    private static string UnknownField(ValidationError error, string field)
    {
        var name = error.Property ?? field;
        var known = Suggestible(error);
        var suggestion = ClosestName.Find(name, known);
        return suggestion is null
            ? $"unknown field \"{field}\": Istio ignores it"
            : $"unknown field \"{field}\": Istio ignores it; did you mean \"{suggestion}\"?";
    }

    private static RenameField? Rename(ValidationError error, string field)
    {
        var name = error.Property ?? field;
        var known = Suggestible(error).ToList();
        return PathOf(field) is { } path && path[^1] == name && ClosestName.FindUnique(name, known) is { } suggestion ? new RenameField(path, suggestion) : null;
    }

    private static UnquoteBoolean? Unquote(ValidationError error, JToken token, string field)
    {
        var value = token is JProperty property ? property.Value : token;
        return error.Schema?.ActualSchema.Type == JsonObjectType.Boolean && value is JValue { Type: JTokenType.String, Value: "true" or "false" } && PathOf(field) is { } path
            ? new UnquoteBoolean(path)
            : null;
    }

    /// <summary>The keys of a field path; null when it goes through a list or a key with a dot, which a path of names cannot say.</summary>
    private static IReadOnlyList<string>? PathOf(string field) =>
        field.Length == 0 || field.Contains('[') ? null : field.Split('.');

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Writes a JToken that MeshLint built from YAML (strings, numbers, booleans, arrays, objects): no converter and no reflected type is involved.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Writes a JToken that MeshLint built from YAML (strings, numbers, booleans, arrays, objects): no converter and no reflected type is involved.")]
    private static string WrongValue(ValidationError error, JToken token, string field)
    {
        var schema = error.Schema;
        var shown = token.Type == JTokenType.String ? $"the string \"{Shorten(token.ToString())}\"" : $"{SchemaErrors.Describe(token)} {Shorten(token.ToString(Newtonsoft.Json.Formatting.None))}";
        var expected = schema is null ? "a different value" : Expectation(schema);
        return $"\"{field}\" must be {expected}, not {shown}";
    }

    private static string Expectation(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        if (actual.ExtensionData?.TryGetValue("x-expect", out var hint) == true && hint is string text)
        {
            return text;
        }

        if (actual.Enumeration.Count > 0)
        {
            return "one of " + string.Join(", ", actual.Enumeration.Where(value => value is string).Select(value => value!.ToString())) + " (or its number)";
        }

        var type = actual.Type;
        return type switch
        {
            _ when type.HasFlag(JsonObjectType.Integer) && type.HasFlag(JsonObjectType.String) => "an integer (a number or a string of digits)",
            _ when type.HasFlag(JsonObjectType.Number) && type.HasFlag(JsonObjectType.String) => "a number",
            JsonObjectType.Boolean => "a boolean (true or false, unquoted)",
            JsonObjectType.Integer => "an integer",
            JsonObjectType.Number => "a number",
            JsonObjectType.String => "a string",
            JsonObjectType.Object => "a mapping",
            JsonObjectType.Array => "a list",
            _ => "a value of the type ProxyConfig defines",
        };
    }

    private static string FieldPath(ValidationError error, JToken token)
    {
        var path = token.Path;
        if (error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && token is not JProperty && error.Property is { } property && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : $"{path}.{property}";
        }

        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;

    private static void RemoveNulls(JToken token)
    {
        if (token is JObject obj)
        {
            foreach (var property in obj.Properties().ToList())
            {
                if (property.Value.Type == JTokenType.Null)
                {
                    property.Remove();
                }
                else
                {
                    RemoveNulls(property.Value);
                }
            }
        }
        else if (token is JArray array)
        {
            foreach (var item in array)
            {
                RemoveNulls(item);
            }
        }
    }

    private static IReadOnlyDictionary<string, string?> ReadFieldTypes()
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in Rule.Value.Root.GetProperty("properties").EnumerateObject())
        {
            fields[property.Name] = property.Value.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String ? type.GetString() : null;
        }

        return fields;
    }
}
