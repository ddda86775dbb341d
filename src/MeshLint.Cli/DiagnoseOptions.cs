using MeshLint.Diagnose;

namespace MeshLint.Cli;

internal enum DiagnoseReportFormat
{
    Text,
    Json,
}

/// <summary>The parsed command line of <c>meshlint diagnose</c>.</summary>
internal sealed record DiagnoseOptions(
    IReadOnlyList<string> Files,
    DiagnoseReportFormat Format,
    IReadOnlyList<RefusedConnectionPattern> ExtraRefusedPatterns,
    ContainerLogTarget LogTarget,
    TimeSpan ProbePeriod);
