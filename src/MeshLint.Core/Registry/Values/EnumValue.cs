namespace MeshLint.Registry.Values;

/// <summary><c>enum</c>: one of <c>values</c>, compared exactly unless <c>caseSensitive: false</c>.</summary>
internal sealed class EnumValue : IValueType
{
    public string Name => "enum";

    public string Expected(ValueType type) => "one of " + string.Join(", ", type.Words("values"));

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        var comparison = type.Parameters.GetValueOrDefault("caseSensitive") is false ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (type.Words("values").Any(word => string.Equals(word, value, comparison)))
        {
            return null;
        }

        return new ValueProblem(value.Trim() != value && type.Words("values").Any(word => string.Equals(word, value.Trim(), comparison))
            ? "it has surrounding spaces, which are compared too"
            : "it is not one of the accepted words");
    }
}
