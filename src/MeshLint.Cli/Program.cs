using System.CommandLine;
using System.Reflection;
using MeshLint.Reports;

namespace MeshLint.Cli;

/// <summary>
/// The entry point: parses the arguments with the commands <see cref="CommandTree"/> defines, runs
/// the one they name, and turns a usage error or a defect of MeshLint's own into one line on
/// standard error and exit code 2. The commands do the rest.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());

    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="environment">Reads an environment variable; tests pass their own so runs in parallel do not share one.</param>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?>? environment = null)
    {
        var context = new CliContext(stdin, stdout, stderr, workingDirectory, environment ?? Environment.GetEnvironmentVariable);
        try
        {
            var root = CommandTree.Build(context);

            // The root's own name goes first, as a shell passes it: a first argument that happens to be
            // that name (a folder called meshlint) is then a path, not the command. Response files
            // (@FILE) are off: @ starts file names too.
            var result = root.Parse([root.Name, .. args], new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (UsageErrors.Describe(result, workingDirectory) is { } usage)
            {
                stderr.WriteLine($"meshlint: {UntrustedText.Printable(usage.Message)}");
                stderr.WriteLine($"Run '{usage.Help}' for usage.");
                return ExitCodes.UsageOrInput;
            }

            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception exception)
        {
            // A defect of MeshLint's own: one line that says what failed, never a runtime crash (exit code 134).
            var debug = context.Debug;
            stderr.WriteLine($"meshlint: internal error while {context.Stage}: {exception.GetType().Name}: {UntrustedText.Printable(exception.Message)}{(debug ? string.Empty : " (MESHLINT_DEBUG=1 shows where)")}");
            if (debug)
            {
                stderr.WriteLine(exception);
            }

            return ExitCodes.UsageOrInput;
        }
    }
}
