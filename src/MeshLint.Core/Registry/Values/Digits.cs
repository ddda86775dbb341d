namespace MeshLint.Registry.Values;

internal enum DigitsResult
{
    Ok,
    Empty,
    NotDigits,
    TooLarge,
}

/// <summary>Go's base-10 integer parsing (strconv.ParseUint / ParseInt with base 10): ASCII digits, no underscores, no spaces.</summary>
internal static class Digits
{
    public static DigitsResult Unsigned(string text, ulong max) => Unsigned(text, max, out _);

    public static DigitsResult Unsigned(string text, ulong max, out ulong number)
    {
        number = 0;
        if (text.Length == 0)
        {
            return DigitsResult.Empty;
        }

        var overflow = false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return DigitsResult.NotDigits;
            }

            if (!overflow)
            {
                var digit = (ulong)(c - '0');
                if (number > (max - digit) / 10)
                {
                    overflow = true;
                }
                else
                {
                    number = (number * 10) + digit;
                }
            }
        }

        return overflow ? DigitsResult.TooLarge : DigitsResult.Ok;
    }

    /// <summary>strconv.ParseInt(text, 10, 64): an optional sign, then digits.</summary>
    public static DigitsResult Signed(string text, out long number)
    {
        number = 0;
        var negative = text.StartsWith('-');
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        var result = Unsigned(body, negative ? (ulong)long.MaxValue + 1 : long.MaxValue, out var magnitude);
        if (result == DigitsResult.Empty && body.Length < text.Length)
        {
            return DigitsResult.NotDigits;
        }

        if (result == DigitsResult.Ok)
        {
            number = unchecked(negative ? -(long)magnitude : (long)magnitude);
        }

        return result;
    }
}
