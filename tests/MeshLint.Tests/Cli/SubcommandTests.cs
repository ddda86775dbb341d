using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary>Each subcommand takes the options that apply to it and rejects the rest (exit code 2).</summary>
public sealed class SubcommandTests
{
    [Fact]
    public void Rules_reads_the_configuration_given_with_config()
    {
        using var repo = new TempRepository().Write("conf/strict.yaml", "rules:\n  MESH001: error\n  MESH005: off\n");
        repo.Run("rules").Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +warning ");

        var run = repo.Run("rules", "--config", "conf/strict.yaml");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +error ");
        run.Stdout.ShouldMatch(@"MESH005 +annotation-on-wrong-object +off ");
        repo.Run("rules", "--config=conf/strict.yaml").Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +error ");
    }

    [Fact]
    public void Rules_with_no_config_lists_the_built_in_levels()
    {
        using var repo = new TempRepository().Write(".meshlint.yaml", "rules:\n  MESH001: off\n");
        repo.Run("rules").Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +off ");
        repo.Run("rules", "--no-config").Stdout.ShouldMatch(@"MESH001 +proxy-start-hold-missing +warning ");
    }

    [Fact]
    public void Rules_writes_the_readme_table_as_markdown()
    {
        using var repo = new TempRepository();
        var run = repo.Run("rules", "--format", "markdown");
        run.ExitCode.ShouldBe(0, run.Stderr);
        var readme = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var table = run.Stdout.ReplaceLineEndings("\n").Replace("https://github.com/meshlint/meshlint/blob/main/rules/docs/", "rules/docs/", StringComparison.Ordinal);
        table.ShouldStartWith("| id | name | level | finds |");
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2 + MeshLint.Rules.RuleCatalog.BuiltIn.Rules.Count);
        readme.ShouldContain(table.TrimEnd());
    }

    [Fact]
    public void Rules_with_a_missing_configuration_file_is_exit_2_naming_it()
    {
        using var repo = new TempRepository();
        var run = repo.Run("rules", "--config", "nowhere.yaml");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("nowhere.yaml: no such configuration file");
    }

    [Theory]
    [InlineData("rules", "--fail-on", "error")]
    [InlineData("rules", "--select", "MESH001")]
    [InlineData("rules", "extra")]
    [InlineData("rules", "--format", "sarif")]
    [InlineData("explain", "MESH001", "MESH002")]
    [InlineData("explain", "MESH001", "--format", "text")]
    [InlineData("explain")]
    public void Subcommands_reject_what_does_not_apply_to_them(params string[] args)
    {
        using var repo = new TempRepository();
        var run = repo.Run(args);
        run.ExitCode.ShouldBe(2, run.Stdout);
        run.Stderr.ShouldStartWith("meshlint: ");
        run.Stderr.ShouldContain($"Run 'meshlint {args[0]} --help' for usage.");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Explain_finds_user_rules_through_the_configuration_it_is_given()
    {
        using var repo = new TempRepository()
            .Write("policy/rules/ACME001.yaml", File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "examples", "rules", "ACME001.yaml")))
            .Write("policy/meshlint.yaml", "ruleFolders: [rules]\n");
        repo.Run("explain", "ACME001").ExitCode.ShouldBe(2, "without the configuration there is no ACME001");

        var run = repo.Run("explain", "ACME001", "--config", "policy/meshlint.yaml");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("ACME001");
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void Version_has_a_short_flag(string flag)
    {
        using var repo = new TempRepository();
        var run = CliRun.In(repo.Root, flag);
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldMatch(@"^meshlint \d+\.\d+\.\d+");
    }

    [Fact]
    public void Explain_prints_a_keys_registry_entry_when_the_argument_is_not_a_rule()
    {
        using var repo = new TempRepository();
        var run = repo.Run("explain", "sidecar.istio.io/inject");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("sidecar.istio.io/inject: annotation");
        run.Stdout.ShouldContain("sidecar.istio.io/inject: label");
        run.Stdout.ShouldContain("deprecated: use the label sidecar.istio.io/inject instead");
        run.Stdout.ShouldContain("goes in: a workload's pod template (spec.template.metadata.annotations)");
        run.Stdout.ShouldContain("value: enum, one of: true, false");
        run.Stdout.ShouldContain("source: registered in istio/api (label/labels.yaml)");
    }

    [Theory]
    [InlineData("istio-injection", "source: read by istio/istio manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml")]
    [InlineData("vault.hashicorp.com/agent-inject-secret-db", "source: the Vault Agent injector")]
    [InlineData("networking.istio.io/exportTo", "applies to: Service")]
    public void Explain_says_where_a_key_comes_from_and_goes(string key, string expected)
    {
        using var repo = new TempRepository();
        var run = repo.Run("explain", key);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain(expected);
    }

    [Fact]
    public void Explain_shows_the_releases_that_added_deprecated_and_removed_a_key()
    {
        using var repo = new TempRepository();

        var deprecated = repo.Run("explain", "traffic.sidecar.istio.io/kubevirtInterfaces");
        deprecated.ExitCode.ShouldBe(0, deprecated.Stderr);
        deprecated.Stdout.ReplaceLineEndings("\n").ShouldContain("  added in: Istio 1.3 or earlier\n  deprecated in: Istio 1.25\n");
        repo.Run("explain", "sidecar.istio.io/nativeSidecar").Stdout.ShouldContain("added in: Istio 1.24");
        repo.Run("explain", "istio.io/dataplane-mode").Stdout.ShouldContain("added in: Istio 1.18 (read before istio/api listed it in 1.24)");

        var removed = repo.Run("explain", "traffic.istio.io/excludeInterfaces");
        removed.ExitCode.ShouldBe(0, removed.Stderr);
        removed.Stdout.ShouldContain("traffic.istio.io/excludeInterfaces: annotation, removed in Istio 1.23");
        removed.Stdout.ShouldContain("removed in: Istio 1.23 (istio/api dropped it from its registry)");
        removed.Stdout.ShouldContain("use instead: the annotation traffic.sidecar.istio.io/excludeInterfaces");
        removed.Stdout.ShouldNotContain("value:");
        repo.Run("explain", "sidecar.istio.io/enableCoreDump").Stdout.ShouldContain("removed in: Istio 1.24 (Istio stopped reading it; istio/api dropped it in 1.25)");
    }

    [Fact]
    public void Explain_of_an_unknown_key_suggests_the_nearest_and_fails()
    {
        using var repo = new TempRepository();
        var run = repo.Run("explain", "sidecar.istio.io/proxycpu");

        run.ExitCode.ShouldBe(2);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("did you mean sidecar.istio.io/proxyCPU?");
    }
}
