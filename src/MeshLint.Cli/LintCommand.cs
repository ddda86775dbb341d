using System.CommandLine;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>The parsed command line of a lint run.</summary>
internal sealed record LintCommand
{
    public List<string> Paths { get; } = [];

    public OutputFormat Format { get; set; } = OutputFormat.Text;

    /// <summary>How much of each finding the text report prints (<c>--output-format full|concise</c>).</summary>
    public MeshLint.Reports.TextReportStyle TextStyle { get; set; } = MeshLint.Reports.TextReportStyle.Full;

    public string? OutputFile { get; set; }

    /// <summary>The lowest level that fails the run; null for never.</summary>
    public Level? FailOn { get; set; } = Level.Error;

    public string StdinFilename { get; set; } = "<stdin>";

    public int Jobs { get; set; }

    public bool NoColor { get; set; }

    /// <summary>An explicit <c>.meshlint.yaml</c>; null to look for one next to the scanned path.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Also scan what .gitignore files exclude.</summary>
    public bool NoIgnore { get; set; }

    /// <summary>Read no <c>.meshlint.yaml</c> at all.</summary>
    public bool NoConfig { get; set; }

    /// <summary>Rules to run, and no others (<c>--select</c>); empty for all.</summary>
    public List<string> Select { get; } = [];

    /// <summary>Rules not to run (<c>--ignore</c>).</summary>
    public List<string> Ignore { get; } = [];

    public string? BaselineFile { get; set; }

    public string? WriteBaselineFile { get; set; }

    public bool ShowSuppressed { get; set; }

    /// <summary>
    /// Every report of the run, from <c>--report</c>; when none is given, the one that
    /// <c>--format</c> and <c>--output</c> describe. One scan writes them all.
    /// </summary>
    public List<ReportRequest> Reports { get; } = [];

    /// <summary>Whether named files inside a git work tree take their mesh context from the whole tree.</summary>
    public bool RepositoryContext { get; set; } = true;

    public string SarifCategory { get; set; } = MeshLint.Reports.SarifReport.DefaultCategory;

    public long MaxFileBytes { get; set; } = LintOptions.DefaultMaxFileBytes;

    public DiscoveryOptions Discovery { get; set; } = new();

    /// <summary>Build kustomizations and render charts (false: <c>--no-build</c>).</summary>
    public bool Build { get; set; } = true;

    /// <summary><c>meshlint fix</c> rather than a lint run.</summary>
    public bool Fix { get; init; }

    /// <summary><c>meshlint fix --diff</c>: print the changes, write nothing.</summary>
    public bool Diff { get; set; }

    /// <summary><c>meshlint fix --unsafe-fixes</c>: also apply fixes that change behaviour.</summary>
    public bool UnsafeFixes { get; set; }


    /// <summary>The command line of a lint run or of <c>meshlint fix</c>, read from what <see cref="CommandTree"/> parsed.</summary>
    public static LintCommand From(ParseResult result, CliOptions options, IReadOnlyList<string> paths, bool fix)
    {
        var command = new LintCommand
        {
            Fix = fix,
            FailOn = CliOptions.ValueOr(result, options.FailOn, new FailThreshold(Level.Error)).Level,
            StdinFilename = result.GetValue(options.StdinFilename) ?? "<stdin>",
            Jobs = result.GetValue(options.Jobs),
            NoColor = result.GetValue(options.NoColor),
            ConfigFile = result.GetValue(options.Config),
            NoConfig = result.GetValue(options.NoConfig),
            NoIgnore = result.GetValue(options.NoIgnore),
            BaselineFile = result.GetValue(options.Baseline),
            RepositoryContext = !result.GetValue(options.NoRepositoryContext),
            MaxFileBytes = CliOptions.ValueOr(result, options.MaxFileSize, LintOptions.DefaultMaxFileBytes),
            Discovery = new DiscoveryOptions { FollowSymlinks = result.GetValue(options.FollowSymlinks) },
            Build = !result.GetValue(options.NoBuild),
            TextStyle = result.GetValue(options.OutputStyle),
        };
        command.Paths.AddRange(paths.Count == 0 ? ["."] : paths);
        command.Select.AddRange(result.GetValue(options.Select) ?? []);
        command.Ignore.AddRange(result.GetValue(options.Ignore) ?? []);
        if (fix)
        {
            command.Diff = result.GetValue(options.Diff);
            command.UnsafeFixes = result.GetValue(options.UnsafeFixes);
            return command;
        }

        command.Format = result.GetValue(options.Format);
        command.OutputFile = result.GetValue(options.Output);
        command.SarifCategory = result.GetValue(options.SarifCategory) ?? MeshLint.Reports.SarifReport.DefaultCategory;
        command.ShowSuppressed = result.GetValue(options.ShowSuppressed);
        command.WriteBaselineFile = result.GetValue(options.WriteBaseline);
        command.Reports.AddRange(result.GetValue(options.Report) is { Length: > 0 } reports ? reports : [new ReportRequest(command.Format, command.OutputFile)]);
        return command;
    }

    /// <summary>The scan this command line asks for.</summary>
    public ScanRequest ToScanRequest(string workingDirectory, TextReader stdin) => new()
    {
        Paths = Paths,
        WorkingDirectory = workingDirectory,
        Stdin = stdin,
        StdinFilename = StdinFilename,
        ConfigFile = ConfigFile,
        NoConfig = NoConfig,
        NoIgnore = NoIgnore,
        RepositoryContext = RepositoryContext,
        Discovery = Discovery,
        Build = Build,
        Jobs = Jobs,
        MaxFileBytes = MaxFileBytes,
        Select = Select,
        Ignore = Ignore,
        BaselineFile = BaselineFile,
    };
}
