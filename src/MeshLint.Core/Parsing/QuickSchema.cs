using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeshLint.Parsing;

namespace MeshLint.Parsing;

/// <summary>What <see cref="QuickSchema"/> can say of a value.</summary>
internal enum QuickVerdict
{
    /// <summary>The value certainly satisfies the schema.</summary>
    Valid,

    /// <summary>Not certain: NJsonSchema decides (and explains).</summary>
    Unknown,
}

/// <summary>
/// A fast, sound pre-check for the JSON Schemas in rules/: it reads a YAML node directly (with
/// Kubernetes' YAML 1.1 typing) and answers <see cref="QuickVerdict.Valid"/> only when the value
/// certainly satisfies the schema. Anything it is unsure of (a failure, a keyword it does not
/// know, a number that might be read differently) is <see cref="QuickVerdict.Unknown"/>, and
/// NJsonSchema, which stays the authority for every finding, validates the value. Clean manifests,
/// the common case, then never pay for loading NJsonSchema (about half a second of start-up) or
/// for converting the value to Newtonsoft tokens.
/// </summary>
internal sealed class QuickSchema
{
    private const int MaxDepth = 128;

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "description", "title", "deprecated", "$schema", "$id", "$comment", "definitions", "$defs", "default", "examples", "readOnly", "writeOnly", "format",
    };

    private readonly JsonElement root;
    private readonly bool nullMeansAbsent;
    private readonly Dictionary<string, Regex> patterns = new(StringComparer.Ordinal);
    private readonly Lock patternLock = new();

    private QuickSchema(JsonElement root, bool nullMeansAbsent)
    {
        this.root = root;
        this.nullMeansAbsent = nullMeansAbsent;
    }

    /// <param name="root">The schema, already read.</param>
    /// <param name="nullMeansAbsent">Treat a property whose value is null as not there (Istio's reading of ProxyConfig).</param>
    public static QuickSchema From(JsonElement root, bool nullMeansAbsent = false) => new(root, nullMeansAbsent);

    public QuickVerdict Check(YamlNode value) => Holds(root, value, 0) ? QuickVerdict.Valid : QuickVerdict.Unknown;

    /// <summary>Checks a mapping as if it held only the given top-level keys.</summary>
    public QuickVerdict Check(YamlMapping value, IReadOnlySet<string>? onlyKeys) =>
        onlyKeys is null ? Check(value) : Holds(root, value, 0, onlyKeys) ? QuickVerdict.Valid : QuickVerdict.Unknown;

    private bool Holds(JsonElement schema, YamlNode value, int depth, IReadOnlySet<string>? onlyKeys = null)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var ok = keyword.Name switch
            {
                "$ref" => Resolve(keyword.Value) is { } target && Holds(target, value, depth + 1, onlyKeys),
                "type" => HasType(keyword.Value, value),
                "properties" => PropertiesHold(keyword.Value, value, depth, onlyKeys),
                "additionalProperties" or "patternProperties" => ExtraPropertiesHold(schema, value, depth, onlyKeys),
                "items" => ItemsHold(keyword.Value, value, depth),
                "enum" => InEnum(keyword.Value, value),
                "pattern" => value is not YamlScalar scalar || ScalarKind(scalar) != JsonValueKind.String || Pattern(keyword.Value.GetString()!).IsMatch(scalar.Value),
                "minimum" => NumberHolds(value, n => n >= keyword.Value.GetDouble()),
                "maximum" => NumberHolds(value, n => n <= keyword.Value.GetDouble()),
                "required" => value is not YamlMapping map || keyword.Value.EnumerateArray().All(name => Present(map, name.GetString()!, onlyKeys)),
                "not" => false,
                "anyOf" => keyword.Value.EnumerateArray().Any(option => Holds(option, value, depth + 1, onlyKeys)),
                "allOf" => keyword.Value.EnumerateArray().All(option => Holds(option, value, depth + 1, onlyKeys)),
                _ => Annotations.Contains(keyword.Name) || keyword.Name.StartsWith("x-", StringComparison.Ordinal),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private JsonElement? Resolve(JsonElement reference)
    {
        var path = reference.GetString();
        if (path is null || !path.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = root;
        foreach (var part in path[2..].Split('/'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out node))
            {
                return null;
            }
        }

        return node;
    }

    private bool PropertiesHold(JsonElement properties, YamlNode value, int depth, IReadOnlySet<string>? onlyKeys)
    {
        if (value is not YamlMapping map)
        {
            return true;
        }

        foreach (var entry in map.Entries)
        {
            if (Counts(entry, onlyKeys) && properties.TryGetProperty(entry.Key.Value, out var schema) && !Holds(schema, entry.Value, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    // additionalProperties and patternProperties are judged together: a key is "additional" only
    // when neither properties nor any pattern names it.
    private bool ExtraPropertiesHold(JsonElement schema, YamlNode value, int depth, IReadOnlySet<string>? onlyKeys)
    {
        if (value is not YamlMapping map)
        {
            return true;
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasPatterns = schema.TryGetProperty("patternProperties", out var patternSchemas);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var entry in map.Entries)
        {
            if (!Counts(entry, onlyKeys))
            {
                continue;
            }

            var named = hasProperties && properties.TryGetProperty(entry.Key.Value, out _);
            var matched = false;
            if (hasPatterns)
            {
                foreach (var pattern in patternSchemas.EnumerateObject())
                {
                    if (Pattern(pattern.Name).IsMatch(entry.Key.Value))
                    {
                        matched = true;
                        if (!Holds(pattern.Value, entry.Value, depth + 1))
                        {
                            return false;
                        }
                    }
                }
            }

            if (!named && !matched && hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False || (additional.ValueKind == JsonValueKind.Object && !Holds(additional, entry.Value, depth + 1)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool ItemsHold(JsonElement items, YamlNode value, int depth) =>
        value is not YamlSequence sequence || (items.ValueKind == JsonValueKind.Object && sequence.Items.All(item => Holds(items, item, depth + 1)));

    private bool Counts(YamlEntry entry, IReadOnlySet<string>? onlyKeys) =>
        (onlyKeys is null || onlyKeys.Contains(entry.Key.Value)) && !(nullMeansAbsent && entry.Value is YamlScalar { Type: ScalarType.Null });

    private bool Present(YamlMapping map, string name, IReadOnlySet<string>? onlyKeys) =>
        map.Entry(name) is { } entry && Counts(entry, onlyKeys);

    private static bool HasType(JsonElement type, YamlNode value)
    {
        var kind = Kind(value);
        return type.ValueKind switch
        {
            JsonValueKind.String => TypeAccepts(type.GetString()!, value, kind),
            JsonValueKind.Array => type.EnumerateArray().Any(option => option.ValueKind == JsonValueKind.String && TypeAccepts(option.GetString()!, value, kind)),
            _ => false,
        };
    }

    private static bool TypeAccepts(string type, YamlNode value, JsonValueKind kind) => type switch
    {
        "object" => kind == JsonValueKind.Object,
        "array" => kind == JsonValueKind.Array,
        "string" => kind == JsonValueKind.String,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "null" => kind == JsonValueKind.Null,
        "integer" => value is YamlScalar { Type: ScalarType.Int } scalar && IsPlainDecimal(scalar.Value),
        "number" => value is YamlScalar { Type: ScalarType.Int or ScalarType.Float } scalar && IsPlainDecimal(scalar.Value),
        _ => false,
    };

    // Hex, octal, underscores and exponents are read differently by different readers: leave them to NJsonSchema.
    private static bool IsPlainDecimal(string text) =>
        text.Length > 0 && text.TrimStart('-', '+').All(c => char.IsAsciiDigit(c) || c == '.') && !(text.TrimStart('-', '+').Length > 1 && text.TrimStart('-', '+')[0] == '0' && !text.Contains('.'));

    private static bool NumberHolds(YamlNode value, Func<double, bool> test)
    {
        if (value is not YamlScalar scalar || scalar.Type is not (ScalarType.Int or ScalarType.Float))
        {
            return value is not YamlScalar || Kind(value) != JsonValueKind.Number;
        }

        return IsPlainDecimal(scalar.Value) && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && test(number);
    }

    private static bool InEnum(JsonElement options, YamlNode value)
    {
        if (value is not YamlScalar scalar || ScalarKind(scalar) != JsonValueKind.String)
        {
            return false;
        }

        return options.EnumerateArray().Any(option => option.ValueKind == JsonValueKind.String && option.GetString() == scalar.Value);
    }

    private static JsonValueKind Kind(YamlNode value) => value switch
    {
        YamlMapping => JsonValueKind.Object,
        YamlSequence => JsonValueKind.Array,
        YamlScalar scalar => ScalarKind(scalar),
        _ => JsonValueKind.Undefined,
    };

    private static JsonValueKind ScalarKind(YamlScalar scalar) => scalar.Type switch
    {
        ScalarType.Null => JsonValueKind.Null,
        ScalarType.Bool => YamlScalarTypes.IsTrueWord(scalar.Value) ? JsonValueKind.True : JsonValueKind.False,
        ScalarType.Int or ScalarType.Float => JsonValueKind.Number,
        _ => JsonValueKind.String,
    };

    private Regex Pattern(string pattern)
    {
        lock (patternLock)
        {
            if (!patterns.TryGetValue(pattern, out var regex))
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                patterns[pattern] = regex;
            }

            return regex;
        }
    }
}
