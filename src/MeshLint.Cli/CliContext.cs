using MeshLint.Input;
using MeshLint.Reports;

namespace MeshLint.Cli;

/// <summary>
/// What one run of the command line works with: its streams, its folder and its environment (tests
/// pass their own, so runs in parallel share none), and the stage it has reached, which an
/// internal error names.
/// </summary>
internal sealed class CliContext(TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory, Func<string, string?> environment)
{
    public TextReader Stdin { get; } = stdin;

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    public string WorkingDirectory { get; } = workingDirectory;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>What the run is doing, for the one line an internal error prints ("internal error while linting").</summary>
    public string Stage { get; set; } = "reading the command line";

    /// <summary><c>MESHLINT_DEBUG=1</c>: print the stack of an internal error and the cause of an input error.</summary>
    public bool Debug => Environment("MESHLINT_DEBUG") is "1" or "true";

    /// <summary>Colour only on a terminal, never when asked not to (<c>--no-color</c>, <c>NO_COLOR</c>).</summary>
    public bool Color(bool noColor) =>
        !noColor && !Console.IsOutputRedirected && ReferenceEquals(Stdout, Console.Out) && string.IsNullOrEmpty(Environment("NO_COLOR"));

    /// <summary>The terminal's columns when standard output is one; null otherwise (the text report then wraps at 80).</summary>
    public int? TerminalWidth
    {
        get
        {
            if (Console.IsOutputRedirected || !ReferenceEquals(Stdout, Console.Out))
            {
                return null;
            }

            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>Errors that stop a run before it reads anything (configuration, user rules), one line each.</summary>
    public void PrintErrors(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            Stderr.WriteLine($"meshlint: {UntrustedText.Printable(error)}");
        }
    }

    /// <summary>A file that could not be read or linted; the rest of the run goes on.</summary>
    public void PrintInputErrors(IEnumerable<Input.InputError> errors)
    {
        foreach (var error in errors)
        {
            Stderr.WriteLine($"meshlint: {UntrustedText.Printable(error.Path)}: {UntrustedText.Printable(error.Message)}");
            if (Debug && error.Cause is { } cause)
            {
                Stderr.WriteLine(cause);
            }
        }
    }
}
