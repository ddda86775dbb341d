using System.Reflection;
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
          -f, --format text|json|sarif   output format (default: text)
          -o, --output FILE              write the report to FILE instead of standard output
              --fail-on LEVEL            error, warning, note or never (default: error)
              --stdin-filename NAME      the path shown for standard input
              --max-file-size SIZE       skip (and report) larger files, e.g. 8MB, 512KB (default: 8MB)
              --follow-symlinks          follow symbolic links out of the scanned folders
              --helm                     render Helm charts with 'helm template' and lint the output
              --kustomize                lint 'kustomize build' output instead of a kustomization's files
          -j, --jobs N                   files linted at once (default 0: one per core)
              --no-color                 no colour in text output (also when NO_COLOR is set)
              --version                  print the version
          -h, --help                     print this help

        Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 bad usage or unreadable input.
        """;

    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory)
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
                    return RulesCommand.List(RuleCatalog.BuiltIn, stdout);
                case "explain":
                    return RulesCommand.Explain(RuleCatalog.BuiltIn, args.Skip(1).ToList(), stdout, stderr);
                default:
                    return Lint(CommandLineParser.Parse(args), stdin, stdout, stderr, workingDirectory);
            }
        }
        catch (UsageException usage)
        {
            stderr.WriteLine($"meshlint: {usage.Message}");
            stderr.WriteLine("Run 'meshlint --help' for usage.");
            return ExitCodes.UsageOrInput;
        }
    }

    private static int Lint(LintCommand command, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var discovery = FileDiscovery.Discover(command.Paths.Where(path => path != "-"), workingDirectory, command.Discovery);
        foreach (var note in discovery.Notes)
        {
            stderr.WriteLine($"meshlint: note: {UntrustedText.Printable(note)}");
        }

        var allFiles = discovery.Files.ToList();
        if (command.Paths.Contains("-"))
        {
            allFiles.Add(new SourceFile(command.StdinFilename, null) { Content = System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()) });
        }

        var rendered = RenderedManifests.Render(discovery, workingDirectory);
        allFiles.AddRange(rendered.Files);
        var result = rendered.Remap(new Linter(new LintOptions { Jobs = command.Jobs, MaxFileBytes = command.MaxFileBytes }).Run(allFiles));
        var inputErrors = discovery.Errors.Concat(rendered.Errors).Concat(result.InputErrors).ToList();
        foreach (var error in inputErrors)
        {
            stderr.WriteLine($"meshlint: {UntrustedText.Printable(error.Path)}: {error.Message}");
        }

        var color = command.OutputFile is null && !command.NoColor && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        IReport report = command.Format switch
        {
            OutputFormat.Json => new JsonReport(),
            OutputFormat.Sarif => new SarifReport(RuleCatalog.BuiltIn, Version),
            _ => new TextReport(color),
        };

        if (command.OutputFile is { } outputFile)
        {
            try
            {
                AtomicFile.Write(Path.GetFullPath(outputFile, workingDirectory), writer => report.Write(result, writer));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"meshlint: cannot write {outputFile}: {exception.Message}");
                return ExitCodes.UsageOrInput;
            }

            if (command.Format != OutputFormat.Text)
            {
                stderr.WriteLine(TextReport.Summary(result));
            }
        }
        else
        {
            report.Write(result, stdout);
        }

        if (inputErrors.Count > 0)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && result.Findings.Any(finding => finding.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }
}

public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageOrInput = 2;
}

/// <summary>Writes to a temporary file beside the target and renames it, so a reader never sees half a report.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            {
                write(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
