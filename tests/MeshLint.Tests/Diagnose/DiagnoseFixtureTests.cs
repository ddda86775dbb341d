using Shouldly;
using Xunit;

namespace MeshLint.Tests.Diagnose;

public sealed class DiagnoseFixtureTests
{
    [Fact]
    public void Documented_redis_example_confirms_the_race_with_the_gap_to_proxy_readiness()
    {
        var run = DiagnoseRun.Json("documented-race.gcloud.json");

        run.ExitCode.ShouldBe(1, run.Stderr);
        var race = run.Findings("payments-7d9f8b6c4-x2x9z")["startup-race"];
        race.GetProperty("verdict").GetString().ShouldBe("confirmed");
        // First error 10:41:15.550123456; last 503 at 10:41:58 (x20 every 2 s) -> ready by 10:42:00.
        race.GetProperty("gapSeconds").GetDouble().ShouldBe(44.45);
        race.GetProperty("gapIsLowerBound").GetBoolean().ShouldBeFalse();

        var timeline = race.GetProperty("timeline").EnumerateArray().ToList();
        var firstRefused = timeline.Single(e => e.GetProperty("event").GetString()!.StartsWith("first refused connection in payments", StringComparison.Ordinal));
        firstRefused.GetProperty("time").GetString().ShouldBe("2024-05-14T10:41:15.5501234Z");
        firstRefused.GetProperty("event").GetString()!.ShouldContain("pattern go-dial; 3 refused line(s)");
        DiagnoseRun.TimelineEvents(race).ShouldContain("istio-proxy readiness probe failed: HTTP probe failed with statuscode: 503 (x20 until 2024-05-14T10:41:58.000Z)");
        DiagnoseRun.TimelineEvents(race).ShouldContain(e => e.StartsWith("istio-proxy started", StringComparison.Ordinal));
        DiagnoseRun.TimelineEvents(race).ShouldContain(e => e.StartsWith("istio-proxy ready at the latest (last failed probe + 2 s", StringComparison.Ordinal));
        race.GetProperty("fix").GetProperty("yaml").GetString()!.ShouldContain("proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'");
    }

    [Fact]
    public void Text_report_prints_the_exact_pod_template_yaml_and_the_app_side_poll()
    {
        var run = DiagnoseRun.Of(DiagnoseRun.Fixture("documented-race.gcloud.json"));

        run.ExitCode.ShouldBe(1);
        run.Stdout.ShouldContain("[CONFIRMED] start-up race confirmed: the first refused connection (2024-05-14T10:41:15.550Z) came 44.45 s before istio-proxy was ready (2024-05-14T10:42:00.000Z)");
        run.Stdout.ReplaceLineEndings("\n").ShouldContain(
            """
                spec:
                  template:
                    metadata:
                      annotations:
                        proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
            """.ReplaceLineEndings("\n"));
        run.Stdout.ShouldContain("poll http://localhost:15020/healthz/ready until it returns 200");
    }

    [Fact]
    public void Errors_that_start_after_the_proxy_is_ready_are_not_the_race()
    {
        var run = DiagnoseRun.Json("after-ready.events.json", "orders-5c8d7f9b4-q7w2k_orders.log");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var race = run.Findings("orders-5c8d7f9b4-q7w2k")["startup-race"];
        race.GetProperty("verdict").GetString().ShouldBe("not-the-cause");
        race.GetProperty("summary").GetString()!.ShouldStartWith("not the race: the first refused connection (2024-05-14T09:05:10.204Z)");
        race.TryGetProperty("fix", out _).ShouldBeFalse();
        run.Root.GetProperty("inputs")[1].GetProperty("detail").GetString()
            .ShouldBe("7 lines; pod orders-5c8d7f9b4-q7w2k, container orders (from the file name)");
    }

    [Fact]
    public void Pod_without_proxy_events_is_not_enough_data_and_says_what_to_export()
    {
        var run = DiagnoseRun.Json("cart-no-proxy-events.log");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var race = run.Findings("cart-6b7c9d8f5-zt4mn")["startup-race"];
        race.GetProperty("verdict").GetString().ShouldBe("not-enough-data");
        race.GetProperty("summary").GetString().ShouldBe("not enough data: no istio-proxy events for this pod: export events too");
        race.GetProperty("missing")[0].GetString()!.ShouldContain("kubectl get events -o json");
    }

    [Fact]
    public void Pods_of_one_deployment_are_grouped_and_judged_one_by_one()
    {
        var run = DiagnoseRun.Json("checkout-deployment.gcloud.json");

        run.ExitCode.ShouldBe(1, run.Stderr);
        var workload = run.Root.GetProperty("workloads").EnumerateArray().ShouldHaveSingleItem();
        workload.GetProperty("kind").GetString().ShouldBe("Deployment");
        workload.GetProperty("name").GetString().ShouldBe("checkout");
        workload.GetProperty("pods").GetArrayLength().ShouldBe(3);
        run.Root.GetProperty("summary").GetProperty("startupRaceConfirmed").GetInt32().ShouldBe(2);

        run.Findings("checkout-7f6d5c4b9-bx7kq")["startup-race"].GetProperty("gapSeconds").GetDouble().ShouldBe(10.582);
        run.Findings("checkout-7f6d5c4b9-m2n4p")["startup-race"].GetProperty("gapSeconds").GetDouble().ShouldBe(12.991);
        run.Findings("checkout-7f6d5c4b9-t9w6z")["startup-race"].GetProperty("verdict").GetString().ShouldBe("not-the-cause");
    }

