using MeshLint.Parsing;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MeshLint.Rules;

/// <summary>
/// A check that needs no code: a JSON Schema that a part of each object (its target) must satisfy,
/// in the manner of Polaris. Findings point at the key of the deepest value that fails.
/// </summary>
public sealed class SchemaCheck
{
    private readonly Lazy<JsonSchema> require;
    private readonly Lazy<JsonSchema>? when;

    private SchemaCheck(IReadOnlyList<CheckTarget> targets, Lazy<JsonSchema> require, Lazy<JsonSchema>? when, string messageKey, bool injectedOnly)
    {
        Targets = targets;
        this.require = require;
        this.when = when;
        MessageKey = messageKey;
        InjectedOnly = injectedOnly;
        relevantKeys = new Lazy<IReadOnlySet<string>?>(() => RelevantKeys(require.Value, when?.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<CheckTarget> Targets { get; }

    /// <summary>Checks only pods that get an istio-proxy sidecar (as <c>SidecarInjection</c> decides).</summary>
    public bool InjectedOnly { get; }

    private readonly Lazy<IReadOnlySet<string>?> relevantKeys;

    /// <summary>
    /// The top-level keys the schemas can look at, when that is all they look at: a schema that
    /// only constrains named properties cannot fail on any other key, so only those are converted
    /// to JSON. Null when the schemas may look at everything (required, additional or pattern
    /// properties, combinators, a type other than object).
    /// </summary>
    private static IReadOnlySet<string>? RelevantKeys(JsonSchema require, JsonSchema? when)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in when is null ? [require] : new[] { require, when })
        {
            var actual = schema.ActualSchema;
            var onlyNamedProperties = actual.Type is JsonObjectType.Object or JsonObjectType.None
                && actual.RequiredProperties.Count == 0 && actual.PatternProperties.Count == 0
                && actual.AdditionalPropertiesSchema is null && actual.AllowAdditionalProperties
                && actual.AllOf.Count == 0 && actual.AnyOf.Count == 0 && actual.OneOf.Count == 0 && actual.Not is null
                && actual.MinProperties == 0 && actual.MaxProperties == 0 && actual.Enumeration.Count == 0
                && actual.ExtensionData is not { Count: > 0 };
            if (!onlyNamedProperties)
            {
                return null;
            }

            keys.UnionWith(actual.Properties.Keys);
        }

        return keys;
    }

    public string MessageKey { get; }

    public static SchemaCheck Read(string source, YamlMapping node)
    {
        var targets = new List<CheckTarget>();
        var targetNode = node["target"];
        IEnumerable<YamlScalar> names = targetNode switch
        {
            YamlScalar single => [single],
            YamlSequence list => list.Items.OfType<YamlScalar>(),
            _ => throw new InvalidDataException($"{source}: check.target must name one or more targets"),
        };
        foreach (var name in names)
        {
            targets.Add(CheckTargets.Parse(name.Value) ?? throw new InvalidDataException($"{source}:{name.Start.Line}: unknown check target '{name.Value}' (known: {string.Join(", ", CheckTargets.Names)})"));
        }

        var requireNode = node["require"] ?? throw new InvalidDataException($"{source}: check.require must be a JSON Schema");
        var injectedOnly = node.Scalar("injectedOnly") is { Type: ScalarType.Bool } flag && YamlScalarTypes.IsTrueWord(flag.Value);
        return new SchemaCheck(targets, SchemaFrom(requireNode), node["when"] is { } whenNode ? SchemaFrom(whenNode) : null, node.Text("message") ?? "default", injectedOnly);
    }

    /// <summary>Reads the schemas now rather than on first use, so a broken user rule fails before any file is linted.</summary>
    public void Compile()
    {
        _ = require.Value;
        _ = when?.Value;
    }

    /// <summary>The failing values of a target, each with the key it sits under (or the value itself at the top).</summary>
    public IEnumerable<SchemaFailure> Failures(YamlNode target)
    {
        var projection = JsonProjection.Of(target, relevantKeys.Value);
        if (when is not null && when.Value.Validate(projection.Root).Count > 0)
        {
            yield break;
        }

        var seen = new HashSet<JToken>(ReferenceEqualityComparer.Instance);
        foreach (var error in Leaves(require.Value.Validate(projection.Root)))
        {
            var token = error.Token ?? projection.Root;
            if (token is JProperty property)
            {
                token = property.Value;
            }

            if (!seen.Add(token))
            {
                continue;
            }

            var key = projection.KeyOf(token);
            var at = key?.Span ?? projection.Origin(token)?.Span ?? target.Span;
            yield return new SchemaFailure(at, key?.Value ?? string.Empty, token.Path, Describe(token), error.Kind, error.Property);
        }
    }

    public static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                var inner = child.Errors.Values.SelectMany(list => list).ToList();
                if (inner.Count > 0)
                {
                    foreach (var leaf in Leaves(inner))
                    {
                        yield return leaf;
                    }

                    continue;
                }
            }

            yield return error;
        }
    }

    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Boolean => "boolean",
        JTokenType.Integer or JTokenType.Float => "number",
        JTokenType.Null => "null",
        JTokenType.Object => "mapping",
        JTokenType.Array => "list",
        _ => "string",
    };

    private static Lazy<JsonSchema> SchemaFrom(YamlNode node)
    {
        var json = JsonProjection.Of(node).Root.ToString(Newtonsoft.Json.Formatting.None);
        return new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);
    }
}

/// <summary>A failing value; <see cref="Property"/> names the missing or forbidden property when the schema says which.</summary>
public sealed record SchemaFailure(SourceSpan At, string Key, string JsonPath, string ValueType, ValidationErrorKind Kind, string? Property);

/// <summary>The parts of an object a declarative check can be aimed at.</summary>
public enum CheckTarget
{
    ObjectMetadata,
    WorkloadMetadata,
    PodTemplateMetadata,
    PodSpec,
    Container,
    IstioOperator,
}

public static class CheckTargets
{
    private static readonly Dictionary<string, CheckTarget> ByName = new(StringComparer.Ordinal)
    {
        ["object-metadata"] = CheckTarget.ObjectMetadata,
        ["workload-metadata"] = CheckTarget.WorkloadMetadata,
        ["pod-template-metadata"] = CheckTarget.PodTemplateMetadata,
        ["pod-spec"] = CheckTarget.PodSpec,
        ["container"] = CheckTarget.Container,
        ["istio-operator"] = CheckTarget.IstioOperator,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static CheckTarget? Parse(string name) => ByName.TryGetValue(name, out var target) ? target : null;
}
