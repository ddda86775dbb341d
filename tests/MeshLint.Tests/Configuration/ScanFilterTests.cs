using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class ScanFilterTests
{
    [Fact]
    public void A_directory_scan_skips_hidden_and_gitignored_folders_unless_told_not_to()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("node_modules/chart/web.yaml", Manifests.VaultWorkload)
            .Write("build/out/web.yaml", Manifests.VaultWorkload)
            .Write(".cache/web.yaml", Manifests.VaultWorkload)
            .Write(".gitignore", "node_modules/\n")
            .Write("build/.gitignore", "out/\n");

        var run = repo.Run(".");
        run.Stdout.ShouldContain("in 1 file");
        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);

        var all = repo.Run("--no-ignore", ".");
        all.Stdout.ShouldContain("in 3 files"); // hidden folders stay skipped
        all.Findings.ShouldContain("node_modules/chart/web.yaml:11:9: error MESH002");
    }

    [Fact]
    public void A_gitignore_above_the_scanned_folder_applies_up_to_the_repository_root()
    {
        using var repo = new TempRepository()
            .Write("deploy/apps/web.yaml", Manifests.VaultWorkload)
            .Write("deploy/apps/generated/web.yaml", Manifests.VaultWorkload)
            .Write(".gitignore", "generated/\n");

        var run = repo.Run("deploy/apps");
        run.Stdout.ShouldContain("in 1 file");
        run.Findings.ShouldBe(["deploy/apps/web.yaml:8:5: warning MESH001", "deploy/apps/web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void A_folder_named_on_the_command_line_is_read_even_when_gitignore_excludes_it()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("build/manifests/web.yaml", Manifests.VaultWorkload)
            .Write("build/manifests/tmp/web.yaml", Manifests.VaultWorkload)
            .Write("build/manifests/.gitignore", "tmp/\n")
            .Write(".gitignore", "/build/\n");

        var whole = repo.Run(".");
        whole.Stdout.ShouldContain("in 1 file");
        whole.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
        var named = repo.Run("build/manifests");
        named.Stdout.ShouldContain("in 1 file", customMessage: "the named folder is read, and its own .gitignore still applies inside it");
        named.Findings.ShouldContain("build/manifests/web.yaml:11:9: error MESH002");
    }

    [Fact]
    public void Include_and_exclude_globs_are_relative_to_the_config_and_apply_to_named_files_too()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/web.test.yaml", Manifests.VaultWorkload)
            .Write("vendor/lib/web.yaml", Manifests.VaultWorkload)
            .Write("docs/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "include: ['apps/**', 'vendor/**']\nexclude: ['vendor/', '**/*.test.yaml']\n");

        var run = repo.Run(".");
        run.Stdout.ShouldContain("in 1 file");
        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);

        // A pre-commit hook passes file names; the excludes still hold.
        var named = repo.Run("vendor/lib/web.yaml", "apps/web.yaml");
        named.Stdout.ShouldContain("in 1 file");
        named.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void Outside_a_repository_a_gitignore_above_the_configured_folder_is_not_read()
    {
        using var outer = new TempRepository();
        Directory.Delete(Path.Combine(outer.Root, ".git"));
        outer.Write(".gitignore", "apps/\n").Write("project/.meshlint.yaml", "mesh: {}\n").Write("project/apps/web.yaml", Manifests.VaultWorkload);

        var run = outer.RunIn(outer.PathOf("project"), ".");
        run.Stdout.ShouldContain("in 1 file");
        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
    }
}
