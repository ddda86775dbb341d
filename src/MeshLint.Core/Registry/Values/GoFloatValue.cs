using System.Text.RegularExpressions;

namespace MeshLint.Registry.Values;

/// <summary><c>float</c>: Go's strconv.ParseFloat(value, 64): decimal or hexadecimal notation, inf, infinity and nan in any case.</summary>
internal sealed partial class GoFloatValue : IValueType
{
    public string Name => "float";

    public string Expected(ValueType type) => "a number such as 0.9";

    public ValueProblem? Check(string value, ValueType type, ValueContext context) =>
        GoFloat().IsMatch(value) ? null : new ValueProblem("it is not a number");

    // Underscores are allowed only between digits (Go 1.13 literal syntax) and only with a base prefix,
    // which ParseFloat accepts for hexadecimal floats alone.
    [GeneratedRegex(@"\A[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:_?[0-9a-fA-F])+(?:\.(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?[pP][+-]?\d+|0[xX]\.[0-9a-fA-F]+[pP][+-]?\d+|(?i:inf|infinity|nan))\z")]
    private static partial Regex GoFloat();
}
