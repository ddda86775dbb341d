namespace MeshLint.Registry.Values;

/// <summary>
/// <c>port-list</c>: Istio's parsePorts. The whole value is trimmed, an empty value is an empty list,
/// and each comma-separated item is trimmed and read as a port; a lone <c>*</c> passes when
/// <c>allowWildcard</c>. Ranges, signs and empty items fail.
/// </summary>
internal sealed class PortListValue : IValueType
{
    public string Name => "port-list";

    public string Expected(ValueType type) =>
        (type.Flag("allowWildcard") ? "*, or " : string.Empty) + "ports from 0 to 65535 separated by commas, such as 8080,9090";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (type.Flag("allowWildcard") && value == "*")
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        foreach (var item in trimmed.Split(','))
        {
            if (item.Trim() == "*")
            {
                return new ValueProblem(type.Flag("allowWildcard") ? "\"*\" is allowed only as the whole value" : "\"*\" is not allowed here");
            }

            if (PortValue.Problem(item.Trim()) is { } problem)
            {
                return new ValueProblem(item.Trim().Length == 0 ? "it has an empty item" : $"\"{item.Trim()}\": {problem}");
            }
        }

        return null;
    }
}
