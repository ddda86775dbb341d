using System.Reflection;
using MeshLint.Baselines;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Reports;
using MeshLint.Rules;

namespace MeshLint.Cli;

public static class Program
{
    public const string Usage = """
        Usage: meshlint [options] [PATH...]
               meshlint rules
               meshlint explain RULE
               meshlint diagnose [options] FILE...

        Lints Kubernetes and Istio manifests for service-mesh start-up and annotation mistakes.
        PATH is a file, a directory (searched for *.yaml and *.yml) or - for standard input;
        the default is the current directory.

        Options:
          -f, --format FORMAT            text, json, sarif or github (default: text)
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
              --helm                     render Helm charts with 'helm template' and lint the output
              --kustomize                lint 'kustomize build' output instead of a kustomization's files
          -j, --jobs N                   files linted at once (default 0: one per core)
              --no-color                 no colour in text output (also when NO_COLOR is set)
          -c, --config FILE              use FILE instead of the nearest .meshlint.yaml
              --no-ignore                also scan what .gitignore files exclude
              --show-suppressed          list findings that inline ignores suppress (text output)
              --baseline FILE            report only findings that are not in FILE
              --write-baseline FILE      record today's findings in FILE and exit 0
              --version                  print the version
          -h, --help                     print this help

        Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 bad usage or unreadable input.
        """;

    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="environment">Reads an environment variable; tests pass their own so runs in parallel do not share one.</param>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?>? environment = null)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "-h" or "--help" or "help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Clean;
                case "--version":
                    stdout.WriteLine($"meshlint {Version}");
                    return ExitCodes.Clean;
                case "rules":
                    return SetupFor(workingDirectory, stderr) is { } setup ? RulesCommand.List(setup.Catalog, stdout, setup.Options.Levels) : ExitCodes.UsageOrInput;
                case "explain":
                    return SetupFor(workingDirectory, stderr) is { } rules ? RulesCommand.Explain(rules.Catalog, args.Skip(1).ToList(), stdout, stderr) : ExitCodes.UsageOrInput;
                case "diagnose":
                    return MeshLint.Diagnose.DiagnoseCommand.Run(args.Skip(1).ToList(), stdout, stderr);
                default:
                    return Lint(CommandLineParser.Parse(args), stdin, stdout, stderr, workingDirectory, environment ?? Environment.GetEnvironmentVariable);
            }
        }
        catch (UsageException usage)
        {
            stderr.WriteLine($"meshlint: {usage.Message}");
            stderr.WriteLine("Run 'meshlint --help' for usage.");
            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary>The configuration that applies in <paramref name="workingDirectory"/>: built-in plus user rules, and their levels.</summary>
    private static LintSetup? SetupFor(string workingDirectory, TextWriter stderr)
    {
        var (setup, errors) = LintSetup.Prepare(null, [], workingDirectory, noIgnore: false);
        foreach (var error in errors)
        {
            stderr.WriteLine($"meshlint: {error}");
        }

        return setup;
    }

    private static int Lint(LintCommand command, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> environment)
    {
        var (setup, setupErrors) = LintSetup.Prepare(command.ConfigFile, command.Paths, workingDirectory, command.NoIgnore);
        if (setup is null)
        {
            foreach (var error in setupErrors)
            {
                stderr.WriteLine($"meshlint: {UntrustedText.Printable(error)}");
            }

            return ExitCodes.UsageOrInput;
        }

        Baseline? baseline = null;
        if (command.BaselineFile is { } baselineFile)
        {
            string? problem;
            try
            {
                (baseline, problem) = Baseline.Read(baselineFile, File.ReadAllText(Path.GetFullPath(baselineFile, workingDirectory)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                problem = $"{baselineFile}: cannot read the baseline: {exception.Message}";
            }

            if (problem is not null)
            {
                stderr.WriteLine($"meshlint: {problem}");
                return ExitCodes.UsageOrInput;
            }
        }

        var discovery = FileDiscovery.Discover(command.Paths.Where(path => path != "-"), workingDirectory, command.Discovery, setup.Filter);
        foreach (var note in discovery.Notes)
        {
            stderr.WriteLine($"meshlint: note: {UntrustedText.Printable(note)}");
        }

        var allFiles = discovery.Files.ToList();
        if (command.Paths.Contains("-"))
        {
            allFiles.Add(new SourceFile(command.StdinFilename, null) { Content = System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()) });
        }

        // Files named one by one (a pre-commit hook's changed files) keep the context of their whole work tree.
        var contextFiles = command.RepositoryContext
            ? WorkTreeContext.For(command.Paths.Where(path => path != "-" && File.Exists(Path.GetFullPath(path, workingDirectory))), workingDirectory, setup.Filter)
            : [];
        var rendered = RenderedManifests.Render(discovery, workingDirectory);
        allFiles.AddRange(rendered.Files);
        var options = setup.Options with { Jobs = command.Jobs, MaxFileBytes = command.MaxFileBytes };
        var result = rendered.Remap(new Linter(options, setup.Catalog).Run(allFiles, contextFiles));
        var inputErrors = discovery.Errors.Concat(rendered.Errors).Concat(result.InputErrors).ToList();
        foreach (var error in inputErrors)
        {
            stderr.WriteLine($"meshlint: {UntrustedText.Printable(error.Path)}: {error.Message}");
        }

        if (command.WriteBaselineFile is { } writeBaseline)
        {
            return WriteBaseline(writeBaseline, result, inputErrors.Count > 0, workingDirectory, stderr);
        }

        result = baseline?.Apply(result) ?? result;
        var color = command.Reports.Any(request => request is { Format: OutputFormat.Text, File: null }) && !command.NoColor && !Console.IsOutputRedirected
            && ReferenceEquals(stdout, Console.Out) && string.IsNullOrEmpty(environment("NO_COLOR"));
        if (!new ReportTargets(command, setup.Catalog, workingDirectory, environment, color).WriteAll(result, stdout, stderr))
        {
            return ExitCodes.UsageOrInput;
        }

        if (inputErrors.Count > 0)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && result.Findings.Any(finding => finding.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }


    private static int WriteBaseline(string path, LintResult result, bool inputErrors, string workingDirectory, TextWriter stderr)
    {
        try
        {
            AtomicFile.Write(Path.GetFullPath(path, workingDirectory), writer => Baseline.Write(result.Findings, writer));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"meshlint: cannot write {path}: {exception.Message}");
            return ExitCodes.UsageOrInput;
        }

        stderr.WriteLine($"meshlint: recorded {result.Findings.Count} findings in {path}; run with --baseline {path} to report only new ones.");
        return inputErrors ? ExitCodes.UsageOrInput : ExitCodes.Clean;
    }
}
