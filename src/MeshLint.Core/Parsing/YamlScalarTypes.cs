using System.Globalization;

namespace MeshLint.Parsing;

public enum ScalarType
{
    String,
    Bool,
    Int,
    Float,
    Null,
}

/// <summary>
/// Resolves plain scalars the way Kubernetes reads manifests: sigs.k8s.io/yaml uses a fork of
/// go-yaml v2, which follows YAML 1.1, so <c>yes</c>, <c>on</c>, <c>y</c> are booleans and
/// <c>0x1F</c> is an integer. Quoted and block scalars are always strings.
/// </summary>
internal static class YamlScalarTypes
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    };

    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> SpecialFloats = new(StringComparer.Ordinal)
    {
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    };

    public static ScalarType Resolve(YamlScalar scalar)
    {
        if (scalar.Tag is { } tag)
        {
            return tag switch
            {
                "tag:yaml.org,2002:str" or "!!str" => ScalarType.String,
                "tag:yaml.org,2002:bool" or "!!bool" => ScalarType.Bool,
                "tag:yaml.org,2002:int" or "!!int" => ScalarType.Int,
                "tag:yaml.org,2002:float" or "!!float" => ScalarType.Float,
                "tag:yaml.org,2002:null" or "!!null" => ScalarType.Null,
                _ => scalar.IsPlain ? ResolvePlain(scalar.Value) : ScalarType.String,
            };
        }

        return scalar.IsPlain ? ResolvePlain(scalar.Value) : ScalarType.String;
    }

    public static ScalarType ResolvePlain(string text)
    {
        if (NullWords.Contains(text))
        {
            return ScalarType.Null;
        }

        if (TrueWords.Contains(text) || FalseWords.Contains(text))
        {
            return ScalarType.Bool;
        }

        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.'))
        {
            return ScalarType.String;
        }

        if (IsInteger(text))
        {
            return ScalarType.Int;
        }

        if (SpecialFloats.Contains(text) || IsFloat(text))
        {
            return ScalarType.Float;
        }

        return ScalarType.String;
    }

    /// <summary>True for the YAML 1.1 boolean words that mean true.</summary>
    public static bool IsTrueWord(string text) => TrueWords.Contains(text);

    public static bool IsFalseWord(string text) => FalseWords.Contains(text);

    // go-yaml v2 strips underscores and hands the rest to strconv.ParseInt(s, 0, 64), which takes
    // an optional sign and the 0x, 0o, 0b or leading-0 (octal) prefixes; it also reads 0b binary.
    private static bool IsInteger(string text)
    {
        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var span = plain.AsSpan();
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        if (span.Length > 2 && span[0] == '0' && span[1] is 'x' or 'X')
        {
            return IsAll(span[2..], static c => char.IsAsciiHexDigit(c));
        }

        if (span.Length > 2 && span[0] == '0' && span[1] is 'b' or 'B')
        {
            return IsAll(span[2..], static c => c is '0' or '1');
        }

        if (span.Length > 2 && span[0] == '0' && span[1] is 'o' or 'O')
        {
            return IsAll(span[2..], static c => c is >= '0' and <= '7');
        }

        if (span.Length > 1 && span[0] == '0')
        {
            return IsAll(span[1..], static c => c is >= '0' and <= '7');
        }

        return IsAll(span, char.IsAsciiDigit);
    }

    private static bool IsFloat(string text)
    {
        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (plain.Length == 0 || plain.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+')))
        {
            return false;
        }

        return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static bool IsAll(ReadOnlySpan<char> span, Func<char, bool> test)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!test(c))
            {
                return false;
            }
        }

        return true;
    }
}
