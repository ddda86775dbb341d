using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace MeshLint.Cli;

/// <summary>
/// The commands of <c>meshlint</c>, their arguments and options, and what each runs: the one
/// definition that parsing, <c>--help</c>, "did you mean" and shell completion all read. Linting is
/// the default command, and <c>meshlint lint</c> names it.
/// </summary>
internal static class CommandTree
{
    public const string Description = """
        meshlint [options] [PATH...] lints Kubernetes and Istio manifests for service-mesh start-up
        and annotation mistakes. PATH is a file, a directory (searched for *.yaml and *.yml) or -
        for standard input; the default is the current directory. A path named like a command is
        linted with ./NAME or 'meshlint lint NAME'.

        Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 bad usage, a bad
        configuration or unreadable input (named on standard error; MESHLINT_DEBUG=1 adds the stack).
        """;

    /// <summary>The tree for one run: its actions write to <paramref name="context"/>'s streams.</summary>
    public static RootCommand Build(CliContext context)
    {
        var options = new CliOptions(context.WorkingDirectory);
        var root = new RootCommand(Description) { HelpName = "meshlint" };
        foreach (var builtIn in root.Options.Where(option => option is HelpOption or VersionOption).ToList())
        {
            root.Options.Remove(builtIn);
        }

        root.Options.Add(new HelpOption("--help", "-h") { Description = "show help for meshlint or a command, generated from these definitions" });
        root.Options.Add(new VersionOption("--version", "-V") { Description = "print the version", Action = new PrintVersion() });
        Lint(root, options, context, fix: false);

        // The root's PATH is left out of help, which would otherwise print it in every command's
        // usage line (meshlint [<PATH>...] fix ...); the description names it.
        root.Arguments[0].Hidden = true;
        root.Subcommands.Add(Lint(new Command("lint", "lint PATHs (the default command: 'meshlint lint examples' is 'meshlint examples')"), options, context, fix: false));
        root.Subcommands.Add(Catalog(options, context));
        root.Subcommands.Add(Explain(options, context));
        root.Subcommands.Add(Lint(new Command("fix", FixCommand.Description), options, context, fix: true));
        root.Subcommands.Add(Inspect("startup", "show how the injectors build each meshed pod, step by step, and its findings", options, context));
        root.Subcommands.Add(Inspect("context", "show the mesh context: namespaces, control planes, Istio CNI, targets", options, context));
        root.Subcommands.Add(Init(options, context));
        root.Subcommands.Add(DiagnoseCommand.Create(context));
        root.Subcommands.Add(Server(options, context));
        root.Subcommands.Add(CompletionCommand.Create(context));
        var help = new Command("help", "show help for meshlint or a command") { Hidden = true };
        var topic = new Argument<string[]>("COMMAND") { HelpName = "COMMAND", Arity = ArgumentArity.ZeroOrMore };
        help.Arguments.Add(topic);
        help.SetAction(result => Help(root, result.GetValue(topic) ?? [], context));
        root.Subcommands.Add(help);
        return root;
    }

    /// <summary>The paths a scanning command reads; completion offers folders and YAML files.</summary>
    private static Argument<string[]> Paths(CliContext context, string description = "files, directories or - (standard input); default: the current directory")
    {
        var paths = new Argument<string[]>("PATH") { HelpName = "PATH", Arity = ArgumentArity.ZeroOrMore, Description = description };
        paths.CompletionSources.Add(completion => CompletionCommand.Paths(completion, context.WorkingDirectory, Input.FileDiscovery.IsYamlFile));
        return paths;
    }

