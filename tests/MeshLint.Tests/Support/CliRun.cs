using MeshLint.Cli;

namespace MeshLint.Tests.Support;

/// <summary>
/// Runs the CLI in process, as a user would from a shell in <c>directory</c>, with captured
/// streams and an environment of its own (empty unless given): tests in parallel share none, and a
/// test run inside GitHub Actions never writes to the real job summary.
/// </summary>
public static class CliRun
{
    public static RunOutcome In(string directory, params string[] args) =>
        Run(directory, string.Empty, new Dictionary<string, string>(), args);

    public static RunOutcome WithStdin(string directory, string stdin, params string[] args) =>
        Run(directory, stdin, new Dictionary<string, string>(), args);

    public static RunOutcome WithEnvironment(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(directory, string.Empty, environment, args);

    private static RunOutcome Run(string directory, string stdin, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, new StringReader(stdin), stdout, stderr, directory, name => environment.GetValueOrDefault(name));
        return new RunOutcome(exit, stdout.ToString(), stderr.ToString());
    }
}
