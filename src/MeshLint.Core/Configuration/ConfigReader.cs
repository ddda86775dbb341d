using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Configuration;

/// <summary>Finds and reads <c>.meshlint.yaml</c> (or <c>.meshlint.yml</c>); every problem is a <see cref="ConfigurationError"/> with its line.</summary>
internal static class ConfigReader
{
    private static readonly YamlSchemaValidator Validator = new("rules/schemas/meshlint-config.schema.json");

    /// <summary>
    /// The configuration that applies to a scan started in <paramref name="startDirectory"/>: the
    /// nearest <c>.meshlint.yaml</c> or <c>.meshlint.yml</c> in it or a parent folder, stopping at the
    /// repository root (the folder with <c>.git</c>, a directory or, in a worktree, a file). Both in
    /// one folder is an error naming both (paths shown relative to <paramref name="workingDirectory"/>):
    /// picking one would silently ignore settings someone wrote in the other.
    /// </summary>
    public static (string? Path, string? Error) Find(string startDirectory, string workingDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var yaml = Path.Combine(directory.FullName, MeshLintConfig.FileName);
            var yml = Path.Combine(directory.FullName, MeshLintConfig.ShortFileName);
            switch (File.Exists(yaml), File.Exists(yml))
            {
                case (true, true):
                    return (null, $"{FileDiscovery.DisplayPath(yaml, workingDirectory)} and {FileDiscovery.DisplayPath(yml, workingDirectory)} are both configuration files for this folder; keep one, or name one with --config");
                case (true, false):
                    return (yaml, null);
                case (false, true):
                    return (yml, null);
            }

            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return (null, null);
            }
        }

        return (null, null);
    }

    public static (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) Load(string fullPath, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, [new ConfigurationError(displayPath, SourcePosition.Start, "cannot read the configuration: " + exception.Message)]);
        }

        var (config, errors) = Read(displayPath, text, Path.GetDirectoryName(fullPath)!);
        return (config is null ? null : config with { SourcePath = fullPath }, errors);
    }

    public static (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) Read(string path, string text, string baseDirectory)
    {
        var (root, errors) = Validator.Read(path, text);
        if (root is null)
        {
            return (null, errors);
        }

        var mesh = root.Mapping("mesh");
        var assumptions = new MeshAssumptions
        {
            Mode = mesh?.Text("mode") == "managed" ? MeshMode.Managed : MeshMode.InCluster,
            AssumeInjection = Bool(mesh?.Scalar("assumeInjection")) ?? true,
            NativeSidecars = Bool(mesh?.Scalar("nativeSidecars")) ?? false,
            Cni = Bool(mesh?.Scalar("cni")),
        };

        var rules = new List<RuleSetting>();
        foreach (var entry in root.Mapping("rules")?.Entries ?? [])
        {
            // A level may be written directly (MESH001: off) or as a mapping (MESH001: {level: off}).
            if ((entry.Value as YamlScalar ?? (entry.Value as YamlMapping)?.Scalar("level")) is { } level)
            {
                // YAML 1.1 reads an unquoted off (and no, false) as a boolean; the schema admits only false.
                var parsed = level.Type == ScalarType.Bool ? null : LevelNames.TryParse(level.Value, out var named) ? named : (Level?)null;
                rules.Add(new RuleSetting(entry.Key.Value, parsed, entry.Key.Start));
            }
        }

        return (new MeshLintConfig
        {
            BaseDirectory = baseDirectory,
            Mesh = assumptions,
            Rules = rules,
            Include = Strings(root, "include"),
            Exclude = Strings(root, "exclude"),
            Context = Strings(root, "context"),
            RuleFolders = root.Entry("ruleFolders") is not null ? Strings(root, "ruleFolders") : [MeshLintConfig.DefaultRuleFolder],
        }, []);
    }

    private static bool? Bool(YamlScalar? scalar) => scalar is { Type: ScalarType.Bool } ? YamlScalarTypes.IsTrueWord(scalar.Value) : null;

    private static IReadOnlyList<string> Strings(YamlMapping root, string key) =>
        root.Sequence(key)?.Items.OfType<YamlScalar>().Select(item => item.Value).ToList() ?? [];
}
