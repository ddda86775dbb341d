namespace MeshLint.Cli;

public enum OutputFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
}

/// <summary>One report of a run: its format and file, or standard output when the file is null.</summary>
public sealed record ReportRequest(OutputFormat Format, string? File);
