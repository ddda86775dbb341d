using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>The output form of <c>meshlint rules</c>.</summary>
internal enum RulesFormat
{
    Text,
    Markdown,
}

/// <summary>The parsed command line of <c>meshlint rules</c> or <c>meshlint explain</c>: which configuration supplies the rules.</summary>
internal sealed record CatalogCommand
{
    public string? ConfigFile { get; set; }

    public bool NoConfig { get; set; }

    public RulesFormat Format { get; set; } = RulesFormat.Text;

    /// <summary>The rule <c>explain</c> is asked about.</summary>
    public string? Rule { get; set; }

    public ScanRequest ToScanRequest(string workingDirectory) => new() { WorkingDirectory = workingDirectory, ConfigFile = ConfigFile, NoConfig = NoConfig };
}
