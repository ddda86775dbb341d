namespace MeshLint.Registry.Values;

/// <summary><c>uint32</c>: strconv.ParseUint(value, 10, 32), as Istio's validateUInt32: digits only, no sign, no spaces.</summary>
internal sealed class Uint32Value : IValueType
{
    public string Name => "uint32";

    public string Expected(ValueType type) => "a whole number from 0 to 4294967295, digits only";

    public ValueProblem? Check(string value, ValueType type, ValueContext context) =>
        Digits.Unsigned(value, uint.MaxValue) switch
        {
            DigitsResult.Ok => null,
            DigitsResult.Empty => new ValueProblem("it is empty"),
            DigitsResult.TooLarge => new ValueProblem("it is larger than 4294967295"),
            _ => new ValueProblem("it is not made of digits only"),
        };
}
