using MeshLint.Reports;
using System.CommandLine;
using MeshLint.Findings;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>
/// The parsed command line of <c>meshlint startup</c> and <c>meshlint context</c>: a scan like a lint
/// run, shown as what it derived (the pods' start-up, the mesh context) rather than as findings.
/// </summary>
internal sealed record InspectCommand(string Subcommand)
{
    public List<string> Paths { get; } = [];

    /// <summary>
    /// What to show of the scan: for <c>startup</c> the workload of <c>--object KIND/NAME</c>, for
    /// <c>context</c> the file of <c>--for FILE</c>; null for all of it.
    /// </summary>
    public string? Target { get; set; }

    public bool Json { get; set; }

    /// <summary>The lowest level of the shown pods' findings that fails <c>startup</c>; null for never.</summary>
    public Level? FailOn { get; set; } = Level.Error;

    public bool NoColor { get; set; }

    public string? ConfigFile { get; set; }

    public bool NoConfig { get; set; }

    public bool RepositoryContext { get; set; } = true;

    /// <summary>Build kustomizations and render charts (false: <c>--no-build</c>).</summary>
    public bool Build { get; set; } = true;

    /// <summary>For <c>startup</c>: <c>--output-format concise</c>, its findings one line each.</summary>
    public bool Concise { get; set; }

    /// <summary>The command line of <c>startup</c> or <c>context</c>, read from what <see cref="CommandTree"/> parsed.</summary>
    public static InspectCommand From(string subcommand, ParseResult result, CliOptions options, IReadOnlyList<string> paths)
    {
        var startup = subcommand == "startup";
        var command = new InspectCommand(subcommand)
        {
            Target = result.GetValue(startup ? options.Object : options.For),
            Json = result.GetValue(options.InspectFormat) == ViewFormat.Json,
            FailOn = startup ? CliOptions.ValueOr(result, options.FailOn, new FailThreshold(Level.Error)).Level : null,
            NoColor = startup && result.GetValue(options.NoColor),
            Concise = startup && result.GetValue(options.OutputStyle) == TextReportStyle.Concise,
            ConfigFile = result.GetValue(options.Config),
            NoConfig = result.GetValue(options.NoConfig),
            RepositoryContext = !result.GetValue(options.NoRepositoryContext),
            Build = !result.GetValue(options.NoBuild),
        };
        command.Paths.AddRange(paths.Count == 0 ? ["."] : paths);
        return command;
    }

    public ScanRequest ToScanRequest(string workingDirectory) => new()
    {
        Paths = Paths,
        WorkingDirectory = workingDirectory,
        ConfigFile = ConfigFile,
        NoConfig = NoConfig,
        RepositoryContext = RepositoryContext,
        Build = Build,
        ModelStartup = Subcommand == "startup",
    };
}
