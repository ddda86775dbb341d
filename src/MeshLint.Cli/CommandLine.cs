using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;

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

/// <summary>The parsed command line of a lint run.</summary>
public sealed record LintCommand
{
    public List<string> Paths { get; } = [];

    public OutputFormat Format { get; set; } = OutputFormat.Text;

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
}

/// <summary>A usage error: printed with a hint, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

public static class CommandLineParser
{
    public static LintCommand Parse(IReadOnlyList<string> args)
    {
        var command = new LintCommand();
        var formatGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "--format" or "-f":
                    command.Format = ParseFormat(Value(name, inline, args, ref i));
                    formatGiven = true;
                    break;
                case "--report" or "-r":
                    var report = Value(name, inline, args, ref i);
                    var separator = report.IndexOf('=');
                    command.Reports.Add(separator < 0
                        ? new ReportRequest(ParseFormat(report), null)
                        : new ReportRequest(ParseFormat(report[..separator]), report[(separator + 1)..] is { Length: > 0 } file ? file : throw new UsageException($"--report {report} needs a file name after '='")));
                    break;
                case "--sarif-category":
                    command.SarifCategory = Value(name, inline, args, ref i) is { Length: > 0 } category ? category : throw new UsageException("--sarif-category needs a non-empty name");
                    break;
                case "--no-repo-context":
                    command.RepositoryContext = false;
                    break;
                case "--output" or "-o":
                    command.OutputFile = Value(name, inline, args, ref i);
                    formatGiven = true;
                    break;
                case "--fail-on":
                    var threshold = Value(name, inline, args, ref i);
                    command.FailOn = threshold == "never" ? null
                        : LevelNames.TryParse(threshold, out var level) ? level
                        : throw new UsageException($"unknown --fail-on level '{threshold}' (use error, warning, note or never)");
                    break;
                case "--stdin-filename":
                    command.StdinFilename = Value(name, inline, args, ref i);
                    break;
                case "--jobs" or "-j":
                    var jobs = Value(name, inline, args, ref i);
                    command.Jobs = int.TryParse(jobs, out var n) && n >= 0 ? n : throw new UsageException($"--jobs needs a whole number (0 for one per core), not '{jobs}'");
                    break;
                case "--no-color":
                    command.NoColor = true;
                    break;
                case "--config" or "-c":
                    command.ConfigFile = Value(name, inline, args, ref i);
                    break;
                case "--no-ignore":
                    command.NoIgnore = true;
                    break;
                case "--baseline":
                    command.BaselineFile = Value(name, inline, args, ref i);
                    break;
                case "--write-baseline":
                    command.WriteBaselineFile = Value(name, inline, args, ref i);
                    break;
                case "--show-suppressed":
                    command.ShowSuppressed = true;
                    break;
                case "--max-file-size":
                    var size = Value(name, inline, args, ref i);
                    command.MaxFileBytes = FileSizeLimit.TryParse(size, out var bytes) ? bytes : throw new UsageException($"--max-file-size needs a size such as 8MB, 512KB or 100000, not '{size}'");
                    break;
                case "--follow-symlinks":
                    command.Discovery = command.Discovery with { FollowSymlinks = true };
                    break;
                case "--helm":
                    command.Discovery = command.Discovery with { RenderHelm = true };
                    break;
                case "--kustomize":
                    command.Discovery = command.Discovery with { BuildKustomize = true };
                    break;
                case "--":
                    command.Paths.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('-') && arg != "-"))
                    {
                        throw new UsageException($"unknown option '{arg}'");
                    }

                    command.Paths.Add(arg);
                    break;
            }
        }

        if (command.Paths.Count == 0)
        {
            command.Paths.Add(".");
        }

        if (command.Paths.Count(path => path == "-") > 1)
        {
            throw new UsageException("standard input ('-') can be given only once");
        }

        if (command.Reports.Count == 0)
        {
            command.Reports.Add(new ReportRequest(command.Format, command.OutputFile));
        }
        else if (formatGiven)
        {
            throw new UsageException("use either --report or --format/--output, not both");
        }

        if (command.Reports.Count(report => report.File is null) > 1)
        {
            throw new UsageException("only one report can go to standard output; give the others a file (--report FORMAT=FILE)");
        }

        return command;
    }

    private static OutputFormat ParseFormat(string name) => name switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        "sarif" => OutputFormat.Sarif,
        "github" => OutputFormat.GitHub,
        _ => throw new UsageException($"unknown format '{name}' (use text, json, sarif or github)"),
    };

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Value(string name, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (i + 1 >= args.Count)
        {
            throw new UsageException($"{name} needs a value");
        }

        return args[++i];
    }
}
