using System.Globalization;

namespace MeshLint.Registry.Values;

/// <summary><c>integer</c>: strconv.ParseInt(value, 10, 64) (an optional sign, then digits), within <c>min</c> and <c>max</c>.</summary>
internal sealed class IntegerValue : IValueType
{
    public string Name => "integer";

    public string Expected(ValueType type) => (type.Number("min"), type.Number("max")) switch
    {
        ({ } min, { } max) => $"a whole number from {min} to {max}",
        ({ } min, null) => $"a whole number of at least {min}",
        (null, { } max) => $"a whole number of at most {max}",
        _ => "a whole number",
    };

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        switch (Digits.Signed(value, out var number))
        {
            case DigitsResult.Empty:
                return new ValueProblem("it is empty");
            case DigitsResult.NotDigits:
                return new ValueProblem("it is not a whole number");
            case DigitsResult.TooLarge:
                return new ValueProblem("it does not fit in 64 bits");
        }

        if (type.Number("min") is { } min && number < min)
        {
            return new ValueProblem("it is below " + min.ToString(CultureInfo.InvariantCulture));
        }

        return type.Number("max") is { } max && number > max ? new ValueProblem("it is above " + max.ToString(CultureInfo.InvariantCulture)) : null;
    }
}
