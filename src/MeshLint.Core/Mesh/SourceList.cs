namespace MeshLint.Mesh;

/// <summary>
/// A list of sources inside a message, cut to its first few: a repository such as Istio's has dozens
/// of control planes as near as each other, and a message that names them all is no longer read.
/// The full list stays where a tool reads it (SARIF's related locations, <c>meshlint context</c>'s JSON).
/// </summary>
internal static class SourceList
{
    /// <summary>How many sources a message names before "and N more".</summary>
    public const int Shown = 3;

    /// <summary>The first <see cref="Shown"/> items joined with <paramref name="separator"/>, then how many more there are.</summary>
    public static string Join(string separator, IEnumerable<string> items)
    {
        var list = items as IReadOnlyList<string> ?? items.ToList();
        return list.Count <= Shown + 1
            ? string.Join(separator, list)
            : $"{string.Join(separator, list.Take(Shown))} and {list.Count - Shown} more";
    }
}
