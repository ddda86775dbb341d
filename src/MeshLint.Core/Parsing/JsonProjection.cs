using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace MeshLint.Parsing;

/// <summary>
/// The JSON that Kubernetes (and Istio, for annotation values) would make of a YAML node:
/// sigs.k8s.io/yaml converts YAML 1.1 to JSON before anything is decoded. Each JSON token
/// remembers the YAML node it came from, so a schema failure can be reported at a real line.
/// </summary>
internal sealed class JsonProjection
{
    /// <summary>Aliases can make a small file describe a huge tree; past this many nodes we stop.</summary>
    public const int MaxNodes = 200_000;

    private readonly Dictionary<JToken, YamlNode> origins = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JToken, YamlScalar> keys = new(ReferenceEqualityComparer.Instance);
    private int budget = MaxNodes;

    private JsonProjection()
    {
    }

    public JToken Root { get; private set; } = JValue.CreateNull();

    /// <summary>True when the node expanded (through aliases) beyond <see cref="MaxNodes"/>; <see cref="Root"/> is then partial.</summary>
    public bool Truncated { get; private set; }

    public static JsonProjection Of(YamlNode node) => Of(node, null);

    /// <summary>
    /// Projects a node; for a mapping, only the top-level keys in <paramref name="onlyKeys"/> when
    /// given (the others are left out, not converted).
    /// </summary>
    public static JsonProjection Of(YamlNode node, IReadOnlySet<string>? onlyKeys)
    {
        var projection = new JsonProjection();
        if (onlyKeys is not null && node is YamlMapping mapping)
        {
            var obj = new JObject();
            foreach (var entry in mapping.Entries)
            {
                if (onlyKeys.Contains(entry.Key.Value))
                {
                    projection.AddProperty(obj, entry, 0);
                }
            }

            projection.origins[obj] = node;
            projection.Root = obj;
            return projection;
        }

        projection.Root = projection.Convert(node, 0);
        return projection;
    }

    private void AddProperty(JObject obj, YamlEntry entry, int depth)
    {
        var value = Convert(entry.Value, depth + 1);
        obj[entry.Key.Value] = value;
        var property = obj.Property(entry.Key.Value, StringComparison.Ordinal)!;
        keys[property] = entry.Key;
        keys[property.Value] = entry.Key;
    }

    /// <summary>The YAML node a token came from.</summary>
    public YamlNode? Origin(JToken token) => origins.GetValueOrDefault(token);

    /// <summary>The key under which a token sits in its mapping, if any: where findings about it point.</summary>
    public YamlScalar? KeyOf(JToken token) => keys.GetValueOrDefault(token);

    /// <summary>JSON value of a scalar as go-yaml v2 resolves it.</summary>
    public static JToken ScalarValue(YamlScalar scalar)
    {
        switch (scalar.Type)
        {
            case ScalarType.Null:
                return JValue.CreateNull();
            case ScalarType.Bool:
                return new JValue(YamlScalarTypes.IsTrueWord(scalar.Value));
            case ScalarType.Int:
                return ParseInteger(scalar.Value) is { } integer ? new JValue(integer) : JValue.CreateString(scalar.Value);
            case ScalarType.Float:
                return double.TryParse(scalar.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new JValue(number)
                    : new JValue(SpecialFloat(scalar.Value));
            default:
                return JValue.CreateString(scalar.Value);
        }
    }

    private JToken Convert(YamlNode node, int depth)
    {
        if (--budget < 0 || depth > YamlDocumentReader.MaxDepth)
        {
            Truncated = true;
            return JValue.CreateNull();
        }

        JToken token;
        switch (node)
        {
            case YamlMapping mapping:
                var obj = new JObject();
                foreach (var entry in mapping.Entries)
                {
                    AddProperty(obj, entry, depth);
                    if (Truncated)
                    {
                        break;
                    }
                }

                token = obj;
                break;
            case YamlSequence sequence:
                var array = new JArray();
                foreach (var item in sequence.Items)
                {
                    array.Add(Convert(item, depth + 1));
                    if (Truncated)
                    {
                        break;
                    }
                }

                token = array;
                break;
            case YamlScalar scalar:
                token = ScalarValue(scalar);
                break;
            default:
                token = JValue.CreateNull();
                break;
        }

        origins[token] = node;
        return token;
    }

    private static object? ParseInteger(string text)
    {
        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = plain.StartsWith('-');
        var digits = plain.TrimStart('-', '+');
        BigInteger value;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!BigInteger.TryParse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase) || digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) || (digits.Length > 1 && digits[0] == '0'))
        {
            var radix = char.ToLowerInvariant(digits.Length > 1 ? digits[1] : '0') == 'b' ? 2 : 8;
            var body = digits.Length > 1 && char.IsAsciiLetter(digits[1]) ? digits[2..] : digits[1..];
            value = BigInteger.Zero;
            foreach (var c in body)
            {
                value = (value * radix) + (c - '0');
            }
        }
        else if (!BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : (double)value;
    }

    private static double SpecialFloat(string text) => text.ToLowerInvariant() switch
    {
        ".nan" => double.NaN,
        "-.inf" => double.NegativeInfinity,
        _ => double.PositiveInfinity,
    };
}
