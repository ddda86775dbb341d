namespace MeshLint.Registry.Values;

/// <summary>
/// <c>log-level</c>: a comma-separated list whose items are a level from <c>levels</c> or
/// <c>name:level</c>, as <c>component</c> allows (<c>forbidden</c>: one level only; <c>allowed</c>:
/// both; <c>required</c>: pairs only). An empty value leaves the default. <c>caseSensitive: false</c>
/// compares levels ignoring case.
/// </summary>
internal sealed class LogLevelValue : IValueType
{
    public string Name => "log-level";

    public string Expected(ValueType type)
    {
        var levels = string.Join(", ", type.Words("levels"));
        return type.Text("component") switch
        {
            "required" => $"name:level pairs separated by commas, a level being one of {levels}",
            "allowed" => $"a level or name:level pairs separated by commas, a level being one of {levels}",
            _ => $"one of {levels}",
        };
    }

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var component = type.Text("component") ?? "forbidden";
        var comparison = type.Parameters.GetValueOrDefault("caseSensitive") is false ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var items = component == "forbidden" ? [value] : value.Split(',');
        foreach (var item in items)
        {
            if (item.Length == 0)
            {
                return new ValueProblem("it has an empty item");
            }

            var parts = item.Split(':');
            if (parts.Length > 2 || (parts.Length == 2 && component == "forbidden"))
            {
                return new ValueProblem($"\"{item}\" is not a level");
            }

            if (parts.Length == 1 && component == "required")
            {
                return new ValueProblem($"\"{item}\" names no component (write name:level)");
            }

            var level = parts[^1];
            if (!type.Words("levels").Any(known => string.Equals(known, level, comparison)))
            {
                return new ValueProblem($"\"{level}\" is not a level");
            }
        }

        return null;
    }
}
