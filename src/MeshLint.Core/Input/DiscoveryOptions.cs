namespace MeshLint.Input;

/// <summary>How far file discovery may reach beyond plain files in the scanned tree.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>Follow symbolic links that lead out of the scanned root (and into linked folders). Off by default: a pull request must not make the linter read the runner's files.</summary>
    public bool FollowSymlinks { get; init; }
}

/// <summary>What discovery found: files to lint, inputs it could not read, notes on what it skipped and why, and the Helm charts (folders) it met.</summary>
public sealed record Discovery(
    IReadOnlyList<SourceFile> Files,
    IReadOnlyList<InputError> Errors,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> HelmCharts);
