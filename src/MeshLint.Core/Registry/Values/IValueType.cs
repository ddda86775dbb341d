namespace MeshLint.Registry.Values;

/// <summary>
/// One value type of the registry vocabulary (<c>rules/registry/README.md</c>): a small check that
/// its parameters configure, so a key's data names a type and adding a key needs no code.
/// </summary>
internal interface IValueType
{
    /// <summary>The name the registry data uses, e.g. <c>port-list</c>.</summary>
    string Name { get; }

    /// <summary>What passes, for a message's fix, e.g. <c>a port from 0 to 65535</c>.</summary>
    string Expected(ValueType type);

    /// <summary>Null when <paramref name="value"/> passes, else what is wrong with it.</summary>
    ValueProblem? Check(string value, ValueType type, ValueContext context);
}

/// <summary>
/// Why a value fails its type. <see cref="PassesInjector"/> marks a value that the injector's own
/// validation lets through although a later reader (pilot-agent, Envoy) misreads it.
/// </summary>
internal sealed record ValueProblem(string Reason, bool PassesInjector = false);

/// <summary>The other keys of the same metadata, for types whose check depends on a sibling (a multiple of another interval).</summary>
internal sealed record ValueContext(Func<string, string?> Sibling)
{
    public static ValueContext None { get; } = new(_ => null);
}
