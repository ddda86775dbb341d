using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;

namespace MeshLint.Scanning;

/// <summary>
/// What a run found. <see cref="Setup"/> is null when the configuration, the rule selection or the
/// baseline could not be read (<see cref="SetupErrors"/> says why, and nothing was linted).
/// </summary>
public sealed record ScanOutcome(ScanSetup? Setup, IReadOnlyList<string> SetupErrors)
{
    /// <summary>
    /// The findings to report (after inline ignores and, when a baseline was given, only the new
    /// ones) and every input that could not be read or rendered, while everything else was linted.
    /// </summary>
    public LintResult Result { get; init; } = LintResult.Empty;

    /// <summary>Every finding of the run before the baseline took any away: what a new baseline records.</summary>
    public IReadOnlyList<Finding> Unbaselined { get; init; } = [];

    /// <summary>Paths that were skipped on purpose, with the reason (a Helm chart's templates, a loop of links).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The files linted as they are (named, found, standard input), not Helm or Kustomize output: the ones a fix may edit.</summary>
    public IReadOnlyList<SourceFile> Files { get; init; } = [];
}
