using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Mesh;

namespace MeshLint.Engine;

public sealed record LintOptions
{
    /// <summary>Files linted at once; 0 means one per core.</summary>
    public int Jobs { get; init; }

    /// <summary>The level each rule reports at, or null to turn it off; by default the rule's own level.</summary>
    public IReadOnlyDictionary<string, Level?> Levels { get; init; } = new Dictionary<string, Level?>();

    /// <summary>What to assume about the clusters the manifests are deployed to.</summary>
    public MeshAssumptions Mesh { get; init; } = MeshAssumptions.Default;

    /// <summary>
    /// The levels and assumptions of each file's own configuration (a folder's <c>.meshlint.yaml</c>),
    /// or null where <see cref="Levels"/> and <see cref="Mesh"/> apply.
    /// </summary>
    public Func<SourceFile, FileSettings?>? SettingsFor { get; init; }

    /// <summary>
    /// Files larger than this are reported and skipped. The largest real manifest we have seen is about
    /// 1 MB; the default leaves room above that while keeping one generated or hostile file from
    /// holding up a whole CI run.
    /// </summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    public const long DefaultMaxFileBytes = BoundedFile.DefaultMaxBytes;

    /// <summary>
    /// Files the configuration's <c>contextExclude</c> names: test data that gives context (Namespaces,
    /// control planes, Services, signs of Istio) only to workloads in its own folder; null for none.
    /// </summary>
    public Func<SourceFile, bool>? ContextExcluded { get; init; }

    /// <summary>Keep the modelled start-up of every injected pod in <see cref="LintResult.Pods"/> (<c>meshlint startup</c>).</summary>
    public bool ModelStartup { get; init; }

    /// <summary>What each file gave the mesh context in earlier runs, for a process that lints the same tree again; null reads every file each run.</summary>
    public MeshContextCache? ContextCache { get; init; }

    /// <summary>Collects where the time goes, part by part; null (the default) measures nothing.</summary>
    public RunTimings? Timings { get; init; }

    public int EffectiveJobs => Jobs > 0 ? Jobs : Environment.ProcessorCount;
}

/// <summary>What one file is linted with when its folder has a configuration of its own.</summary>
public sealed record FileSettings(IReadOnlyDictionary<string, Level?> Levels, MeshAssumptions Mesh);
