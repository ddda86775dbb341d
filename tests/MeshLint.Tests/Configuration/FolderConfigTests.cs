using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

/// <summary>Each file is linted with the nearest configuration above it, and <c>extends</c> merges one under another.</summary>
public sealed class FolderConfigTests
{
    [Fact]
    public void A_sub_folder_config_sets_levels_for_its_files_only()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "rules:\n  MESH001: {level: error}\n")
            .Write("team/.meshlint.yaml", "rules:\n  MESH002: off\n");

        // The nearest file replaces the root's, as in ruff: team/ is not raised to error without extends.
        repo.Run(".").Findings.ShouldBe(["team/web.yaml:8:5: warning MESH001", "web.yaml:8:5: error MESH001", "web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void A_sub_folder_config_changes_the_mesh_mode_for_its_files_only()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istio.yaml", Manifests.MeshWideHold)
            .Write("team/.meshlint.yaml", "mesh:\n  mode: managed\n");

        repo.Run(".").Findings.ShouldBe(["apps/web.yaml:11:9: error MESH002", "team/web.yaml:8:5: warning MESH001", "team/web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void An_ignore_of_a_rule_its_folder_turns_off_is_not_reported_as_unused()
    {
        var ignored = Manifests.VaultWorkload.Replace("      containers:", "      # meshlint:ignore MESH007 not here\n      containers:", StringComparison.Ordinal);
        using var repo = new TempRepository()
            .Write("web.yaml", ignored)
            .Write("team/web.yaml", ignored)
            .Write(".meshlint.yaml", "rules:\n  MESH001: off\n  MESH002: off\n")
            .Write("team/.meshlint.yaml", "rules:\n  MESH001: off\n  MESH002: off\n  MESH007: off\n");

        repo.Run(".").Findings.ShouldBe(["web.yaml:13:7: note MESH008"]);
    }

    [Fact]
    public void Extends_merges_the_other_file_under_this_one_with_its_paths_relative_to_itself()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write("team/generated/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "rules:\n  MESH001: {level: error}\n  MESH002: off\nexclude:\n  - team/generated/\n")
            .Write("team/.meshlint.yaml", "extends: ../.meshlint.yaml\nrules:\n  MESH002: note\n");

        repo.Run(".").Findings.ShouldBe(["team/web.yaml:8:5: error MESH001", "team/web.yaml:11:9: note MESH002", "web.yaml:8:5: error MESH001"]);
    }

    [Fact]
    public void Context_and_rule_folders_inherited_through_extends_stay_relative_to_the_file_that_wrote_them()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("ci/platform/shop.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {istio-injection: disabled}\n")
            .Write("ci/base.yaml", "context:\n  - platform/shop.yaml\n")
            .Write("apps/.meshlint.yaml", "extends: ../ci/base.yaml\n");

        // The Namespace read for context turns injection off, so the workload has nothing to report.
        var run = repo.Run("apps");
        run.ExitCode.ShouldBe(0);
        run.Findings.ShouldBeEmpty();
        repo.Run("--no-config", "--no-repo-context", "apps").Findings.ShouldNotBeEmpty();
    }

    [Fact]
    public void Rule_folders_inherited_through_extends_are_read_from_the_extended_files_folder()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("ci/rules/ACME001.yaml", """
                id: ACME001
                name: proxy-cpu-required
                level: warning
                summary: Every injected pod sets sidecar.istio.io/proxyCPU.
                check:
                  target: pod-template-metadata
                  require:
                    required: [annotations]
                    properties:
                      annotations:
                        required: [sidecar.istio.io/proxyCPU]
                messages:
                  default: "{object}: set sidecar.istio.io/proxyCPU"

                """)
            .Write("ci/base.yaml", "ruleFolders: [rules]\nrules:\n  MESH001: off\n  MESH002: off\n")
            .Write("apps/.meshlint.yaml", "extends: ../ci/base.yaml\n");

        repo.Run("apps").Findings.ShouldBe(["apps/web.yaml:10:7: warning ACME001"]);
    }

    [Fact]
    public void Extends_merges_mesh_settings_key_by_key()
    {
        using var repo = new TempRepository()
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istio.yaml", Manifests.MeshWideHold)
            .Write("base.yaml", "mesh:\n  mode: managed\n")
            .Write("team/.meshlint.yaml", "extends: ../base.yaml\nmesh:\n  cni: true\n");

        repo.Run(".").Findings.ShouldContain("team/web.yaml:8:5: warning MESH001");
    }

    [Fact]
    public void An_extends_cycle_is_an_error_with_file_and_line()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "extends: ci/base.yaml\n")
            .Write("ci/base.yaml", "rules:\n  MESH001: off\nextends: ../.meshlint.yaml\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("ci/base.yaml:3:1: extends ../.meshlint.yaml, which extends this file again (a cycle)");
        run.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Extending_a_missing_file_is_an_error_with_file_and_line()
    {
        using var repo = new TempRepository()
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write("team/.meshlint.yaml", "rules:\n  MESH001: off\nextends: ../shared.yaml\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("team/.meshlint.yaml:3:1: extends ../shared.yaml, but there is no file shared.yaml");
    }

    [Fact]
    public void An_unknown_rule_in_an_extended_file_is_named_at_that_file()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "extends: ci/base.yaml\n")
            .Write("ci/base.yaml", "rules:\n  MESH042: off\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("ci/base.yaml:2:3: no rule \"MESH042\"");
    }

    [Fact]
    public void An_explicit_config_applies_to_every_folder_and_no_config_to_none()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "rules:\n  MESH001: off\n")
            .Write("team/.meshlint.yaml", "rules:\n  MESH002: off\n");

        repo.Run("--config", ".meshlint.yaml", ".").Findings.ShouldBe(["team/web.yaml:11:9: error MESH002", "web.yaml:11:9: error MESH002"]);
        repo.Run("--no-config", ".").Findings.Count.ShouldBe(4);
    }

    [Fact]
    public void Rules_in_a_sub_folder_shows_that_folders_levels()
    {
        using var repo = new TempRepository()
            .Write(".meshlint.yaml", "rules:\n  MESH002: {level: note}\n")
            .Write("team/.meshlint.yaml", "rules:\n  MESH002: off\n");

        repo.Run("rules").Stdout.ShouldMatch(@"MESH002\s.*\bnote\b");
        repo.RunIn(repo.PathOf("team"), "rules").Stdout.ShouldMatch(@"MESH002\s.*\boff\b");
    }

    [Fact]
    public void A_file_named_alone_as_a_pre_commit_hook_does_gets_its_folders_config()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write("team/web.yaml", Manifests.VaultWorkload)
            .Write("team/.meshlint.yaml", "rules:\n  MESH002: off\n");

        repo.Run("team/web.yaml").Findings.ShouldBe(["team/web.yaml:8:5: warning MESH001"]);
        repo.Run("web.yaml", "team/web.yaml").Findings.ShouldBe(["team/web.yaml:8:5: warning MESH001", "web.yaml:8:5: warning MESH001", "web.yaml:11:9: error MESH002"]);
    }
}
