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

    /// <summary>
    /// A Vault pod in namespace prod, a platform Namespace that injects prod, and a test fixture's
    /// Namespace that does not: the fixture is not context for deploy/, so the pod gets MESH001 and
    /// MESH002 whether the file, its folder or the repository is scanned.
    /// </summary>
    [Fact]
    public void A_file_gets_the_same_findings_alone_with_its_folder_and_with_the_repository()
    {
        using var repo = new TempRepository()
            .Write("deploy/app.yaml", Manifests.VaultWorkload.Replace("namespace: shop", "namespace: prod", StringComparison.Ordinal))
            .Write("platform/namespaces.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    istio-injection: enabled\n")
            .Write("tests/fixtures/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    istio-injection: disabled\n")
            .Write("tests/fixtures/service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: m, namespace: prod}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 15020}]\n");

        var file = Findings(CliRun.In(repo.Root, "--format", "json", "deploy/app.yaml"));
        var folder = Findings(CliRun.In(repo.Root, "--format", "json", "deploy"));
        var root = Findings(CliRun.In(repo.Root, "--format", "json", ".")).Where(finding => finding.Path == "deploy/app.yaml").ToList();

        file.Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"]);
        file.ShouldAllBe(finding => finding.Message.Contains("namespace prod has istio-injection=enabled at platform/namespaces.yaml:3"));
        folder.ShouldBe(file);
        root.ShouldBe(file);
    }

    [Fact]
    public void Context_exclude_names_test_data_beyond_the_folders_known_by_name()
    {
        using var repo = new TempRepository()
            .Write("deploy/app.yaml", Manifests.VaultWorkload.Replace("namespace: shop", "namespace: prod", StringComparison.Ordinal))
            .Write("hack/kind/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    istio-injection: disabled\n");

        // hack/ is an ordinary folder: its Namespace turns injection off for deploy/ too.
        CliRun.In(repo.Root, "--format", "json", "deploy").ExitCode.ShouldBe(0);

        repo.Write(".meshlint.yaml", "contextExclude:\n  - hack/\n");
        var run = CliRun.In(repo.Root, "--format", "json", "deploy");
        Findings(run).Select(finding => finding.RuleId).ShouldBe(["MESH001", "MESH002"], run.ToString());
    }

    [Fact]
    public void What_gitignore_excludes_is_not_context()
    {
        using var repo = new TempRepository().WriteShop().Write(".gitignore", "platform/\n");

        var run = CliRun.In(repo.Root, "--format", "json", "apps/bad.yaml");

        // The Namespace is ignored, but apps/good.yaml's proxy.istio.io/config still shows Istio in use,
        // so the namespace no read file defines is assumed injected.
        var findings = Findings(run);
        findings.Select(finding => (finding.Path, finding.RuleId)).ShouldBe([("apps/bad.yaml", "MESH001"), ("apps/bad.yaml", "MESH002")], run.ToString());
        findings.ShouldAllBe(finding => finding.Message.Contains("namespace shop is not among the scanned files, so injection is assumed (Istio is in use: the pod annotation proxy.istio.io/config of Deployment/catalog at apps/good.yaml:10)") && !finding.Message.Contains(Injected), run.ToString());
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
    /// <summary>
    /// Without the work tree the file is judged alone: its namespace is not among the scanned files,
    /// and nothing in it shows Istio in use, so (mesh.assumeInjection: auto) it gets no Istio finding;
    /// with the work tree's Namespace it gets MESH001 and MESH002.
    /// </summary>
    private static void ShouldBeUninjectedShopFindings(RunOutcome run)
    {
        Findings(run).ShouldBeEmpty(run.ToString());
        run.ExitCode.ShouldBe(0, run.ToString());
    }

    private static List<(string Path, int Line, int Column, string RuleId, string Message)> Findings(RunOutcome run)
    {
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("path").GetString()!, item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("ruleId").GetString()!, item.GetProperty("message").GetString()!))
            .ToList();
    }
}
