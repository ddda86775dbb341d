using MeshLint.Parsing;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace MeshLint.Rules;

/// <summary>
/// A check that needs no code: a JSON Schema that a part of each object (its target) must satisfy,
/// in the manner of Polaris. Findings point at the key of the deepest value that fails.
/// </summary>
public sealed class SchemaCheck
{
    private readonly CompiledSchema require;
    private readonly CompiledSchema? when;

    private SchemaCheck(IReadOnlyList<CheckTarget> targets, CompiledSchema require, CompiledSchema? when, string messageKey, bool injectedOnly, SchemaFix fix)
    {
        Fix = fix;
        Targets = targets;
        this.require = require;
        this.when = when;
        MessageKey = messageKey;
        InjectedOnly = injectedOnly;
        relevantKeys = when is null ? require.RelevantKeys
            : require.RelevantKeys is null || when.RelevantKeys is null ? null
            : require.RelevantKeys.Union(when.RelevantKeys).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<CheckTarget> Targets { get; }

    /// <summary>Checks only pods that get an istio-proxy sidecar (as <c>SidecarInjection</c> decides).</summary>
    public bool InjectedOnly { get; }

    public string MessageKey { get; }

    /// <summary>The fix each failing value gets (<c>fix:</c>), or none.</summary>
    public SchemaFix Fix { get; }

    /// <summary>The only top-level keys the schemas look at, or null for all.</summary>
    private readonly IReadOnlySet<string>? relevantKeys;

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
        var fix = node.Scalar("fix") is { } fixName
            ? SchemaFixes.Parse(fixName.Value) ?? throw new InvalidDataException($"{source}:{fixName.Start.Line}: unknown check fix '{fixName.Value}' (known: {string.Join(", ", SchemaFixes.Names)})")
            : SchemaFix.None;
        return new SchemaCheck(targets, SchemaFrom(requireNode), node["when"] is { } whenNode ? SchemaFrom(whenNode) : null, node.Text("message") ?? "default", injectedOnly, fix);
    }

    /// <summary>Reads the schemas now rather than on first use, so a broken user rule fails before any file is linted.</summary>
    public void Compile()
    {
        _ = require.Full;
        _ = require.Quick;
        _ = when?.Full;
        _ = when?.Quick;
    }

    /// <summary>The failing values of a target, each with the key it sits under (or the value itself at the top).</summary>
    public IEnumerable<SchemaFailure> Failures(YamlNode target)
    {
        // Most values pass: the quick check clears them without NJsonSchema or a JSON conversion.
        if ((when is null || Quick(when, target) == QuickVerdict.Valid) && Quick(require, target) == QuickVerdict.Valid)
        {
            yield break;
        }

        var projection = JsonProjection.Of(target, relevantKeys);
        if (when is not null && when.Full.Validate(projection.Root).Count > 0)
        {
            yield break;
        }

        var seen = new HashSet<JToken>(ReferenceEqualityComparer.Instance);
        foreach (var error in SchemaErrors.Leaves(require.Full.Validate(projection.Root)))
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
            yield return new SchemaFailure(at, key?.Value ?? string.Empty, token.Path, SchemaErrors.Describe(token), error.Kind, error.Property) { Node = projection.Origin(token) };
        }
    }

    private QuickVerdict Quick(CompiledSchema schema, YamlNode target) =>
        target is YamlMapping mapping ? schema.Quick.Check(mapping, relevantKeys) : schema.Quick.Check(target);

    private static CompiledSchema SchemaFrom(YamlNode node) => new(YamlJsonWriter.ToJson(node));
}

/// <summary>A failing value; <see cref="Property"/> names the missing or forbidden property when the schema says which.</summary>
public sealed record SchemaFailure(SourceSpan At, string Key, string JsonPath, string ValueType, ValidationErrorKind Kind, string? Property)
{
    /// <summary>The failing value itself, for a fix.</summary>
    public YamlNode? Node { get; init; }
}

/// <summary>
/// The fixes a check written as data can declare (<c>check.fix</c>): each is a small piece of code
/// any data rule may name, so a rule stays data and still gets a fix.
/// </summary>
public enum SchemaFix
{
    None,

    /// <summary>Quote a plain boolean or number so that it reads as the same text, a string (safe).</summary>
    QuoteValue,
}

internal static class SchemaFixes
{
    private static readonly Dictionary<string, SchemaFix> ByName = new(StringComparer.Ordinal) { ["quote-value"] = SchemaFix.QuoteValue };

    public static IEnumerable<string> Names => ByName.Keys;

    public static SchemaFix? Parse(string name) => ByName.TryGetValue(name, out var fix) ? fix : null;
}

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

internal static class CheckTargets
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
