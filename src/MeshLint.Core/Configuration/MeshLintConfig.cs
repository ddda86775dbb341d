using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Configuration;

/// <summary>A level a rule is set to in the configuration (null: off), and where, for errors about it.</summary>
public sealed record RuleSetting(string Rule, Level? Level, SourcePosition At);

/// <summary>
/// The contents of <c>.meshlint.yaml</c>. Paths in it (include, exclude, context, ruleFolders) are
/// relative to <see cref="BaseDirectory"/>, the folder that holds the file.
/// </summary>
public sealed record MeshLintConfig
{
    public const string FileName = ".meshlint.yaml";

    /// <summary>The same file with the other YAML extension; looked for like <see cref="FileName"/>.</summary>
    public const string ShortFileName = ".meshlint.yml";

    /// <summary>Where user rules are looked for when the configuration names no folders.</summary>
    public const string DefaultRuleFolder = ".meshlint/rules";

    /// <summary>The file read, or null when none was found.</summary>
    public string? SourcePath { get; init; }

    public required string BaseDirectory { get; init; }

    public MeshAssumptions Mesh { get; init; } = MeshAssumptions.Default;

    public IReadOnlyList<RuleSetting> Rules { get; init; } = [];

    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<string> Context { get; init; } = [];

    public IReadOnlyList<string> RuleFolders { get; init; } = [DefaultRuleFolder];
}
