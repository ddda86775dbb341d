using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Startup;

namespace MeshLint.Engine;

public sealed record LintResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<InputError> InputErrors,
    int FilesScanned,
    int DocumentsScanned)
{
    public static LintResult Empty { get; } = new([], [], 0, 0);

    /// <summary>Findings that an inline ignore covers: not counted, shown only on request (and in SARIF as suppressed).</summary>
    public IReadOnlyList<Finding> Suppressed { get; init; } = [];

    /// <summary>
    /// The modelled start-up of each pod template, in path and document order, when
    /// <see cref="LintOptions.ModelStartup"/> asks for it; those Istio does not inject say why in
    /// <see cref="PodStartup.Injection"/>.
    /// </summary>
    public IReadOnlyList<PodStartup> Pods { get; init; } = [];

    /// <summary>Every Namespace and control plane the run read, with the assumptions in force (<c>meshlint context</c>).</summary>
    internal Mesh.MeshSources? Mesh { get; init; }

    /// <summary>
    /// Workloads in namespaces no scanned file defines that got no Istio lifecycle check, because
    /// nothing in the scan shows Istio in use (<c>mesh.assumeInjection: auto</c>).
    /// </summary>
    public int UncheckedWorkloads { get; init; }

    /// <summary>The context a file (by its report path) is linted with, under its own folder's configuration.</summary>
    internal Func<string, Mesh.MeshContext>? ContextFor { get; init; }

    /// <summary>Files that were not read, and why (over the size limit): notes for the run's summary, not findings.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How the findings compare with a baseline, when one was given.</summary>
    public BaselineComparison? Baseline { get; init; }
}

/// <summary>
/// The part of a run a baseline accounts for: findings already recorded in it (not counted) and how
/// many recorded findings no longer occur.
/// </summary>
public sealed record BaselineComparison(IReadOnlyList<Finding> Unchanged, int Absent);
