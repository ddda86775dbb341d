namespace MeshLint.Registry;

/// <summary>
/// The check a key's value must pass: one of the names documented in <c>rules/registry/README.md</c>,
/// with its parameters as written in the data (<c>values</c>, <c>allowWildcard</c>, <c>min</c>, ...).
/// </summary>
internal sealed record ValueType(string Name, IReadOnlyDictionary<string, object> Parameters)
{
    public static ValueType AnyString { get; } = new("string", new Dictionary<string, object>());

    public bool Flag(string parameter) => Parameters.GetValueOrDefault(parameter) is true;

    public long? Number(string parameter) => Parameters.GetValueOrDefault(parameter) as long?;

    public string? Text(string parameter) => Parameters.GetValueOrDefault(parameter) as string;

    public IReadOnlyList<string> Words(string parameter) =>
        Parameters.GetValueOrDefault(parameter) as IReadOnlyList<string> ?? [];
}
