using MeshLint.Cli;

namespace MeshLint.Tests.Ci;

/// <summary>Runs the CLI in process with an environment of its own, so tests in parallel share none.</summary>
public static class CliRun
{
    public static ToolRun Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var exit = Program.Run(args, new StringReader(string.Empty), stdout, stderr, workingDirectory, name => env.GetValueOrDefault(name));
        return new ToolRun(exit, stdout.ToString(), stderr.ToString());
    }
}
