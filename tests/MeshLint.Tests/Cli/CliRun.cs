using MeshLint.Cli;

namespace MeshLint.Tests.Cli;

/// <summary>Runs the CLI in-process with captured streams, as a user would from a shell in <paramref name="directory"/>.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun WithStdin(string directory, string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, new StringReader(stdin), stdout, stderr, directory);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public static CliRun In(string directory, params string[] args) => WithStdin(directory, string.Empty, args);
}
