using MeshLint.Engine;
using MeshLint.Input;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// A pre-commit hook names only changed files; their findings must be those a full scan gives
/// for them, because the Namespace that turns on injection is read from the whole work tree.
/// </summary>
public sealed class RepositoryContextTests
{
    [SkippableFact]
    public void Linting_one_file_of_a_git_work_tree_gives_exactly_the_whole_tree_findings_for_that_file()
    {
        Skip.If(CiPaths.OnPath("git") is null, "git is not installed; " + CiPaths.InstallHint);
        using var repo = new TempFolder();
        TestRepository.Create(repo.Path, git: true);

        var whole = CliRun.Run(repo.Path, null, "--format", "json", ".");
        var single = CliRun.Run(repo.Path, null, "--format", "json", "apps/bad.yaml");

        var wholeForFile = Findings(whole).Where(finding => finding.Path == "apps/bad.yaml").ToList();
        wholeForFile.Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"], whole.ToString());
        wholeForFile.ShouldAllBe(finding => finding.Message.Contains("namespace shop has istio-injection=enabled"));
        Findings(single).ShouldBe(wholeForFile, single.ToString());
        single.ExitCode.ShouldBe(ExitCodesUnderTest.Findings);
    }

    [SkippableFact]
    public void Context_comes_from_the_work_tree_of_the_file_even_when_run_elsewhere()
    {
        Skip.If(CiPaths.OnPath("git") is null, "git is not installed; " + CiPaths.InstallHint);
        using var repo = new TempFolder();
        TestRepository.Create(Path.Combine(repo.Path, "checkout"), git: true);

        var run = CliRun.Run(repo.Path, null, "--format", "json", "checkout/apps/bad.yaml");

        Findings(run).Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"], run.ToString());
        Findings(run).ShouldAllBe(finding => finding.Path == "checkout/apps/bad.yaml" && finding.Message.Contains("namespace shop has istio-injection=enabled"));
    }

    [SkippableFact]
    public void What_gitignore_excludes_is_not_context()
    {
        Skip.If(CiPaths.OnPath("git") is null, "git is not installed; " + CiPaths.InstallHint);
        using var repo = new TempFolder();
        TestRepository.Create(repo.Path, git: true);
        TestRepository.Write(repo.Path, ".gitignore", "platform/");

        var run = CliRun.Run(repo.Path, null, "--format", "json", "apps/bad.yaml");

        Findings(run).ShouldAllBe(finding => finding.Message.Contains("namespace shop is not among the scanned files"), run.ToString());
    }

    [SkippableFact]
    public void No_repo_context_lints_the_named_files_alone()
    {
        Skip.If(CiPaths.OnPath("git") is null, "git is not installed; " + CiPaths.InstallHint);
        using var repo = new TempFolder();
        TestRepository.Create(repo.Path, git: true);

        var run = CliRun.Run(repo.Path, null, "--format", "json", "--no-repo-context", "apps/bad.yaml");

        Findings(run).ShouldAllBe(finding => finding.Message.Contains("namespace shop is not among the scanned files"), run.ToString());
    }

    [Fact]
    public void Outside_a_git_work_tree_named_files_are_their_own_context()
    {
        using var repo = new TempFolder();
        TestRepository.Create(repo.Path, git: false);
        WorkTreeContext.RootOf(Path.Combine(repo.Path, "apps", "bad.yaml")).ShouldBeNull("the temporary folder must not lie inside a work tree for this test");

        var run = CliRun.Run(repo.Path, null, "--format", "json", "apps/bad.yaml");

        Findings(run).ShouldAllBe(finding => finding.Message.Contains("namespace shop is not among the scanned files"), run.ToString());
    }

    [Fact]
    public void Context_files_are_read_for_the_mesh_context_but_never_reported_on()
    {
        using var repo = new TempFolder();
        TestRepository.Create(repo.Path, git: false);
        TestRepository.Write(repo.Path, "platform/broken.yaml", "kind: Namespace\nmetadata: [unclosed");
        var files = FileDiscovery.Expand(["apps/bad.yaml"], repo.Path).Files;
        var context = FileDiscovery.Expand(["."], repo.Path).Files;

        var result = new Linter().Run(files, context);

        result.Findings.Select(finding => finding.Path).Distinct().ShouldBe(["apps/bad.yaml"]);
        result.Findings.Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"]);
        result.Findings.ShouldAllBe(finding => finding.Message.Contains("namespace shop has istio-injection=enabled"));
        result.FilesScanned.ShouldBe(1);
        result.InputErrors.ShouldBeEmpty();
    }

    private static List<(string Path, int Line, int Column, string RuleId, string Message)> Findings(ToolRun run)
    {
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("path").GetString()!, item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("ruleId").GetString()!, item.GetProperty("message").GetString()!))
            .ToList();
    }
}
