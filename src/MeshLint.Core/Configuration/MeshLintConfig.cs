using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Configuration;

/// <summary>A level a rule is set to in the configuration (null: off), and where, for errors about it.</summary>
public sealed record RuleSetting(string Rule, Level? Level, SourcePosition At)
{
    /// <summary>The file that wrote the setting (shown as in errors), when not the configuration itself but one it extends.</summary>
    public string? Source { get; init; }
}

/// <summary>
/// The contents of <c>.meshlint.yaml</c>, with what it extends merged under it. Paths in it
/// (include, exclude, context, ruleFolders) are relative to <see cref="BaseDirectory"/>, the folder
/// that holds the file, except those inherited through <c>extends</c>: context and ruleFolders are
/// then absolute, and the globs keep their own folder (<see cref="IncludeDirectory"/>, <see cref="ExcludeDirectory"/>).
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

    /// <summary>The folder <see cref="Include"/> is relative to, when a file this one extends wrote it.</summary>
    public string? IncludeDirectory { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The folder <see cref="Exclude"/> is relative to, when a file this one extends wrote it.</summary>
    public string? ExcludeDirectory { get; init; }

    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>
    /// Globs of test data beyond the folders MeshLint knows by name (<c>tests</c>, <c>fixtures</c>, …):
    /// files that give context (Namespaces, control planes, Services, signs of Istio) only to workloads in their own folder.
    /// </summary>
    public IReadOnlyList<string> ContextExclude { get; init; } = [];

    /// <summary>The folder <see cref="ContextExclude"/> is relative to, when a file this one extends wrote it.</summary>
    public string? ContextExcludeDirectory { get; init; }

    public IReadOnlyList<string> RuleFolders { get; init; } = [DefaultRuleFolder];

    /// <summary><c>helm.values</c>: for a chart folder (full path), the values files (full paths) it is also rendered with, one render each.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HelmValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
