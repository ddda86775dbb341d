using MeshLint.Cli;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The CLI as users install it: packed with <c>dotnet pack</c>, installed with <c>dotnet tool
/// install</c> into a tool path, run as <c>meshlint</c>; then the <c>meshlint-system</c> hook
/// finds that command on PATH. pre-commit's own dotnet install runs the same two commands (pack,
/// then tool install from the packed folder); PreCommitTests checks what it installs. The pack
/// runs in the shared copy of the sources (<see cref="SourceSnapshot"/>), where the Action's
/// build from source may already have compiled the same Release build.
/// </summary>
[Integration]
public sealed class DotnetToolTests
{
    [SkippableFact]
    public void The_packed_tool_installs_runs_as_meshlint_and_serves_the_system_hook()
    {
        var dotnet = Tools.Require("dotnet");
        using var work = TempRepository.Folder();
        var packages = work.PathOf("packages");
        var tools = work.PathOf("tools");

        // The copy keeps this build away from the tree the tests run from.
        var snapshot = SourceSnapshot.Current;
        RunOutcome pack;
        using (snapshot.Lock())
        {
            pack = ToolProcess.Run(dotnet, ["pack", Path.Combine(snapshot.Root, "src", "MeshLint.Cli"), "-c", "Release", "-o", packages, "--nologo"], work.Root);
        }

        pack.ExitCode.ShouldBe(0, pack.ToString());
        Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).ShouldBe([$"MeshLint.{Program.Version}.nupkg"]);

        // Only the packed folder as a source, as pre-commit does, so nothing else named MeshLint can be picked up.
        work.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var install = ToolProcess.Run(dotnet, ["tool", "install", "MeshLint", "--tool-path", tools, "--configfile", work.PathOf("nuget.config"), "--version", Program.Version], work.Root);
        install.ExitCode.ShouldBe(0, install.ToString());

        ReadyToRun.ShouldBePrecompiledUnder(tools);

        var version = ToolProcess.Run(Path.Combine(tools, "meshlint"), ["--version"], work.Root);
        version.ExitCode.ShouldBe(0, version.ToString());
        version.Stdout.Trim().ShouldBe($"meshlint {Program.Version}");

        var examples = ToolProcess.Run(Path.Combine(tools, "meshlint"), ["examples"], FixturePaths.RepositoryRoot);
        examples.ExitCode.ShouldBe(1, examples.ToString());
        examples.Stdout.ShouldContain("examples/apps/payments.yaml:17:9: error MESH002");

        var preCommit = Tools.Require("pre-commit");
        using var repo = TempRepository.Folder().WriteShop();
        repo.Git("init", "--quiet");
        repo.Git("add", ".");
        var config = snapshot.WritePreCommitConfig(work.PathOf("pre-commit-config.yaml"), "meshlint-system");
        var hook = ToolProcess.Run(preCommit, ["run", "--config", config, "meshlint-system", "--all-files"], repo.Root, new Dictionary<string, string?>
        {
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["PRE_COMMIT_HOME"] = snapshot.PreCommitHome,
            ["PRE_COMMIT_COLOR"] = "never",
        });
        hook.ExitCode.ShouldBe(1, hook.ToString());
        hook.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002");
    }
}
