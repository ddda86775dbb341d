using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Mesh;

namespace MeshLint.Scanning;

/// <summary>What one lint run is asked to do: the paths and every option that changes which findings it reports.</summary>
public sealed record ScanRequest
{
    /// <summary>Files and folders to lint, relative to <see cref="WorkingDirectory"/>; <c>-</c> is standard input.</summary>
    public IReadOnlyList<string> Paths { get; init; } = ["."];

    public required string WorkingDirectory { get; init; }

    /// <summary>Read when <see cref="Paths"/> holds <c>-</c>.</summary>
    public TextReader? Stdin { get; init; }

    public string StdinFilename { get; init; } = "<stdin>";

    /// <summary>An explicit <c>.meshlint.yaml</c>; null to look for the nearest one.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Read no configuration file at all: built-in rules at their own levels, no include, exclude or context.</summary>
    public bool NoConfig { get; init; }

    /// <summary>Also scan what .gitignore files exclude.</summary>
    public bool NoIgnore { get; init; }

    /// <summary>Whether files named inside a git work tree take their mesh context from the whole tree.</summary>
    public bool RepositoryContext { get; init; } = true;

    public DiscoveryOptions Discovery { get; init; } = new();

    /// <summary>
    /// Judge what the repository deploys: kustomizations built and charts rendered with the tools
    /// found on <see cref="ToolSearchPath"/> (false: <c>--no-build</c>, every file read as written).
    /// </summary>
    public bool Build { get; init; } = true;

    /// <summary>Where kustomize, kubectl and helm are looked for (a PATH value); null finds none.</summary>
    public string? ToolSearchPath { get; init; }

    public int Jobs { get; init; }

    /// <summary>Where the run's time goes, when the caller wants to know (<c>MESHLINT_TIMING=1</c>).</summary>
    public Engine.RunTimings? Timings { get; init; }

    public long MaxFileBytes { get; init; } = LintOptions.DefaultMaxFileBytes;

    /// <summary>Rules (ids or names) to run, and no others; empty for every rule the configuration leaves on.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>Rules (ids or names) not to run, whatever the configuration or <see cref="Select"/> says.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Also model the start-up of every injected pod (<c>meshlint startup</c>).</summary>
    public bool ModelStartup { get; init; }

    /// <summary>Report only findings not recorded in this baseline file.</summary>
    public string? BaselineFile { get; init; }

    /// <summary>
    /// Contents to lint instead of what is on disk, by full path, for the linted files and the
    /// context files alike: <c>meshlint fix</c> re-lints its edits before (or without, for
    /// <c>--diff</c>) writing them, and the language server lints unsaved buffers.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]>? Contents { get; init; }

    /// <summary>
    /// Where named files take their mesh context from when no git work tree holds them (an editor's
    /// workspace folder); null for none, as on the command line.
    /// </summary>
    public string? ContextFolder { get; init; }

    /// <summary>What each file gave the mesh context in earlier runs (the language server keeps one); null to read every file.</summary>
    public MeshContextCache? ContextCache { get; init; }
}
