using MeshLint.Input;
using MeshLint.Parsing;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace MeshLint.Configuration;

/// <summary>
/// Checks a YAML file that MeshLint itself reads (configuration, user rules) against a schema
/// embedded from <c>rules/schemas/</c>, and says what is wrong at the line where it is wrong.
/// </summary>
internal sealed class YamlSchemaValidator(string schemaResource)
{
    private readonly Lazy<CompiledSchema> schema = new(() => new CompiledSchema(RuleData.Read(schemaResource)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Parses one YAML document; syntax problems and schema failures come back as errors.</summary>
    public (YamlMapping? Root, IReadOnlyList<ConfigurationError> Errors) Read(string path, string text)
    {
        var document = new YamlDocumentReader(text).Documents().FirstOrDefault();
        if (document?.Problems.Count > 0)
        {
            return (null, document.Problems.Select(problem => new ConfigurationError(path, problem.Position, problem.Message)).ToList());
        }

        if (document?.Root is null)
        {
            return (new YamlMapping(SourceSpan.At(SourcePosition.Start), []), []);
        }

        // Reading NJsonSchema's schema costs a one-file run more than the lint itself (60 ms cold), and
        // almost every configuration is valid: the quick check clears those without it.
        if (schema.Value.Quick.Check(document.Root) == QuickVerdict.Valid)
        {
#if DEBUG
            // Every configuration the tests read holds the quick check to NJsonSchema's verdict.
            if (schema.Value.Full.Validate(JsonProjection.Of(document.Root).Root).Count > 0)
            {
                throw new InvalidOperationException($"{path}: the quick schema check passed what {schemaResource} rejects");
            }
#endif
            return (document.Root as YamlMapping, []);
        }

        var projection = JsonProjection.Of(document.Root);
        var leaves = SchemaErrors.Leaves(schema.Value.Full.Validate(projection.Root))
            .Select(error => (Error: error, Token: (error.Token ?? projection.Root) is JProperty property ? property.Value : error.Token ?? projection.Root))
            .ToList();
        var errors = new List<ConfigurationError>();
        foreach (var (error, token) in leaves)
        {
            // Where a value may take one of several forms (anyOf: a string, or a mapping), the form it was
            // written in says what is wrong inside it; "must be a string" beside that would mislead.
            if (IsTypeMismatch(error.Kind) && leaves.Any(other => other.Token != token && other.Token.Path.StartsWith(token.Path + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            var at = (projection.KeyOf(token) ?? projection.Origin(token))?.Start ?? document.Root.Start;
            errors.Add(new ConfigurationError(path, at, Describe(error, token)));
        }

        return errors.Count > 0 ? (null, errors.DistinctBy(error => error.At).ToList()) : (document.Root as YamlMapping, []);
    }

    private static bool IsTypeMismatch(ValidationErrorKind kind) =>
        kind is ValidationErrorKind.StringExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.ObjectExpected;

    private static string Describe(ValidationError error, JToken token)
    {
        var where = token.Path is { Length: > 0 } path ? $"\"{path}\"" : "the file";
        var actual = error.Schema?.ActualSchema;
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var known = error.Schema?.ActualProperties.Keys ?? [];
                var suggestion = error.Property is { } name ? ClosestName.Find(name, known) : null;
                return $"unknown setting \"{error.Property}\"" + (suggestion is null ? $" (known: {string.Join(", ", known)})" : $"; did you mean \"{suggestion}\"?");
            case ValidationErrorKind.PropertyRequired:
                return $"{where} needs \"{error.Property}\"";
            case ValidationErrorKind.NotInEnumeration when actual is not null:
                return $"{where} must be one of {string.Join(", ", actual.Enumeration.OfType<string>())}, not {Shown(token)}";
            case ValidationErrorKind.PatternMismatch when actual?.ExtensionData?.TryGetValue("x-expect", out var hint) == true:
                return $"{where} must be {hint}, not {Shown(token)}";
            case ValidationErrorKind.StringTooShort:
                return $"{where} must not be empty";
            case ValidationErrorKind.TooFewItems or ValidationErrorKind.TooFewProperties:
                return $"{where} must not be empty";
            case ValidationErrorKind.StringExpected:
                return $"{where} must be a string, not {Shown(token)}";
            case ValidationErrorKind.BooleanExpected:
                return $"{where} must be true or false, not {Shown(token)}";
            case ValidationErrorKind.ArrayExpected:
                return $"{where} must be a list, not {Shown(token)}";
            case ValidationErrorKind.ObjectExpected:
                return $"{where} must be a mapping, not {Shown(token)}";
            default:
                return $"{where} is not valid here ({error.Kind})";
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Writes a JToken that MeshLint built from YAML (strings, numbers, booleans, arrays, objects): no converter and no reflected type is involved.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Writes a JToken that MeshLint built from YAML (strings, numbers, booleans, arrays, objects): no converter and no reflected type is involved.")]
    private static string Shown(JToken token) =>
        token.Type is JTokenType.Object or JTokenType.Array ? $"a {SchemaErrors.Describe(token)}" : $"the {SchemaErrors.Describe(token)} {token.ToString(Newtonsoft.Json.Formatting.None)}";
}
