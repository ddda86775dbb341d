namespace MeshLint.Registry.Values;

/// <summary>
/// <c>quantity</c>: a Kubernetes resource quantity as k8s.io/apimachinery resource.ParseQuantity
/// reads it (no trimming), after Istio's check for control characters:
/// <code>
/// quantity ::= [sign] number suffix
/// number   ::= digits | digits "." [digits] | "." digits   (a lone sign or "." reads as 0, as in Go)
/// suffix   ::= "" | n | u | m | k | M | G | T | P | E | Ki | Mi | Gi | Ti | Pi | Ei | (e | E) [sign] digits
/// </code>
/// </summary>
internal sealed class QuantityValue : IValueType
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        string.Empty, "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
    };

    public string Name => "quantity";

    public string Expected(ValueType type) => "a Kubernetes quantity such as 100m, 0.5, 128Mi or 1G";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (value.Any(char.IsControl))
        {
            return new ValueProblem("it contains a control character");
        }

        return Problem(value) is { } problem ? new ValueProblem(problem) : null;
    }

    /// <summary>Why ParseQuantity refuses <paramref name="text"/>, or null when it reads it.</summary>
    public static string? Problem(string text)
    {
        if (text.Length == 0)
        {
            return "it is empty";
        }

        var pos = text[0] is '+' or '-' ? 1 : 0;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        // ParseQuantity takes letters from "eEinumkKMGTP", then an optional sign and digits, as the suffix.
        var suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length)
        {
            return char.IsWhiteSpace(text[pos]) ? "it contains a space" : $"\"{text[pos]}\" cannot stand there";
        }

        var suffix = text[suffixStart..];
        if (Suffixes.Contains(suffix))
        {
            return null;
        }

        return suffix.Length > 1 && suffix[0] is 'e' or 'E' && Digits.Signed(suffix[1..], out _) == DigitsResult.Ok
            ? null
            : $"\"{suffix}\" is not a unit (use m, k, M, G, Ki, Mi, Gi, ... or an exponent such as e3)";
    }
}
