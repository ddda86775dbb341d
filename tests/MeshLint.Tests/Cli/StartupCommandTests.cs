using System.Text.Json;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary><c>meshlint startup</c> end to end on the examples: Vault and Istio under Istio CNI.</summary>
public sealed class StartupCommandTests
{
    [Fact]
    public void Text_shows_the_modelled_steps_of_one_workload_and_its_findings()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "startup", "--object", "Deployment/orders", "examples");

        run.ExitCode.ShouldBe(1, run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        lines[0].ShouldBe("Deployment/orders in namespace shop (examples/apps/orders.yaml:14)");
        run.Stdout.ShouldContain("Istio CNI:        on: spec.components.cni.enabled: true at examples/platform/istio-operator.yaml:");
        lines.ShouldContain(line => line.StartsWith("  1  vault-agent-init  Vault  init   on        not ready  NO: ", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("  2  istio-validation  Istio  init   on        -          yes: ", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("  3  migrate           pod    init   on        not ready  NO: ", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("  5  orders            pod    app    on        ready      yes: ", StringComparison.Ordinal));
        // The findings as the lint report's full style lays them out, two columns in, with their whole details.
        lines.ShouldContain("  examples/apps/orders.yaml:19:9: error MESH002");
        lines.ShouldContain("  examples/apps/orders.yaml:26:11: warning MESH009");
        lines.SkipWhile(line => !line.StartsWith("  examples/apps/", StringComparison.Ordinal)).ShouldAllBe(line => line.Length <= MeshLint.Reports.TextReport.DefaultWidth);
        var prose = string.Join(' ', lines.Select(line => line.Trim()));
        prose.ShouldContain("vault-agent-without-outbound-exclusion: Deployment/orders: vault-agent-init cannot reach Vault, so the pod hangs in Init");
        prose.ShouldContain("agent-init-first does not help here");
        prose.ShouldContain("or set spec.values.global.proxy.excludeIPRanges mesh-wide. Mesh facts: namespace shop has istio-injection=enabled");
        prose.ShouldContain("init-container-network-blocked: Deployment/orders: the init container migrate");
        run.Stdout.ShouldNotContain("\u001b[");
        run.Stdout.TrimEnd().ShouldEndWith("1 injected pod, 2 findings.");
    }

    [Fact]
    public void Json_has_every_step_with_its_facts()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "startup", "--format", "json", "--object", "deployment/orders", "examples");

        run.ExitCode.ShouldBe(1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var pod = json.RootElement.EnumerateArray().ShouldHaveSingleItem();
        pod.GetProperty("object").GetString().ShouldBe("Deployment/orders");
        pod.GetProperty("cni").GetProperty("on").GetBoolean().ShouldBeTrue();
        pod.GetProperty("vault").GetProperty("initFirst").GetBoolean().ShouldBeTrue();
        var steps = pod.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(step => step.GetProperty("container").GetString()).ShouldBe(["vault-agent-init", "istio-validation", "migrate", "istio-proxy", "orders", "vault-agent"]);
        steps[0].GetProperty("origin").GetString().ShouldBe("Vault");
        steps[0].GetProperty("redirectActive").GetBoolean().ShouldBeTrue();
        steps[0].GetProperty("reachesNetwork").GetBoolean().ShouldBeFalse();
        steps[0].GetProperty("destination").GetString()!.ShouldStartWith("Vault on port 8200");
        steps[2].GetProperty("line").GetInt32().ShouldBe(26);
        pod.GetProperty("findings").EnumerateArray().Select(finding => finding.GetProperty("ruleId").GetString()).ShouldBe(["MESH002", "MESH009"]);
    }

    [Fact]
    public void Without_object_every_injected_workload_is_shown_and_the_exit_code_follows_fail_on()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "startup", "--fail-on", "never", "examples");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Deployment/payments in namespace shop");
        run.Stdout.ShouldContain("StatefulSet/cart in namespace shop");
        run.Stdout.ShouldNotContain("namespace batch"); // istio-injection=disabled: no sidecar, nothing to model
    }

    [Fact]
    public void A_clean_pod_exits_0_and_an_unknown_object_exits_2()
    {
        using var repo = new TempRepository().Write("app.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              annotations:
                proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
            spec:
              containers:
              - name: web
                image: registry.example.com/web:1
            """);
        var clean = repo.Run("startup", "--no-config", "app.yaml");
        clean.ExitCode.ShouldBe(0, clean.Stderr);
        clean.Stdout.ShouldContain("  1  istio-init   Istio  init   off");
        clean.Stdout.ShouldContain("no findings");

        var missing = repo.Run("startup", "--object", "Deployment/web", "app.yaml");
        missing.ExitCode.ShouldBe(2);
        missing.Stderr.ShouldContain("no injected workload Deployment/web in the scanned files");
    }

    [Theory]
    [InlineData("startup", "--object", "orders")]
    [InlineData("startup", "--format", "sarif")]
    [InlineData("startup", "--select", "MESH002")]
    public void Startup_rejects_what_does_not_apply_to_it(params string[] args)
    {
        using var repo = new TempRepository();
        var run = repo.Run(args);
        run.ExitCode.ShouldBe(2, run.Stdout);
        run.Stderr.ShouldStartWith("meshlint: ");
        run.Stdout.ShouldBeEmpty();
    }
}