    /// <summary>A lint run (the root command and <c>lint</c>) or <c>meshlint fix</c>, which takes the options that choose the findings and its own.</summary>
    private static Command Lint(Command command, CliOptions o, CliContext context, bool fix)
    {
        var paths = Paths(context);
        command.Arguments.Add(paths);
        Option[] scan = [o.Config, o.NoConfig, o.Select, o.Ignore, o.FailOn, o.NoRepositoryContext, o.NoBuild, o.Kustomize, o.Helm, o.NoIgnore, o.FollowSymlinks, o.MaxFileSize, o.Baseline, o.StdinFilename, o.Jobs, o.NoColor, o.OutputStyle];
        Option[] reports = fix ? [o.Diff, o.UnsafeFixes] : [o.Format, o.Output, o.Report, o.SarifCategory, o.ShowSuppressed, o.WriteBaseline];
        foreach (var option in reports.Concat(scan))
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result => OneConfiguration(result, o));
        command.Validators.Add(result =>
        {
            if (result.GetValue(paths)?.Count(path => path == "-") > 1)
            {
                result.AddError("standard input ('-') can be given only once");
            }

            var reportsGiven = result.GetValue(o.Report) ?? [];
            if (reportsGiven.Length > 0 && (result.GetResult(o.Format) is { Implicit: false } || result.GetResult(o.Output) is { Implicit: false }))
            {
                result.AddError("use either --report or --format/--output, not both");
            }
            else if (reportsGiven.Count(report => report.File is null) > 1)
            {
                result.AddError("only one report can go to standard output; give the others a file (--report FORMAT=FILE)");
            }
        });
        command.SetAction(result =>
        {
            var lint = LintCommand.From(result, o, result.GetValue(paths) ?? [], fix);
            context.Stage = fix ? "fixing" : "linting";
            return fix ? FixCommand.Run(lint, context) : LintRun.Run(lint, context);
        });
        return command;
    }

    private static Command Catalog(CliOptions o, CliContext context)
    {
        var command = new Command("rules", "list the rules (built-in and your own) with the level each runs at") { o.RulesFormat, o.Config, o.NoConfig };
        command.Validators.Add(result => OneConfiguration(result, o));
        command.SetAction(result =>
        {
            context.Stage = "reading the rules";
            return RulesCommand.List(CatalogCommand.From(result, o, rule: null), context);
        });
        return command;
    }

    private static Command Explain(CliOptions o, CliContext context)
    {
        var topic = new Argument<string>("RULE|KEY") { HelpName = "RULE|KEY", Description = "a rule's id or name (any case), or an annotation or label key" };
        topic.CompletionSources.Add(_ => CliOptions.ExplainTopics(context.WorkingDirectory).Select(name => new System.CommandLine.Completions.CompletionItem(name)));
        var command = new Command("explain", "print a rule's documentation, or an annotation's or label's registry entry") { topic, o.Config, o.NoConfig };
        command.Validators.Add(result => OneConfiguration(result, o));
        command.SetAction(result =>
        {
            context.Stage = "reading the rules";
            return RulesCommand.Explain(CatalogCommand.From(result, o, result.GetValue(topic)), context);
        });
        return command;
    }

    /// <summary><c>meshlint startup</c> or <c>meshlint context</c>: a scan shown as what it derived.</summary>
    private static Command Inspect(string name, string description, CliOptions o, CliContext context)
    {
        var startup = name == "startup";
        var paths = Paths(context);
        var command = new Command(name, description) { paths, o.InspectFormat, o.Config, o.NoConfig, o.NoRepositoryContext, o.NoBuild };
        Option[] own = startup ? [o.Object, o.FailOn, o.NoColor, o.OutputStyle] : [o.For];
        foreach (var option in own)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result => OneConfiguration(result, o));
        command.SetAction(result =>
        {
            var inspect = InspectCommand.From(name, result, o, result.GetValue(paths) ?? []);
            context.Stage = startup ? "modelling the pods' start-up" : "deriving the mesh context";
            return startup ? ScanViews.Startup(inspect, context) : ScanViews.Context(inspect, context);
        });
        return command;
    }

    private static Command Init(CliOptions o, CliContext context)
    {
        var paths = Paths(context, "the files and folders whose target is detected; default: the current directory");
        var command = new Command("init", "write .meshlint.yaml in the current directory with the target (Istio and Kubernetes releases, platform) detected in PATH")
        {
            paths, o.Force, o.ToStdout,
        };
        command.SetAction(result =>
        {
            context.Stage = "writing .meshlint.yaml";
            return InitCommand.Run(result.GetValue(paths) ?? [], result.GetValue(o.Force), result.GetValue(o.ToStdout), context);
        });
        return command;
    }

    private static Command Server(CliOptions o, CliContext context)
    {
        var command = new Command("server", "the language server for editors: LSP on standard input and output (docs/editors.md)") { o.Stdio };
        command.SetAction(_ =>
        {
            context.Stage = "serving the editor";
            return ServerCommand.Run(context);
        });
        return command;
    }

    private static void OneConfiguration(CommandResult result, CliOptions o)
    {
        if (result.GetResult(o.Config) is { Implicit: false } && result.GetValue(o.NoConfig))
        {
            result.AddError("use either --config or --no-config, not both");
        }
    }

    /// <summary><c>meshlint help [COMMAND]</c>: the same help as <c>--help</c>.</summary>
    private static int Help(RootCommand root, string[] topic, CliContext context)
    {
        var result = root.Parse([.. topic, "--help"]);
        return result.Invoke(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    /// <summary><c>meshlint --version</c>: the package version, without the commit that built it.</summary>
    private sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"meshlint {Program.Version}");
            return ExitCodes.Clean;
        }
    }
}
