using MeshLint.Findings;

namespace MeshLint.Engine;

public sealed record LintResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<InputError> InputErrors,
    int FilesScanned,
    int DocumentsScanned);
