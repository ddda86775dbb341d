using System.Reflection;
using MeshLint.Baselines;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Reports;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>
/// The command line: it parses the arguments, hands a lint run to <see cref="Scan"/>, writes the
/// reports and chooses the exit code. Nothing else happens here.
/// </summary>
public static class Program
{
    public const string Usage = """
        Usage: meshlint [options] [PATH...]
               meshlint rules [--format text|markdown] [-c FILE | --no-config]
               meshlint explain RULE|KEY [-c FILE | --no-config]
               meshlint startup [--object KIND/NAME] [-f text|json] [--fail-on LEVEL]
                                [-c FILE | --no-config] [--no-repo-context] [--no-build]
                                [--no-color] [PATH...]
               meshlint fix [--diff] [--unsafe-fixes] [options] [PATH...]
               meshlint context [--for FILE] [-f text|json] [-c FILE | --no-config]
                                [--no-repo-context] [--no-build] [PATH...]
               meshlint init [--force] [--stdout] [PATH...]
               meshlint diagnose [options] FILE...
               meshlint server

        Lints Kubernetes and Istio manifests for service-mesh start-up and annotation mistakes.
        PATH is a file, a directory (searched for *.yaml and *.yml) or - for standard input;
        the default is the current directory.

        Options:
          -f, --format FORMAT            text, json, sarif, github or rdjson (default: text)
              --output-format STYLE      the text report's findings: full (a summary line, the
                                         details beneath, wrapped to the terminal) or concise
                                         (the summary line alone); default: full
          -o, --output FILE              write the report to FILE instead of standard output
          -r, --report FORMAT[=FILE]     one report of several from a single scan, to FILE or
                                         standard output; repeatable, e.g.
                                         --report github --report sarif=meshlint.sarif
                                         (github: Actions annotations, and a job summary
                                         when GITHUB_STEP_SUMMARY is set)
              --sarif-category NAME      code scanning category of the SARIF run (default: meshlint)
              --no-repo-context          with files named inside a git work tree, take the mesh
                                         context (Namespaces, IstioOperator) from those files
                                         only, not from the whole work tree
              --fail-on LEVEL            error, warning, note or never (default: error)
              --stdin-filename NAME      the path shown for standard input
              --max-file-size SIZE       skip (and report) larger files, e.g. 8MB, 512KB (default: 8MB)
              --follow-symlinks          follow symbolic links out of the scanned folders
              --no-build                 read every file as written: build no kustomization
                                         and render no chart (by default each kustomization
                                         root is built with kustomize or kubectl, and each
                                         chart rendered with helm, when they are on PATH;
                                         --kustomize and --helm are still accepted)
          -j, --jobs N                   files linted at once (default 0: one per core)
              --no-color                 no colour in text output (also when NO_COLOR is set)
          -c, --config FILE              use FILE instead of the nearest .meshlint.yaml
              --no-config                read no .meshlint.yaml: every built-in rule at its own level
              --select RULES             run only these rules (ids or names, comma-separated, repeatable)
              --ignore RULES             do not run these rules (ids or names, comma-separated, repeatable)
              --no-ignore                also scan what .gitignore files exclude
              --show-suppressed          list findings that inline ignores suppress (text output)
              --baseline FILE            report only findings that are not in FILE
              --write-baseline FILE      record today's findings in FILE and exit 0
          -V, --version                  print the version
          -h, --help                     print this help

        meshlint fix applies the fixes of the findings a scan with the same options reports
        (findings marked [*]), writes each changed file, lints again and prints what remains.
        Its edits are of the files as written, so it reads them as written (as --no-build).
              --diff                     change nothing; print a unified diff of every fix
                                         (exit 1 when there is one)
              --unsafe-fixes             also apply fixes that change behaviour (e.g. renaming
                                         a misspelt ProxyConfig field); see 'meshlint explain'
        With PATH -, the fixed text is written to standard output.

        meshlint server is the language server for editors: LSP on standard input and output
        (docs/editors.md).

        Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 bad usage or unreadable input.
        """;

    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="environment">Reads an environment variable; tests pass their own so runs in parallel do not share one.</param>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var stage = "reading the command line";
        try
        {
            switch (args.FirstOrDefault())
            {
                case "-h" or "--help" or "help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Clean;
                case "-V" or "--version":
                    stdout.WriteLine($"meshlint {Version}");
                    return ExitCodes.Clean;
                case "rules" or "explain" or "startup" or "context" when args.Skip(1).Any(arg => arg is "-h" or "--help"):
                    stdout.WriteLine(Usage);
                    return ExitCodes.Clean;
                case "rules" or "explain":
                    var catalogCommand = CommandLineParser.ParseCatalog(args[0], args.Skip(1).ToList());
                    stage = "reading the rules";
                    return Catalog(args[0], catalogCommand, stdout, stderr, workingDirectory);
                case "startup":
                    var startupCommand = CommandLineParser.ParseInspect(args[0], args.Skip(1).ToList());
                    stage = "modelling the pods' start-up";
                    return ScanViews.Startup(startupCommand, stdout, stderr, workingDirectory, environment);
                case "context":
                    var contextCommand = CommandLineParser.ParseInspect(args[0], args.Skip(1).ToList());
                    stage = "deriving the mesh context";
                    return ScanViews.Context(contextCommand, stdout, stderr, workingDirectory, environment);
                case "diagnose":
                    return DiagnoseCommand.Run(args.Skip(1).ToList(), stdout, stderr);
                case "init":
                    stage = "writing .meshlint.yaml";
                    return InitCommand.Run(args.Skip(1).ToList(), stdout, stderr, workingDirectory);
                case "server" when args.Skip(1).Any(arg => arg is "-h" or "--help"):
                    stdout.WriteLine(Usage);
                    return ExitCodes.Clean;
                case "server":
                    stage = "serving the editor";
                    return ServerCommand.Run(args.Skip(1).ToList(), stderr);
                case "fix" when args.Skip(1).Any(arg => arg is "-h" or "--help"):
                    stdout.WriteLine(Usage);
                    return ExitCodes.Clean;
                case "fix":
                    var fixCommand = CommandLineParser.Parse(args.Skip(1).ToList(), fix: true);
                    stage = "fixing";
                    return FixCommand.Run(fixCommand, stdin, stdout, stderr, workingDirectory);
                default:
                    var command = CommandLineParser.Parse(args);
                    stage = "linting";
                    return Lint(command, stdin, stdout, stderr, workingDirectory, environment, ref stage);
            }
        }
        catch (UsageException usage)
        {
            stderr.WriteLine($"meshlint: {usage.Message}");
            stderr.WriteLine("Run 'meshlint --help' for usage.");
            return ExitCodes.UsageOrInput;
        }
        catch (Exception exception)
        {
            // A defect of MeshLint's own: one line that says what failed, never a runtime crash (exit code 134).
            var debug = environment("MESHLINT_DEBUG") is "1" or "true";
            stderr.WriteLine($"meshlint: internal error while {stage}: {exception.GetType().Name}: {UntrustedText.Printable(exception.Message)}{(debug ? string.Empty : " (MESHLINT_DEBUG=1 shows where)")}");
            if (debug)
            {
                stderr.WriteLine(exception);
            }

            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary><c>meshlint rules</c> and <c>meshlint explain</c>, over the rules (built-in and the user's) that the configuration gives.</summary>
    private static int Catalog(string subcommand, CatalogCommand command, TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var (setup, errors) = ScanSetup.Prepare(command.ToScanRequest(workingDirectory));
        if (setup is null)
        {
            PrintErrors(errors, stderr);
            return ExitCodes.UsageOrInput;
        }

        return subcommand == "explain"
            ? RulesCommand.Explain(setup.Catalog, command.Rule!, stdout, stderr)
            : RulesCommand.List(setup.Catalog, command.Format, stdout, setup.Options.Levels);
    }

    private static int Lint(LintCommand command, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> environment, ref string stage)
    {
        // MESHLINT_TIMING=1 prints where the time went, as ESLint's TIMING does: to find a slow rule or input.
        var timings = environment("MESHLINT_TIMING") is "1" or "true" ? new RunTimings() : null;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Scan.Run(command.ToScanRequest(workingDirectory, stdin) with { Timings = timings, ToolSearchPath = environment("PATH") });
        if (outcome.Setup is not { } setup)
        {
            PrintErrors(outcome.SetupErrors, stderr);
            return ExitCodes.UsageOrInput;
        }

        try
        {
            return Report(command, outcome, setup, stdout, stderr, workingDirectory, environment, timings, ref stage);
        }
        finally
        {
            if (timings is not null)
            {
                var parts = timings.Parts().Sum(part => part.Milliseconds);
                var other = wall.Elapsed.TotalMilliseconds - parts;
                if (other > 0)
                {
                    timings.Add("other (rendering, summary, runtime)", (long)(other * System.Diagnostics.Stopwatch.Frequency / 1000));
                }

                timings.Write(stderr, Math.Max(parts, wall.Elapsed.TotalMilliseconds));
            }
        }
    }

    private static int Report(LintCommand command, ScanOutcome outcome, ScanSetup setup, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> environment, RunTimings? timings, ref string stage)
    {
        foreach (var note in outcome.Notes)
        {
            stderr.WriteLine($"meshlint: note: {UntrustedText.Printable(note)}");
        }

        var result = outcome.Result;
        var debug = environment("MESHLINT_DEBUG") is "1" or "true";
        foreach (var error in result.InputErrors)
        {
            stderr.WriteLine($"meshlint: {UntrustedText.Printable(error.Path)}: {UntrustedText.Printable(error.Message)}");
            if (debug && error.Cause is { } cause)
            {
                stderr.WriteLine(cause);
            }
        }

        var inputErrors = result.InputErrors.Count > 0;
        if (command.WriteBaselineFile is { } writeBaseline)
        {
            stage = "writing the baseline";
            return WriteBaseline(writeBaseline, outcome.Unbaselined, inputErrors, workingDirectory, stderr);
        }

        stage = "writing the reports";
        var terminal = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        var color = command.Reports.Any(request => request is { Format: OutputFormat.Text, File: null }) && !command.NoColor && terminal && string.IsNullOrEmpty(environment("NO_COLOR"));
        var started = RunTimings.Now;
        var written = new ReportTargets(command, setup.Catalog, workingDirectory, environment, color, terminal ? TerminalWidth() : null).WriteAll(result, stdout, stderr);
        timings?.AddSince("write reports", started);
        if (!written || inputErrors)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && result.Findings.Any(finding => finding.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }


    /// <summary>The terminal's columns; the text report's default where the terminal does not say.</summary>
    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal static void PrintErrors(IEnumerable<string> errors, TextWriter stderr)
    {
        foreach (var error in errors)
        {
            stderr.WriteLine($"meshlint: {UntrustedText.Printable(error)}");
        }
    }

    private static int WriteBaseline(string path, IReadOnlyList<Finding> findings, bool inputErrors, string workingDirectory, TextWriter stderr)
    {
        try
        {
            AtomicFile.Write(Path.GetFullPath(path, workingDirectory), writer => Baseline.Write(findings, writer));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"meshlint: cannot write {path}: {exception.Message}");
            return ExitCodes.UsageOrInput;
        }

        stderr.WriteLine($"meshlint: recorded {findings.Count} findings in {path}; run with --baseline {path} to report only new ones.");
        return inputErrors ? ExitCodes.UsageOrInput : ExitCodes.Clean;
    }
}
