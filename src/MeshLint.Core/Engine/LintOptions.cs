using MeshLint.Findings;

namespace MeshLint.Engine;

public sealed record LintOptions
{
    /// <summary>Files linted at once; 0 means one per core.</summary>
    public int Jobs { get; init; }

    /// <summary>The level each rule reports at, or null to turn it off; by default the rule's own level.</summary>
    public IReadOnlyDictionary<string, Level?> Levels { get; init; } = new Dictionary<string, Level?>();

    public int EffectiveJobs => Jobs > 0 ? Jobs : Environment.ProcessorCount;
}
