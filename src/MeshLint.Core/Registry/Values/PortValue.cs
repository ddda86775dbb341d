namespace MeshLint.Registry.Values;

/// <summary>
/// <c>port</c>: Istio's parsePort, strconv.ParseUint(strings.TrimSpace(value), 10, 16). The
/// injector trims, but pilot-agent reads <c>status.sidecar.istio.io/port</c> as it stands, so
/// surrounding spaces pass the webhook and fail at run time.
/// </summary>
internal sealed class PortValue : IValueType
{
    public string Name => "port";

    public string Expected(ValueType type) => "a port from 0 to 65535, digits only";

    public ValueProblem? Check(string value, ValueType type, ValueContext context)
    {
        var trimmed = value.Trim();
        if (Problem(trimmed) is { } problem)
        {
            return new ValueProblem(problem);
        }

        return trimmed.Length != value.Length ? new ValueProblem("it has surrounding spaces", PassesInjector: true) : null;
    }

    /// <summary>Why <paramref name="text"/> (already trimmed) is not a port, or null.</summary>
    public static string? Problem(string text) => Digits.Unsigned(text, ushort.MaxValue) switch
    {
        DigitsResult.Ok => null,
        DigitsResult.Empty => "it is empty",
        DigitsResult.TooLarge => "it is above 65535",
        _ when text.Contains('-', StringComparison.Ordinal) && text.IndexOf('-', StringComparison.Ordinal) > 0 => "it is a range; list each port",
        _ => "it is not a port number",
    };
}
