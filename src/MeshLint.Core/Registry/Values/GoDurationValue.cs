using System.Globalization;

namespace MeshLint.Registry.Values;

/// <summary>
/// <c>go-duration</c>: Go's time.ParseDuration, numbers each with a unit (ns, us, µs, ms, s, m, h),
/// such as 300ms or 1h5m; 0 alone needs no unit. <c>allowBareSeconds</c> also admits a plain number
/// of seconds. <c>multipleOf</c> names a sibling key whose duration (else <c>multipleOfDefault</c>)
/// this one must be a whole multiple of, as Envoy's stats eviction must be of the flush interval.
/// </summary>
internal sealed class GoDurationValue : IValueType
{
    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("\u00b5s", 1_000m), ("\u03bcs", 1_000m), ("ms", 1_000_000m), ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    public string Name => "go-duration";

    public string Expected(ValueType type) =>
        "a Go duration such as 30s, 1m30s or 500ms" + (type.Flag("allowBareSeconds") ? ", or a number of seconds" : string.Empty)
        + (type.Text("multipleOf") is { } other ? $", a whole multiple of {other} (default {type.Text("multipleOfDefault") ?? "unset"})" : string.Empty);

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (type.Flag("allowBareSeconds") && Digits.Unsigned(value, ulong.MaxValue) == DigitsResult.Ok)
        {
            return null;
        }

        if (Parse(value) is not { } nanoseconds)
        {
            return new ValueProblem(value.Length == 0 ? "it is empty" : "it is not a Go duration (each number needs a unit: ns, us, ms, s, m or h)");
        }

        if (type.Text("multipleOf") is { } otherKey)
        {
            // pilot-agent falls back to the default flush interval when the sibling is absent or unreadable.
            var written = context.Sibling(otherKey);
            var fallback = type.Text("multipleOfDefault") ?? string.Empty;
            var (step, named) = written is not null && Parse(written) is { } own
                ? (own, $"{otherKey} ({written})")
                : (Parse(fallback) ?? 0m, $"{otherKey}, which defaults to {fallback}");

            // Istio compares whole microseconds.
            var micro = Math.Truncate(step / 1000m);
            if (micro > 0 && Math.Truncate(nanoseconds / 1000m) % micro != 0)
            {
                return new ValueProblem($"it is not a whole multiple of {named}");
            }
        }

        return null;
    }

    /// <summary>The duration in nanoseconds, or null when ParseDuration refuses the text.</summary>
    public static decimal? Parse(string text)
    {
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0m;
        }

        if (s.Length == 0)
        {
            return null;
        }

        var total = 0m;
        while (s.Length > 0)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            var number = s[..digits];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            s = s[digits..];
            var unit = Units.Where(candidate => s.StartsWith(candidate.Unit, StringComparison.Ordinal)).OrderByDescending(candidate => candidate.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return null;
            }

            total += amount * unit.Nanoseconds;
            s = s[unit.Unit.Length..];
        }

        return negative ? -total : total;
    }
}
