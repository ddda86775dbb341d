using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Cli;

/// <summary>Reads the arguments of each command into its command record; anything that does not apply is a <see cref="UsageException"/>.</summary>
internal static class CommandLineParser
{
    /// <param name="fix">Read <c>meshlint fix</c>'s arguments: the lint options that choose the findings, and its own.</param>
    public static LintCommand Parse(IReadOnlyList<string> args, bool fix = false)
    {
        var command = new LintCommand { Fix = fix };
        var formatGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            if (fix && name is "--format" or "-f" or "--output" or "-o" or "--report" or "-r" or "--write-baseline" or "--sarif-category" or "--show-suppressed")
            {
                throw new UsageException($"meshlint fix does not take {name}: it prints what it fixed and what remains; run 'meshlint {name} ...' for a report");
            }

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
                case "--output-format":
                    var style = Value(name, inline, args, ref i);
                    command.TextStyle = MeshLint.Reports.TextReportStyles.Parse(style) ?? throw new UsageException($"unknown --output-format '{style}' (use {MeshLint.Reports.TextReportStyles.Names})");
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
                    command.FailOn = FailOn(Value(name, inline, args, ref i));
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
                case "--no-config":
                    command.NoConfig = true;
                    break;
                case "--select":
                    command.Select.AddRange(RuleList(name, Value(name, inline, args, ref i)));
                    break;
                case "--ignore":
                    command.Ignore.AddRange(RuleList(name, Value(name, inline, args, ref i)));
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
                case "--helm" or "--kustomize":
                    // Building and rendering are the default now; the old switches still read.
                    break;
                case "--no-build":
                    command.Build = false;
                    break;
                case "--diff" when fix:
                    command.Diff = true;
                    break;
                case "--unsafe-fixes" when fix:
                    command.UnsafeFixes = true;
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

        ScanDefaults(command.Paths, command.ConfigFile, command.NoConfig);

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

    /// <summary><c>meshlint rules [--format text|markdown]</c> and <c>meshlint explain RULE</c>, with the options that choose the configuration.</summary>
    public static CatalogCommand ParseCatalog(string subcommand, IReadOnlyList<string> args)
    {
        var command = new CatalogCommand();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "--config" or "-c":
                    command.ConfigFile = Value(name, inline, args, ref i);
                    break;
                case "--no-config":
                    command.NoConfig = true;
                    break;
                case "--format" or "-f" when subcommand == "rules":
                    var format = Value(name, inline, args, ref i);
                    command.Format = format switch
                    {
                        "text" => RulesFormat.Text,
                        "markdown" => RulesFormat.Markdown,
                        _ => throw new UsageException($"unknown format '{format}' for meshlint rules (use text or markdown)"),
                    };
                    break;
                default:
                    if (arg.StartsWith('-') && arg != "-")
                    {
                        throw new UsageException($"meshlint {subcommand} does not take the option '{arg}'");
                    }

                    if (subcommand != "explain" || command.Rule is not null)
                    {
                        throw new UsageException(subcommand == "explain"
                            ? "explain needs one rule id or name, e.g. 'meshlint explain MESH002'"
                            : $"meshlint rules takes no argument '{arg}'");
                    }

                    command.Rule = arg;
                    break;
            }
        }

        if (subcommand == "explain" && command.Rule is null)
        {
            throw new UsageException("explain needs one rule id or name, e.g. 'meshlint explain MESH002'");
        }

        OneConfiguration(command.ConfigFile, command.NoConfig);

        return command;
    }

    /// <summary>
    /// <c>meshlint startup [PATH...]</c> and <c>meshlint context [PATH...]</c>: the options that choose
    /// the scan and the output, and each one's own (<c>--object</c>, <c>--fail-on</c> and
    /// <c>--no-color</c> for startup, <c>--for</c> for context).
    /// </summary>
    public static InspectCommand ParseInspect(string subcommand, IReadOnlyList<string> args)
    {
        var startup = subcommand == "startup";
        var command = new InspectCommand(subcommand);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "--object" when startup:
                    var target = Value(name, inline, args, ref i);
                    command.Target = target.Split('/') is [{ Length: > 0 }, { Length: > 0 }] ? target : throw new UsageException($"--object needs KIND/NAME, e.g. Deployment/orders, not '{target}'");
                    break;
                case "--for" when !startup:
                    command.Target = Value(name, inline, args, ref i);
                    break;
                case "--fail-on" when startup:
                    command.FailOn = FailOn(Value(name, inline, args, ref i));
                    break;
                case "--no-color" when startup:
                    command.NoColor = true;
                    break;
                case "--format" or "-f":
                    var format = Value(name, inline, args, ref i);
                    command.Json = format switch
                    {
                        "text" => false,
                        "json" => true,
                        _ => throw new UsageException($"unknown format '{format}' for meshlint {subcommand} (use text or json)"),
                    };
                    break;
                case "--config" or "-c":
                    command.ConfigFile = Value(name, inline, args, ref i);
                    break;
                case "--no-config":
                    command.NoConfig = true;
                    break;
                case "--no-repo-context":
                    command.RepositoryContext = false;
                    break;
                case "--no-build":
                    command.Build = false;
                    break;
                case "--":
                    command.Paths.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"meshlint {subcommand} does not take the option '{arg}'");
                    }

                    command.Paths.Add(arg);
                    break;
            }
        }

        ScanDefaults(command.Paths, command.ConfigFile, command.NoConfig);

        return command;
    }

    /// <summary>The lowest level that fails the run; null for <c>never</c>.</summary>
    private static Level? FailOn(string threshold) =>
        threshold == "never" ? null
        : LevelNames.TryParse(threshold, out var level) ? level
        : throw new UsageException($"unknown --fail-on level '{threshold}' (use error, warning, note or never)");

    /// <summary>What every scanning command shares: the current folder when no path is given, and at most one way of choosing the configuration.</summary>
    private static void ScanDefaults(List<string> paths, string? configFile, bool noConfig)
    {
        if (paths.Count == 0)
        {
            paths.Add(".");
        }

        OneConfiguration(configFile, noConfig);
    }

    private static void OneConfiguration(string? configFile, bool noConfig)
    {
        if (configFile is not null && noConfig)
        {
            throw new UsageException("use either --config or --no-config, not both");
        }
    }

    /// <summary>Rule ids or names, comma-separated: <c>--select MESH001,vault-agent-without-outbound-exclusion</c>.</summary>
    private static IEnumerable<string> RuleList(string option, string value)
    {
        var rules = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return rules.Length > 0 ? rules : throw new UsageException($"{option} needs rule ids or names, e.g. {option} MESH001,MESH005");
    }

    private static OutputFormat ParseFormat(string name) => name switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        "sarif" => OutputFormat.Sarif,
        "github" => OutputFormat.GitHub,
        "rdjson" => OutputFormat.Rdjson,
        _ => throw new UsageException($"unknown format '{name}' (use text, json, sarif, github or rdjson)"),
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
