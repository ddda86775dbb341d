using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class SuppressionTests
{
    [Fact]
    public void A_pod_template_ignore_annotation_suppresses_the_named_rule_only()
    {
        var manifest = Manifests.VaultWorkload.Replace(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/agent-inject: \"true\"\n        meshlint.dev/ignore: \"MESH002\"\n        meshlint.dev/ignore-reason: \"Vault is reached through an egress gateway\"",
            StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        var run = repo.Run(".");

        run.Findings.ShouldBe(["web.yaml:8:5: warning MESH001"]);
        run.ExitCode.ShouldBe(0); // the warning alone does not fail the default --fail-on error
        run.Stdout.ShouldContain("1 suppressed inline");
        run.Stdout.ShouldNotContain("MESH002");

        var shown = repo.Run("--show-suppressed", "--output-format", "concise", ".");
        shown.Stdout.ShouldContain("web.yaml:11:9: suppressed MESH002");
        shown.Stdout.ShouldContain("Vault is reached through an egress gateway");
    }

    [Fact]
    public void A_workload_ignore_annotation_with_a_star_covers_every_rule()
    {
        var manifest = Manifests.VaultWorkload.Replace("  namespace: shop", "  namespace: shop\n  annotations:\n    meshlint.dev/ignore: \"*\"", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        var run = repo.Run(".");

        run.Findings.ShouldBeEmpty();
        run.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void A_comment_ignores_findings_on_its_line_or_the_line_below()
    {
        var manifest = Manifests.VaultWorkload
            .Replace("    metadata:\n      labels", "    # meshlint:ignore MESH001 the app retries its first calls\n    metadata:\n      labels", StringComparison.Ordinal)
            .Replace("agent-inject: \"true\"", "agent-inject: \"true\"  # meshlint:ignore vault-agent-without-outbound-exclusion", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        var run = repo.Run(".");

        run.Findings.ShouldBeEmpty();
        run.Stdout.ShouldContain("2 suppressed inline");
    }

    [Fact]
    public void Stale_ignores_are_reported_as_notes_where_they_are_written()
    {
        var manifest = Manifests.VaultWorkload
            .Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        meshlint.dev/ignore: \"MESH002,MESH006\"", StringComparison.Ordinal)
            .Replace("      containers:", "      # meshlint:ignore MESH007 nothing here\n      containers:", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        var run = repo.Run(".");

        run.Findings.ShouldBe(["web.yaml:8:5: warning MESH001", "web.yaml:12:9: note MESH008", "web.yaml:14:7: note MESH008"]);
        var messages = repo.Run(".", "--format", "json").Messages;
        messages[1].ShouldStartWith("Deployment/web: meshlint.dev/ignore names MESH006, which reports nothing on this object. Remove MESH006 from the list");
        messages[2].ShouldStartWith("this meshlint:ignore comment names MESH007, which reports nothing on this line or the next.");
    }

    [Fact]
    public void An_ignore_for_a_rule_the_config_turns_off_is_not_stale()
    {
        var manifest = Manifests.VaultWorkload.Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        meshlint.dev/ignore: \"MESH002,MESH001\"", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest).Write(".meshlint.yaml", "rules:\n  MESH001: {level: off}\n");

        repo.Run(".").Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Sarif_keeps_suppressed_findings_with_an_in_source_suppression()
    {
        var manifest = Manifests.VaultWorkload.Replace("agent-inject: \"true\"", "agent-inject: \"true\" # meshlint:ignore MESH002 egress gateway", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        var run = repo.Run("--format", "sarif", ".");

        run.ExitCode.ShouldBe(0);
        var results = (JArray)JObject.Parse(run.Stdout)["runs"]![0]!["results"]!;
        var suppressed = results.Single(result => (string?)result["ruleId"] == "MESH002");
        suppressed["suppressions"]![0]!["kind"]!.ToString().ShouldBe("inSource");
        suppressed["suppressions"]![0]!["justification"]!.ToString().ShouldBe("egress gateway");
        results.Single(result => (string?)result["ruleId"] == "MESH001")["suppressions"].ShouldBeNull();
    }

    [Fact]
    public void A_marker_inside_a_string_value_is_not_a_comment()
    {
        var manifest = Manifests.VaultWorkload.Replace("agent-inject: \"true\"", "agent-inject: \"true\"\n        note: \"see meshlint:ignore MESH002\"", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("web.yaml", manifest);

        repo.Run(".").Findings.ShouldContain("web.yaml:11:9: error MESH002");
    }
}
