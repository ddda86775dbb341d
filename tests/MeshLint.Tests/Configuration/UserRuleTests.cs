using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class UserRuleTests
{
    private const string ProxyCpuRule = """
        id: ACME001
        name: proxy-cpu-required
        level: warning
        summary: Every injected pod sets sidecar.istio.io/proxyCPU.
        check:
          target: pod-template-metadata
          injectedOnly: true
          require:
            required: [annotations]
            properties:
              annotations:
                required: [sidecar.istio.io/proxyCPU]
        messages:
          default: "{object}: set sidecar.istio.io/proxyCPU ({property} is missing)"

        """;

    [Fact]
    public void A_user_rule_fires_at_the_line_of_the_failing_key_and_only_on_injected_pods()
    {
        using var repo = new TempRepository()
            .Write(".meshlint/rules/ACME001.yaml", ProxyCpuRule)
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/batch.yaml", Manifests.VaultWorkload.Replace("labels: {app: web, service.istio.io/canonical-name: web}", "labels: {app: web, service.istio.io/canonical-name: web, sidecar.istio.io/inject: \"false\"}", StringComparison.Ordinal))
            .Write(".meshlint.yaml", "rules:\n  MESH002: {level: off}\n");

        var run = repo.Run(".", "--output-format", "concise");

        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:10:7: warning ACME001"]);
        run.Stdout.ShouldContain("ACME001 proxy-cpu-required: Deployment/web: set sidecar.istio.io/proxyCPU (sidecar.istio.io/proxyCPU is missing)\n");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("apps/.meshlint.yaml")]
    [InlineData(".meshlint.yaml")]
    public void The_repositorys_rules_are_found_from_any_folder_of_it(string? config)
    {
        using var repo = new TempRepository()
            .Write(".meshlint/rules/ACME001.yaml", ProxyCpuRule)
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/team/api.yaml", Manifests.VaultWorkload.Replace("name: web", "name: api", StringComparison.Ordinal));
        if (config is not null)
        {
            repo.Write(config, "rules:\n  MESH001: off\n");
        }

        string[] expected = ["apps/team/api.yaml:10:7: warning ACME001", "apps/web.yaml:10:7: warning ACME001"];
        Acme(repo.Run(".")).ShouldBe(expected);
        Acme(repo.RunIn(repo.PathOf("apps"), ".")).ShouldBe(["team/api.yaml:10:7: warning ACME001", "web.yaml:10:7: warning ACME001"]);
        Acme(repo.RunIn(repo.PathOf("apps/team"), "api.yaml")).ShouldBe(["api.yaml:10:7: warning ACME001"]);
        Acme(repo.RunIn(repo.PathOf("apps"), "team")).ShouldBe(["team/api.yaml:10:7: warning ACME001"]);
        repo.RunIn(repo.PathOf("apps/team"), "rules").Stdout.ShouldContain("ACME001  proxy-cpu-required");
    }

    [Fact]
    public void Rule_folders_a_configuration_names_stay_relative_to_it()
    {
        using var repo = new TempRepository()
            .Write(".meshlint/rules/ACME001.yaml", ProxyCpuRule)
            .Write("apps/.meshlint.yaml", "ruleFolders: [policy]\n")
            .Write("apps/web.yaml", Manifests.VaultWorkload);

        Acme(repo.RunIn(repo.PathOf("apps"), ".")).ShouldBeEmpty("ruleFolders replaces the default folder");
    }

    private static List<string> Acme(RunOutcome run) => run.Findings.Where(finding => finding.EndsWith("ACME001", StringComparison.Ordinal)).ToList();

    [Theory]
    [InlineData("", true)]
    [InlineData("judges: present\n", true)]
    [InlineData("judges: missing\n", false)]
    public void A_user_rule_that_judges_something_missing_skips_Kustomize_patches(string judges, bool firesOnPatch)
    {
        using var repo = new TempRepository()
            .Write(".meshlint/rules/ACME001.yaml", judges + ProxyCpuRule)
            .Write("overlay/kustomization.yaml", "resources:\n  - ../base\npatches:\n  - path: team.patch.yaml\n")
            .Write("overlay/team.patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n        example.com/team: shop\n")
            .Write("base/web.yaml", Manifests.VaultWorkload);

        var acme = repo.Run(".").Findings.Where(finding => finding.Contains("ACME001", StringComparison.Ordinal)).ToList();

        acme.ShouldContain("base/web.yaml:10:7: warning ACME001");
        acme.Any(finding => finding.StartsWith("overlay/team.patch.yaml", StringComparison.Ordinal)).ShouldBe(firesOnPatch);
    }

    [Fact]
    public void The_example_rules_run_as_shipped()
    {
        var examples = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "rules");
        using var repo = new TempRepository()
            .Write(".meshlint.yaml", $"ruleFolders: ['{examples.Replace('\\', '/')}']\nrules:\n  MESH001: {{level: off}}\n  MESH002: {{level: off}}\n")
            .Write("web.yaml", Manifests.VaultWorkload.Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.0.0.0/8,0.0.0.0/0\"", StringComparison.Ordinal));

        var run = repo.Run(".");

        run.Findings.ShouldBe(["web.yaml:10:7: warning ACME001", "web.yaml:12:9: error ACME002"]);
    }

    [Fact]
    public void Sarif_describes_user_rules_without_pointing_at_the_built_in_docs()
    {
        using var repo = new TempRepository().Write(".meshlint/rules/ACME001.yaml", ProxyCpuRule).Write("web.yaml", Manifests.VaultWorkload);

        var sarif = Newtonsoft.Json.Linq.JObject.Parse(repo.Run("--format", "sarif", ".").Stdout);

        var rules = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!;
        var rule = rules.Single(r => (string?)r["id"] == "ACME001");
        rule["fullDescription"]!["text"]!.ToString().ShouldBe("Every injected pod sets sidecar.istio.io/proxyCPU.");
        rule["helpUri"].ShouldBeNull();
        ((string?)rules.Single(r => (string?)r["id"] == "MESH001")["helpUri"]).ShouldEndWith("rules/docs/MESH001.md");
        var result = sarif["runs"]![0]!["results"]!.Single(r => (string?)r["ruleId"] == "ACME001");
        ((int)result["ruleIndex"]!).ShouldBe(rules.ToList().IndexOf(rule));
    }

    [Fact]
    public void The_rules_command_lists_user_rules_and_explain_prints_their_doc()
    {
        using var repo = new TempRepository()
            .Write(".meshlint/rules/ACME001.yaml", ProxyCpuRule)
            .Write(".meshlint/rules/ACME001.md", "# ACME001: proxy-cpu-required\n\nOur capacity plan needs it.\n")
            .Write(".meshlint.yaml", "rules:\n  ACME001: {level: error}\n  MESH008: {level: off}\n");

        var list = repo.RunIn(repo.Root, "rules").Stdout;
        list.ShouldContain("ACME001  proxy-cpu-required                       error    Every injected pod sets sidecar.istio.io/proxyCPU.");
        list.ShouldContain("MESH008  unused-ignore                            off ");
        list.ShouldContain("MESH001  proxy-start-hold-missing                 warning ");
        repo.RunIn(repo.Root, "explain", "proxy-cpu-required").Stdout.ShouldContain("Our capacity plan needs it.");
    }

    [Theory]
    [InlineData("id: MESH100\nname: mine\nlevel: note\nsummary: s\nmessages: {default: m}\ncheck: {target: pod-spec, require: {}}\n", "ACME001.yaml:1:5: rule id MESH100 uses the prefix MESH")]
    [InlineData("id: ACME001\nname: mine\nlevel: note\nsummary: s\nmessages: {default: m}\ncheck:\n  target: pods\n  require: {}\n", "ACME001.yaml:7:3: \"check.target\"")]
    [InlineData("id: ACME001\nname: mine\nlevel: loud\nsummary: s\nmessages: {default: m}\ncheck: {target: pod-spec, require: {}}\n", "ACME001.yaml:3:1: \"level\" must be one of error, warning, note")]
    [InlineData("id: ACME001\nname: mine\nlevel: note\nsummary: s\nmessages: {other: m}\ncheck: {target: pod-spec, require: {}}\n", "ACME001.yaml:5:1: messages has no \"default\" entry")]
    [InlineData("id: ACME001\nname: mine\nlevel: note\nsummary: s\nmessages: {default: m}\ncheck: {target: pod-spec, require: {$ref: \"#/definitions/nope\"}}\n", "ACME001.yaml:6:1: the check is not a usable JSON Schema")]
    [InlineData("id: ACME001\nname: mine\nlevel: note\nsummary: s\nmessages: {default: m}\n", "ACME001.yaml:1:1: the file needs \"check\"")]
    [InlineData("id: ACME001\n  name: [", "ACME001.yaml:2:")]
    public void An_invalid_rule_file_is_an_error_naming_file_and_line(string rule, string expected)
    {
        using var repo = new TempRepository().Write(".meshlint/rules/ACME001.yaml", rule).Write("web.yaml", Manifests.VaultWorkload);

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(expected);
    }
}
