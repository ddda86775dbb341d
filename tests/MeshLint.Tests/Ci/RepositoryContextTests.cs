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
    private const string Injected = "namespace shop has istio-injection=enabled";

    private const string NotScanned = "namespace shop is not among the scanned files";

    [Fact]
    public void Linting_one_file_of_a_git_work_tree_gives_exactly_the_whole_tree_findings_for_that_file()
    {
        using var repo = new TempRepository().WriteShop();

        var whole = CliRun.In(repo.Root, "--format", "json", ".");
        var single = CliRun.In(repo.Root, "--format", "json", "apps/bad.yaml");

        var wholeForFile = Findings(whole).Where(finding => finding.Path == "apps/bad.yaml").ToList();
        wholeForFile.Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"], whole.ToString());
        wholeForFile.ShouldAllBe(finding => finding.Message.Contains(Injected));
        Findings(single).ShouldBe(wholeForFile, single.ToString());
        single.ExitCode.ShouldBe(ExitCodesUnderTest.Findings);
    }

    [Fact]
    public void Context_comes_from_the_work_tree_of_the_file_even_when_run_elsewhere()
    {
        using var repo = TempRepository.Folder().WriteShop("checkout");
        Directory.CreateDirectory(repo.PathOf("checkout/.git"));

        var run = CliRun.In(repo.Root, "--format", "json", "checkout/apps/bad.yaml");

        Findings(run).Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"], run.ToString());
        Findings(run).ShouldAllBe(finding => finding.Path == "checkout/apps/bad.yaml" && finding.Message.Contains(Injected));
    }

    [Fact]
    public void What_gitignore_excludes_is_not_context()
    {
        using var repo = new TempRepository().WriteShop().Write(".gitignore", "platform/\n");

        var run = CliRun.In(repo.Root, "--format", "json", "apps/bad.yaml");

        ShouldBeUninjectedShopFindings(run);
    }

    [Fact]
    public void No_repo_context_lints_the_named_files_alone()
    {
        using var repo = new TempRepository().WriteShop();

        var run = CliRun.In(repo.Root, "--format", "json", "--no-repo-context", "apps/bad.yaml");

        ShouldBeUninjectedShopFindings(run);
    }

    [Fact]
    public void Outside_a_git_work_tree_named_files_are_their_own_context()
    {
        using var repo = TempRepository.Folder().WriteShop();
        WorkTreeContext.RootOf(repo.PathOf("apps/bad.yaml")).ShouldBeNull("the temporary folder must not lie inside a work tree for this test");

        var run = CliRun.In(repo.Root, "--format", "json", "apps/bad.yaml");

        ShouldBeUninjectedShopFindings(run);
    }

    [Fact]
    public void Context_files_are_read_for_the_mesh_context_but_never_reported_on()
    {
        using var repo = TempRepository.Folder().WriteShop().Write("platform/broken.yaml", "kind: Namespace\nmetadata: [unclosed\n");
        var files = FileDiscovery.Expand(["apps/bad.yaml"], repo.Root).Files;
        var context = FileDiscovery.Expand(["."], repo.Root).Files;

        var result = new Linter().Run(files, context);

        result.Findings.Select(finding => finding.Path).Distinct().ShouldBe(["apps/bad.yaml"]);
        result.Findings.Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"]);
        result.Findings.ShouldAllBe(finding => finding.Message.Contains(Injected));
        result.FilesScanned.ShouldBe(1);
        result.InputErrors.ShouldBeEmpty();
    }

    /// <summary>
    /// Without the Namespace, the shop's payments Deployment still has both findings (its namespace
    /// is assumed to inject), each saying the namespace was not scanned.
    /// </summary>
    private static void ShouldBeUninjectedShopFindings(RunOutcome run)
    {
        var findings = Findings(run);
        findings.Select(finding => (finding.Path, finding.RuleId)).ShouldBe([("apps/bad.yaml", "MESH001"), ("apps/bad.yaml", "MESH002")], run.ToString());
        findings.ShouldAllBe(finding => finding.Message.Contains(NotScanned) && !finding.Message.Contains(Injected), run.ToString());
    }

    private static List<(string Path, int Line, int Column, string RuleId, string Message)> Findings(RunOutcome run)
    {
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("path").GetString()!, item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("ruleId").GetString()!, item.GetProperty("message").GetString()!))
            .ToList();
    }
}
