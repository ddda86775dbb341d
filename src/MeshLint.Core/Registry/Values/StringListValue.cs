namespace MeshLint.Registry.Values;

/// <summary><c>string-list</c>: comma-separated items, each trimmed and, when <c>values</c> is given, one of them.</summary>
internal sealed class StringListValue : IValueType
{
    public string Name => "string-list";

    public string Expected(ValueType type) =>
        type.Words("values") is { Count: > 0 } values ? "a comma-separated list of " + string.Join(", ", values) : "a comma-separated list";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        var values = type.Words("values");
        if (values.Count == 0 || value.Length == 0)
        {
            return null;
        }

        foreach (var item in value.Split(','))
        {
            if (!values.Contains(item.Trim(), StringComparer.Ordinal))
            {
                return new ValueProblem($"\"{item.Trim()}\" is not one of them");
            }
        }

        return null;
    }
}
