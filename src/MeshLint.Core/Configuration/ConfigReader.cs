using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Configuration;

/// <summary>Finds and reads <c>.meshlint.yaml</c>; every problem is a <see cref="ConfigurationError"/> with its line.</summary>
public static class ConfigReader
{
    private static readonly YamlSchemaValidator Validator = new("rules/schemas/meshlint-config.schema.json");

    /// <summary>
    /// The configuration that applies to a scan started in <paramref name="startDirectory"/>: the
    /// nearest <c>.meshlint.yaml</c> in it or a parent folder, stopping at the repository root (the
    /// folder with <c>.git</c>, a directory or, in a worktree, a file).
    /// </summary>
    public static string? Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, MeshLintConfig.FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return null;
            }
        }

        return null;
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
