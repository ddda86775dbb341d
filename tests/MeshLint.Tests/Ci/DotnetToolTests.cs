using MeshLint.Cli;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The CLI as users install it: packed with <c>dotnet pack</c>, installed with <c>dotnet tool
/// install</c> into a tool path, run as <c>meshlint</c>; then the <c>meshlint-system</c> hook
/// finds that command on PATH.
/// </summary>
public sealed class DotnetToolTests
{
    [SkippableFact]
    public void The_packed_tool_installs_runs_as_meshlint_and_serves_the_system_hook()
    {
        Skip.If(CiPaths.OnPath("dotnet") is null, $"dotnet is not on PATH; {CiPaths.InstallHint}");
        using var work = new TempFolder();
        var packages = Path.Combine(work.Path, "packages");
        var tools = Path.Combine(work.Path, "tools");

        // A separate artifacts path keeps this build from touching the tree the tests run from.
        var pack = ToolProcess.Run("dotnet", ["pack", Path.Combine(CiPaths.RepositoryRoot, "src", "MeshLint.Cli"), "-c", "Release", "-o", packages, "--artifacts-path", Path.Combine(work.Path, "artifacts"), "--nologo"], work.Path);
        pack.ExitCode.ShouldBe(0, pack.ToString());
        Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).ShouldBe([$"MeshLint.{Program.Version}.nupkg"]);

        // Only the packed folder as a source, as pre-commit does, so nothing else named MeshLint can be picked up.
        var config = work.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var install = ToolProcess.Run("dotnet", ["tool", "install", "MeshLint", "--tool-path", tools, "--configfile", config, "--version", Program.Version], work.Path);
        install.ExitCode.ShouldBe(0, install.ToString());

        var version = ToolProcess.Run(Path.Combine(tools, "meshlint"), ["--version"], work.Path);
        version.ExitCode.ShouldBe(0, version.ToString());
        version.Stdout.Trim().ShouldBe($"meshlint {Program.Version}");

        var examples = ToolProcess.Run(Path.Combine(tools, "meshlint"), ["examples"], CiPaths.RepositoryRoot);
        examples.ExitCode.ShouldBe(1, examples.ToString());
        examples.Stdout.ShouldContain("examples/apps/payments.yaml:17:9: error MESH002");

        Skip.If(CiPaths.OnPath("pre-commit") is null || CiPaths.OnPath("git") is null, $"pre-commit or git is not installed; {CiPaths.InstallHint}");
        var repo = Path.Combine(work.Path, "repo");
        TestRepository.Create(repo, git: true);
        TestRepository.Git(repo, "add", ".");
        var hook = ToolProcess.Run("pre-commit", ["try-repo", CiPaths.RepositoryRoot, "meshlint-system", "--all-files"], repo, new Dictionary<string, string?>
        {
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["PRE_COMMIT_HOME"] = Path.Combine(work.Path, "pre-commit-home"),
            ["PRE_COMMIT_COLOR"] = "never",
        });
        hook.ExitCode.ShouldBe(1, hook.ToString());
        hook.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002");
    }
}
