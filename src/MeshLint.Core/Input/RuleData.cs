namespace MeshLint.Input;

/// <summary>
/// The files of <c>rules/</c> (rule definitions, their docs, the schemas, the key registry), embedded
/// in this assembly under their paths, e.g. <c>rules/schemas/proxy-config.schema.json</c>.
/// </summary>
internal static class RuleData
{
    /// <summary>The embedded paths that start with <paramref name="prefix"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Paths(string prefix) =>
        typeof(RuleData).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The text of an embedded file, or null when there is none of that path.</summary>
    public static string? Find(string path)
    {
        using var stream = typeof(RuleData).Assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The text of an embedded file that must be there: a missing one is a build defect.</summary>
    public static string Read(string path) => Find(path) ?? throw new InvalidOperationException($"{path} is not embedded in MeshLint.Core");
}
