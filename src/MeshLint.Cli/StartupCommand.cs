using MeshLint.Findings;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>The parsed command line of <c>meshlint startup</c>: what to scan, which workload to show and how.</summary>
internal sealed record StartupCommand
{
    public List<string> Paths { get; } = [];

    /// <summary><c>--object KIND/NAME</c>: only that workload; null for every injected one.</summary>
    public string? Object { get; set; }

    public bool Json { get; set; }

    public Level? FailOn { get; set; } = Level.Error;

    public bool NoColor { get; set; }

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
        ModelStartup = true,
    };
}
