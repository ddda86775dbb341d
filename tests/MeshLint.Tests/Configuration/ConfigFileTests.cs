using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class ConfigFileTests
{
    [Fact]
    public void Without_a_config_the_built_in_levels_apply()
    {
        using var repo = new TempRepository().Write("apps/web.yaml", Manifests.VaultWorkload);

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(1);
        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void Helm_values_name_values_files_per_chart_and_those_files_are_values_files()
    {
        using var repo = new TempRepository()
            .Write("charts/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n")
            .Write("env/prod.yaml", "proxy:\n  cpu: 1\nproxy:\n  cpu: 2\n")
            .Write(".meshlint.yaml", """
                helm:
                  values:
                    charts/shop: [env/prod.yaml]
                """);

        var run = repo.Run(".");

        // Not a manifest by its content; a values file by the configuration, where a duplicate key drops a block.
        run.Findings.ShouldBe(["env/prod.yaml:3:1: error MESH000"]);
        run.Stdout.ShouldContain("Helm keeps only the last value of a duplicate key");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_a_note_on_stderr_and_no_finding()
    {
        using var repo = new TempRepository().Write("big.yaml", Manifests.VaultWorkload);

        var run = repo.Run(".", "--max-file-size", "100");

        run.ExitCode.ShouldBe(0);
        run.Findings.ShouldBeEmpty();
        run.Stderr.ShouldContain("meshlint: note: big.yaml: larger than the 100 bytes limit (--max-file-size); not read");
    }

    [Fact]
    public void Helm_values_must_map_chart_folders_to_lists_of_files()
    {
        using var repo = new TempRepository()
            .Write("app.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "helm:\n  values:\n    charts/shop: env/prod.yaml\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(".meshlint.yaml:3");
    }

    [Fact]
    public void An_unquoted_off_turns_a_rule_off_and_a_level_can_be_raised()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", """
                rules:
                  MESH002:
                    level: off
                  proxy-start-hold-missing:
                    level: error
                """);

        var run = repo.Run(".");

        run.Findings.ShouldBe(["apps/web.yaml:8:5: error MESH001"]);
        run.ExitCode.ShouldBe(1);
    }

    [Theory]
    [InlineData("off", new string[0])]
    [InlineData("warning", new[] { "broken.yaml:3:1: warning MESH000" })]
    [InlineData("note", new[] { "broken.yaml:3:1: note MESH000" })]
    public void MESH000_follows_its_configured_level_and_off_reports_nothing(string level, string[] expected)
    {
        using var repo = new TempRepository()
            .Write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n")
            .Write(".meshlint.yaml", $"rules:\n  MESH000: {{level: {level}}}\n");

        var run = repo.Run(".");

        run.Findings.ShouldBe(expected);
        run.ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("off", null)]
    [InlineData("error", "note")]
    [InlineData("warning", "note")]
    [InlineData("note", "note")]
    public void The_go_template_note_keeps_its_place_below_MESH000s_level_and_goes_with_off(string level, string? expected)
    {
        using var repo = new TempRepository()
            .Write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    {{- include \"labels\" . | nindent 4 }}\n")
            .Write(".meshlint.yaml", $"rules:\n  MESH000: {{level: {level}}}\n");

        var run = repo.Run(".");

        run.Findings.ShouldBe(expected is null ? [] : [$"service.yaml:4:9: {expected} MESH000"]);
    }

    [Theory]
    [InlineData("off", new string[0])]
    [InlineData("warning", new[] { "web.yaml:12:9: warning MESH008", "web.yaml:14:7: warning MESH008" })]
    public void MESH008_follows_its_configured_level_for_annotation_and_comment_ignores(string level, string[] expected)
    {
        var manifest = Manifests.VaultWorkload
            .Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        meshlint.dev/ignore: \"MESH002,MESH006\"", StringComparison.Ordinal)
            .Replace("      containers:", "      # meshlint:ignore MESH007 nothing here\n      containers:", StringComparison.Ordinal);
        using var repo = new TempRepository()
            .Write("web.yaml", manifest)
            .Write(".meshlint.yaml", $"rules:\n  MESH001: {{level: off}}\n  MESH008: {{level: {level}}}\n");

        repo.Run(".").Findings.ShouldBe(expected);
    }

    [Fact]
    public void The_config_is_found_in_a_parent_folder_of_the_scanned_path_but_not_above_the_repository()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "rules:\n  MESH001: {level: off}\n  MESH002: {level: off}\n");

        repo.RunIn(Path.Combine(repo.Root, "apps"), "web.yaml").ExitCode.ShouldBe(0);

        // A .meshlint.yaml above the repository root (a folder with .git) is not read.
        using var outer = new TempRepository().Write(".meshlint.yaml", "rules:\n  MESH002: {level: off}\n");
        var inner = Path.Combine(outer.Root, "checkout");
        Directory.CreateDirectory(Path.Combine(inner, ".git"));
        File.WriteAllText(Path.Combine(inner, "web.yaml"), Manifests.VaultWorkload);
        outer.RunIn(inner, ".").Findings.ShouldContain("web.yaml:11:9: error MESH002");
    }

    [Fact]
    public void A_meshlint_yml_is_found_like_a_meshlint_yaml()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yml", "rules:\n  MESH002: {level: off}\n");

        var run = repo.RunIn(Path.Combine(repo.Root, "apps"), ".");

        run.Findings.ShouldBe(["web.yaml:8:5: warning MESH001"]);
        repo.Run("rules").Stdout.ShouldMatch(@"MESH002\s.*\boff\b");
    }

    [Fact]
    public void A_meshlint_yaml_and_a_meshlint_yml_in_one_folder_are_an_error_naming_both()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "rules:\n  MESH001: {level: off}\n")
            .Write(".meshlint.yml", "rules:\n  MESH002: {level: off}\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(".meshlint.yaml");
        run.Stderr.ShouldContain(".meshlint.yml");
        run.Findings.ShouldBeEmpty();
        // With --config the choice is made, so nothing is ambiguous.
        repo.Run("--config", ".meshlint.yml", ".").Findings.ShouldBe(["web.yaml:8:5: warning MESH001"]);
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_with_file_line_and_suggestion()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write(".meshlint.yaml", "mesh:\n  mode: managed\n  asumeInjection: false\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(".meshlint.yaml:3:3: unknown setting \"asumeInjection\"; did you mean \"assumeInjection\"?");
        run.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mesh:\n  mode: hybrid\n", ".meshlint.yaml:2:3: \"mesh.mode\" must be one of in-cluster, managed, not the string \"hybrid\"")]
    [InlineData("rules:\n  MESH001:\n    level: loud\n", ".meshlint.yaml:3:5: \"rules.MESH001.level\" must be one of error, warning, note, off")]
    [InlineData("rules:\n  MESH042: {level: note}\n", ".meshlint.yaml:2:3: no rule \"MESH042\"")]
    [InlineData("exclude: vendor/\n", ".meshlint.yaml:1:1: \"exclude\" must be a list")]
    [InlineData("mesh: [\n", ".meshlint.yaml:2:1:")]
    public void Bad_configs_are_errors_naming_file_and_line(string config, string expected)
    {
        using var repo = new TempRepository().Write("web.yaml", Manifests.VaultWorkload).Write(".meshlint.yaml", config);

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(expected);
    }

    [Fact]
    public void An_explicit_config_file_is_used_and_a_missing_one_is_an_error()
    {
        using var repo = new TempRepository()
            .Write("web.yaml", Manifests.VaultWorkload)
            .Write("ci/strict.yaml", "rules:\n  MESH001: {level: off}\n");

        repo.Run("--config", "ci/strict.yaml", ".").Findings.ShouldBe(["web.yaml:11:9: error MESH002"]);

        var missing = repo.Run("--config", "nope.yaml", ".");
        missing.ExitCode.ShouldBe(2);
        missing.Stderr.ShouldContain("nope.yaml: no such configuration file");
    }
}