    [Fact]
    public void Text_report_shows_the_fix_once_per_workload_and_strips_escape_sequences_from_log_lines()
    {
        var run = DiagnoseRun.Of(DiagnoseRun.Fixture("checkout-deployment.gcloud.json"));

        run.Stdout.ShouldContain("Deployment shop/checkout (3 pod(s))");
        run.Stdout.Split("holdApplicationUntilProxyStarts").Length.ShouldBe(2);
        // The fixture's structured log has "\u001b[31m...\u001b[0m" around the message.
        run.Stdout.ShouldNotContain("\u001b");
        run.Stdout.ShouldContain("payment backend unavailable rpc error");
    }

    [Fact]
    public void Legacy_container_resource_type_is_read_and_the_proxy_log_times_readiness_exactly()
    {
        var run = DiagnoseRun.Json("legacy-container.gcloud.json");

        run.ExitCode.ShouldBe(1, run.Stderr);
        var workload = run.Root.GetProperty("workloads")[0];
        workload.GetProperty("kind").GetString().ShouldBe("StatefulSet");
        workload.GetProperty("name").GetString().ShouldBe("inventory");
        workload.GetProperty("namespace").GetString().ShouldBe("data");

        var race = run.Findings("inventory-0")["startup-race"];
        race.GetProperty("verdict").GetString().ShouldBe("confirmed");
        // 09:30:04.123456789+02:00 (truncated to ticks) until "Envoy proxy is ready" at 09:30:14.118904+02:00.
        race.GetProperty("gapSeconds").GetDouble().ShouldBe(9.995);
        race.GetProperty("timeline").EnumerateArray()
            .Single(e => e.GetProperty("event").GetString()!.StartsWith("first refused connection", StringComparison.Ordinal))
            .GetProperty("time").GetString().ShouldBe("2024-05-14T07:30:04.1234567Z");
    }

    [Fact]
    public void Events_only_export_reports_missing_app_logs_and_a_proxy_still_not_ready()
    {
        var run = DiagnoseRun.Json("events-only.eventlist.json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var race = run.Findings("payments-7d9f8b6c4-hk5vd")["startup-race"];
        race.GetProperty("verdict").GetString().ShouldBe("not-enough-data");
        race.GetProperty("summary").GetString()!.ShouldContain("no app container logs for this pod");
        // series.count 9 from eventTime 13:00:03.504211 to series.lastObservedTime 13:00:19.504870.
        DiagnoseRun.TimelineEvents(race).ShouldContain("istio-proxy readiness probe failed: HTTP probe failed with statuscode: 503 (x9 until 2024-05-14T13:00:19.504Z)");
        DiagnoseRun.TimelineEvents(race).ShouldContain(e => e.StartsWith("istio-proxy still not ready by the last event", StringComparison.Ordinal));
        run.Stderr.ShouldContain("events-only.eventlist.json entry [11]: event for pod payments-7d9f8b6c4-hk5vd has no usable firstTimestamp");
    }

    [Fact]
    public void Vault_pod_stuck_in_init_gets_the_vault_verdict_and_the_exclusion_fix()
    {
        var run = DiagnoseRun.Json("vault-init.events.json", "billing_billing-api-6c9f7d8b5-wq4rt_vault-agent-init.log");

        run.ExitCode.ShouldBe(1, run.Stderr);
        var findings = run.Findings("billing-api-6c9f7d8b5-wq4rt");
        findings.Keys.ShouldBe(["vault-init-hang"]);
        var vault = findings["vault-init-hang"];
        vault.GetProperty("verdict").GetString().ShouldBe("confirmed");
        vault.GetProperty("summary").GetString()!.ShouldContain("vault-agent-init cannot reach Vault at 10.12.4.7:8200");
        var fix = vault.GetProperty("fix");
        fix.GetProperty("yaml").GetString()!.ShouldContain("traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.12.4.7/32\"");
        var alternatives = string.Join("\n", fix.GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()));
        alternatives.ShouldContain("traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"");
        alternatives.ShouldContain("spec.values.global.proxy.excludeIPRanges");
        run.Root.GetProperty("summary").GetProperty("vaultInitHangConfirmed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Vault_events_without_agent_logs_are_not_enough_data()
    {
        var run = DiagnoseRun.Json("vault-init.events.json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var vault = run.Findings("billing-api-6c9f7d8b5-wq4rt")["vault-init-hang"];
        vault.GetProperty("verdict").GetString().ShouldBe("not-enough-data");
        vault.GetProperty("missing")[0].GetString()!.ShouldContain("kubectl logs POD -c vault-agent-init --timestamps");
    }

    [Fact]
    public void All_fixtures_together_keep_each_pod_apart()
    {
        var run = DiagnoseRun.Json(
            "documented-race.gcloud.json", "after-ready.events.json", "orders-5c8d7f9b4-q7w2k_orders.log",
            "cart-no-proxy-events.log", "checkout-deployment.gcloud.json", "legacy-container.gcloud.json",
            "events-only.eventlist.json", "vault-init.events.json", "billing_billing-api-6c9f7d8b5-wq4rt_vault-agent-init.log");

        run.ExitCode.ShouldBe(1);
        var summary = run.Root.GetProperty("summary");
        summary.GetProperty("pods").GetInt32().ShouldBe(9);
        summary.GetProperty("startupRaceConfirmed").GetInt32().ShouldBe(4);
        summary.GetProperty("vaultInitHangConfirmed").GetInt32().ShouldBe(1);
        // Both payments pods (from different files) land in one workload.
        run.Root.GetProperty("workloads").EnumerateArray()
            .Single(w => w.GetProperty("name").GetString() == "payments")
            .GetProperty("pods").GetArrayLength().ShouldBe(2);
    }
}
