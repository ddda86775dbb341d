using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary>
/// The test mode that runs the CLI tests against a built executable (MESHLINT_TEST_EXECUTABLE):
/// the executable gets what the in-process CLI gets, and nothing of the test run's own environment
/// that MeshLint reads.
/// </summary>
public sealed class ExecutableUnderTestTests
{
    [SkippableFact]
    public void An_executable_under_test_gets_the_arguments_directory_input_and_only_the_given_environment()
    {
        Skip.If(OperatingSystem.IsWindows(), "a shell script stands in for the executable");
        var bash = Tools.Require("bash");
        using var work = TempRepository.Folder();
        work.Write("fake-meshlint", $$"""
            #!{{bash}}
            printf 'arg=%s\n' "$@"
            echo "pwd=$(pwd)"
            echo "stdin=$(cat)"
            echo "given=${GITHUB_WORKSPACE:-unset}"
            echo "inherited=${GITHUB_MESHLINT_PROBE:-unset}"
            echo "to stderr" >&2
            exit 3
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work.PathOf("fake-meshlint"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(work.PathOf("repo"));
        Environment.SetEnvironmentVariable("GITHUB_MESHLINT_PROBE", "leaked");
        try
        {
            var run = CliRun.RunExecutable(work.PathOf("fake-meshlint"), work.PathOf("repo"), "kind: Pod", new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = "/ws" }, ["--format", "json", "a b"]);

            run.ExitCode.ShouldBe(3);
            run.Stdout.Split('\n').ShouldBe(["arg=--format", "arg=json", "arg=a b", $"pwd={work.PathOf("repo")}", "stdin=kind: Pod", "given=/ws", "inherited=unset", ""]);
            run.Stderr.ShouldBe("to stderr\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_MESHLINT_PROBE", null);
        }
    }

    /// <summary>
    /// The tools MeshLint runs (kustomize, kubectl, helm) are looked up on PATH, which the in-process
    /// CLI sees only when the test gives it; so does the executable. env prints exactly the
    /// environment it was started with (bash would set a PATH of its own).
    /// </summary>
    [SkippableFact]
    public void An_executable_under_test_gets_a_path_only_when_the_test_gives_one()
    {
        var env = Tools.Require("env");
        using var work = TempRepository.Folder();

        var without = CliRun.RunExecutable(env, work.Root, string.Empty, new Dictionary<string, string>(), []);
        var with = CliRun.RunExecutable(env, work.Root, string.Empty, new Dictionary<string, string> { ["PATH"] = "/given/bin" }, []);

        without.ExitCode.ShouldBe(0, without.ToString());
        without.Stdout.Split('\n').ShouldNotContain(line => line.StartsWith("PATH=", StringComparison.Ordinal));
        with.Stdout.Split('\n').ShouldContain("PATH=/given/bin");
    }
}
