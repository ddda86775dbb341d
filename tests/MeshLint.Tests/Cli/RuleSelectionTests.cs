using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary><c>--select</c>, <c>--ignore</c>, <c>--no-config</c> and rule levels written directly in <c>.meshlint.yaml</c>.</summary>
public sealed class RuleSelectionTests
{
    private static TempRepository RepositoryWithVaultDeployment() => new TempRepository().Write("app.yaml", Manifests.VaultDeployment);

    private static string[] RuleIds(RunOutcome run) =>
        run.Stdout.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Match(line, @" (MESH\d{3}) ").Groups[1].Value).Where(id => id.Length > 0).Distinct().Order().ToArray();

    [Fact]
    public void Select_runs_only_the_named_rules_by_id_or_name()
    {
        using var repo = RepositoryWithVaultDeployment();
        RuleIds(repo.Run(".")).ShouldBe(["MESH001", "MESH002"]);

        RuleIds(repo.Run("--select", "MESH002", ".")).ShouldBe(["MESH002"]);
        RuleIds(repo.Run("--select", "proxy-start-hold-missing", ".")).ShouldBe(["MESH001"]);
        RuleIds(repo.Run("--select", "MESH001,MESH002", ".")).ShouldBe(["MESH001", "MESH002"]);
        RuleIds(repo.Run("--select", "MESH001", "--select", "MESH002", ".")).ShouldBe(["MESH001", "MESH002"]);
    }

    [Fact]
    public void Rule_ids_and_names_are_read_in_any_case()
    {
        using var repo = RepositoryWithVaultDeployment();

        RuleIds(repo.Run("--select", "mesh002", ".")).ShouldBe(["MESH002"]);
        RuleIds(repo.Run("--select", "Proxy-Start-Hold-Missing,Mesh002", ".")).ShouldBe(["MESH001", "MESH002"]);
        RuleIds(repo.Run("--ignore", "VAULT-AGENT-WITHOUT-OUTBOUND-EXCLUSION", ".")).ShouldBe(["MESH001"]);
        repo.Run("explain", "mesh002").Stdout.ShouldStartWith("# MESH002: vault-agent-without-outbound-exclusion");

        repo.Write(".meshlint.yaml", "rules:\n  mesh001: off\n");
        RuleIds(repo.Run(".")).ShouldBe(["MESH002"]);
    }

    [Theory]
    [InlineData("--select", "MSH002", "did you mean MESH002? ")]
    [InlineData("--select", "MESH0002", "'meshlint rules' lists them)")]
    [InlineData("--ignore", "proxy-start-hold-mising", "did you mean proxy-start-hold-missing? ")]
    [InlineData("--select", "MESH999", "'meshlint rules' lists them)")]
    public void A_misspelt_rule_is_a_usage_error_that_names_the_nearest(string option, string rule, string expected)
    {
        using var repo = RepositoryWithVaultDeployment();

        var run = repo.Run(option, rule, ".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain($"{option}: no rule \"{rule}\" ({expected}");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Ignore_turns_rules_off_and_wins_over_select()
    {
        using var repo = RepositoryWithVaultDeployment();
        var run = repo.Run("--ignore", "vault-agent-without-outbound-exclusion", ".");
        RuleIds(run).ShouldBe(["MESH001"]);
        run.ExitCode.ShouldBe(0, "MESH001 is a warning, below the default --fail-on error");

        RuleIds(repo.Run("--select", "MESH001,MESH002", "--ignore", "MESH002", ".")).ShouldBe(["MESH001"]);
    }

    [Fact]
    public void Select_brings_back_a_rule_the_configuration_turns_off_and_keeps_a_configured_level()
    {
        using var repo = RepositoryWithVaultDeployment().Write(".meshlint.yaml", "rules:\n  MESH001: off\n  MESH002: {level: warning}\n");
        RuleIds(repo.Run(".")).ShouldBe(["MESH002"]);

        var run = repo.Run("--select", "MESH001,MESH002", ".");
        run.Stdout.ShouldContain("warning MESH001");
        run.Stdout.ShouldContain("warning MESH002", customMessage: "the configured level stays");
    }

    [Fact]
    public void An_unknown_rule_in_select_or_ignore_is_a_usage_error()
    {
        using var repo = RepositoryWithVaultDeployment();
        var run = repo.Run("--select", "MESH001,MESH999", ".");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--select: no rule \"MESH999\"");
        run.Stdout.ShouldBeEmpty();

        repo.Run("--ignore", "not-a-rule", ".").Stderr.ShouldContain("--ignore: no rule \"not-a-rule\"");
        repo.Run("--select", ",", ".").ExitCode.ShouldBe(2);
    }

    [Theory]
    [InlineData("MESH001: off")]
    [InlineData("MESH001: false")]
    [InlineData("proxy-start-hold-missing: \"off\"")]
    [InlineData("MESH001: {level: off}")]
    public void A_level_written_directly_or_as_a_mapping_turns_a_rule_off(string setting)
    {
        using var repo = RepositoryWithVaultDeployment().Write(".meshlint.yaml", $"rules:\n  {setting}\n");
        var run = repo.Run(".");
        run.Stderr.ShouldNotContain(".meshlint.yaml");
        RuleIds(run).ShouldBe(["MESH002"]);
    }

    [Fact]
    public void A_level_written_directly_sets_the_level()
    {
        using var repo = RepositoryWithVaultDeployment().Write(".meshlint.yaml", "rules:\n  MESH001: error\n");
        var run = repo.Run(".");
        run.Stdout.ShouldContain("error MESH001");
        repo.Run("rules").Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +error ");
    }

    [Fact]
    public void A_wrong_direct_level_names_the_file_line_and_the_allowed_values()
    {
        using var repo = RepositoryWithVaultDeployment().Write(".meshlint.yaml", "rules:\n  MESH001: loud\n");
        var run = repo.Run(".");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(".meshlint.yaml:2:3:");
        run.Stderr.ShouldContain("must be one of error, warning, note, off");
    }

    [Fact]
    public void No_config_ignores_the_nearest_configuration_file()
    {
        using var repo = RepositoryWithVaultDeployment().Write(".meshlint.yaml", "rules:\n  MESH002: off\nexclude: [\"app.yaml\"]\n");
        RuleIds(repo.Run(".")).ShouldBeEmpty();
        RuleIds(repo.Run("--no-config", ".")).ShouldBe(["MESH001", "MESH002"]);

        // A configuration that would not even load is not read either.
        repo.Write(".meshlint.yaml", "rules: [broken\n");
        repo.Run(".").ExitCode.ShouldBe(2);
        RuleIds(repo.Run("--no-config", ".")).ShouldBe(["MESH001", "MESH002"]);
        repo.Run("--no-config", "--config", ".meshlint.yaml", ".").Stderr.ShouldContain("either --config or --no-config");
    }
}
