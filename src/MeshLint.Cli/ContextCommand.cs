using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>The parsed command line of <c>meshlint context</c>: what to scan, which file's context to show and how.</summary>
internal sealed record ContextCommand
{
    public List<string> Paths { get; } = [];

    /// <summary><c>--for FILE</c>: the context that one file is linted with; null for every source of the scan.</summary>
    public string? For { get; set; }

    public bool Json { get; set; }

    public string? ConfigFile { get; set; }

    public bool NoConfig { get; set; }

    public bool RepositoryContext { get; set; } = true;

    public ScanRequest ToScanRequest(string workingDirectory) => new()
    {
        Paths = Paths,
        WorkingDirectory = workingDirectory,
        ConfigFile = ConfigFile,
        NoConfig = NoConfig,
        RepositoryContext = RepositoryContext,
    };
}
