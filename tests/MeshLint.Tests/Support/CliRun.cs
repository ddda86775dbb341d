using System.Diagnostics;
using MeshLint.Cli;

namespace MeshLint.Tests.Support;

/// <summary>
/// Runs the CLI as a user would from a shell in <c>directory</c>, with captured streams and an
/// environment of its own (empty unless given): tests in parallel share none, and a test run
/// inside GitHub Actions never writes to the real job summary.
/// </summary>
/// <remarks>
/// By default the CLI runs in process. With <c>MESHLINT_TEST_EXECUTABLE</c> naming a built
/// <c>meshlint</c> (the Native AOT release binary, say; a relative path is taken from the repository root),
/// every run starts that executable instead,
/// with the same arguments, working directory, standard input and MeshLint-facing environment, so
/// the same tests prove the binary that ships: <c>MESHLINT_TEST_EXECUTABLE=path/to/meshlint dotnet test</c>.
/// </remarks>
public static class CliRun
{
    /// <summary>The variable that names an executable to test instead of the in-process CLI.</summary>
    public const string ExecutableVariable = "MESHLINT_TEST_EXECUTABLE";

    /// <summary>The executable under test, or null when the CLI runs in process.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path
        ? Path.GetFullPath(path, FixturePaths.RepositoryRoot)
        : null;

    public static RunOutcome In(string directory, params string[] args) =>
        Run(directory, string.Empty, new Dictionary<string, string>(), args);

    public static RunOutcome WithStdin(string directory, string stdin, params string[] args) =>
        Run(directory, stdin, new Dictionary<string, string>(), args);

    public static RunOutcome WithEnvironment(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(directory, string.Empty, environment, args);

    private static RunOutcome Run(string directory, string stdin, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        if (Executable is { } executable)
        {
            return RunExecutable(executable, directory, stdin, environment, args);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, new StringReader(stdin), stdout, stderr, directory, name => environment.GetValueOrDefault(name));
        return new RunOutcome(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Variables that the CLI reads, or that could change what it does, are taken out of the
    /// inherited environment, so the executable sees only those the test gives, as the in-process
    /// run does. PATH is one: MeshLint looks for kustomize, kubectl and helm on it, so a kubectl
    /// installed on the machine would otherwise build what the test lints without tools.
    /// </summary>
    private static bool ReadByMeshLint(string name) =>
        name.StartsWith("MESHLINT_", StringComparison.Ordinal) || name.StartsWith("GITHUB_", StringComparison.Ordinal) || name is "NO_COLOR" or "PATH";

    internal static RunOutcome RunExecutable(string executable, string directory, string stdin, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(ReadByMeshLint).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI exited without reading all of its input (a usage error, say); its output tells.
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', args)} did not finish in time");
        }

        return new RunOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
