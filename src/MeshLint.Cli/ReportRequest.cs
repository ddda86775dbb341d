namespace MeshLint.Cli;

internal enum OutputFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
    Rdjson,
}

/// <summary>One report of a run: its format and file, or standard output when the file is null.</summary>
internal sealed record ReportRequest(OutputFormat Format, string? File);
