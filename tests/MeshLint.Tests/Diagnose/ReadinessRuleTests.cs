using MeshLint.Diagnose;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Diagnose;

/// <summary>The boundaries of the readiness rule documented on StartupRaceAnalyzer.</summary>
public sealed class ReadinessRuleTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 14, 10, 0, 0, TimeSpan.Zero);

    private static Finding RaceFor(Action<EvidenceCollector> feed)
    {
        var collector = new EvidenceCollector(new RefusedConnectionPatterns(RefusedConnectionPatterns.Defaults));
        feed(collector);
        var pods = new PodDiagnoser(new StartupRaceAnalyzer(TimeSpan.FromSeconds(2))).Diagnose(collector.Build());
        return pods.ShouldHaveSingleItem().Findings.Single(f => f.Check == DiagnosisCheck.StartupRace);
    }

    private static void ProxyEvent(EvidenceCollector c, string reason, string message, double first, double? last = null, int count = 1) =>
        c.AddEvent("shop", "api-7d9f8b6c4-x2x9z", new PodEvent("istio-proxy", false, reason, message, T0.AddSeconds(first), T0.AddSeconds(last ?? first), count, new Origin("events.json", "entry [0]")));

    private static void AppLog(EvidenceCollector c, double at, string text) =>
        c.AddLogLine("shop", "api-7d9f8b6c4-x2x9z", "api", T0.AddSeconds(at), text, new Origin("app.log", "line 1"));

    private const string Failed503 = "Readiness probe failed: HTTP probe failed with statuscode: 503";

    [Fact]
    public void Error_before_the_proxy_started_is_the_race_even_without_failed_probes()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Started", "Started container istio-proxy", 5);
            AppLog(c, 3, "dial tcp 10.0.0.1:6379: connect: connection refused");
            AppLog(c, 60, "ok");
        });

        race.Verdict.ShouldBe(Verdict.Confirmed);
        race.GapSeconds.ShouldBe(4); // ready by start + one 2 s probe period
    }

    [Fact]
    public void Error_inside_the_probe_period_after_the_last_failure_cannot_be_decided()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Started", "Started container istio-proxy", 0);
            ProxyEvent(c, "Unhealthy", Failed503, 1, 9, 5);
            AppLog(c, 10, "connect ECONNREFUSED 10.0.0.1:6379");
            AppLog(c, 60, "ok");
        });

        race.Verdict.ShouldBe(Verdict.NotEnoughData);
        race.Summary.ShouldContain("falls inside the probe period");
    }

    [Fact]
    public void Error_at_the_last_failed_probe_is_still_the_race()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Unhealthy", Failed503, 1, 9, 5);
            AppLog(c, 9, "connect ECONNREFUSED 10.0.0.1:6379");
            AppLog(c, 60, "ok");
        });

        race.Verdict.ShouldBe(Verdict.Confirmed);
        race.GapSeconds.ShouldBe(2);
    }

    [Fact]
    public void Probe_period_is_measured_from_separate_failure_events()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Unhealthy", Failed503, 0);
            ProxyEvent(c, "Unhealthy", Failed503, 10);
            ProxyEvent(c, "Unhealthy", Failed503, 20);
            AppLog(c, 1, "connect ECONNREFUSED 10.0.0.1:6379");
            AppLog(c, 90, "ok");
        });

        race.Verdict.ShouldBe(Verdict.Confirmed);
        race.GapSeconds.ShouldBe(29); // ready by 20 + 10 s measured period
    }

    [Fact]
    public void When_the_export_ends_at_the_last_failure_the_gap_is_a_lower_bound()
    {
        var race = RaceFor(c =>
        {
            AppLog(c, 2, "connect ECONNREFUSED 10.0.0.1:6379");
            ProxyEvent(c, "Unhealthy", Failed503, 1, 9, 5);
        });

        race.Verdict.ShouldBe(Verdict.Confirmed);
        race.GapIsLowerBound.ShouldBeTrue();
        race.GapSeconds.ShouldBe(7);
        race.Summary.ShouldContain("still not ready by the last event");
    }

    [Fact]
    public void Error_after_the_last_event_with_the_proxy_not_ready_is_not_enough_data()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Unhealthy", Failed503, 1, 9, 5);
            AppLog(c, 10.5, "connect ECONNREFUSED 10.0.0.1:6379");
        });

        race.Verdict.ShouldBe(Verdict.NotEnoughData);
        race.Summary.ShouldContain("is unknown because the events end there");
    }

    [Fact]
    public void Pilot_agent_ready_line_overrides_the_estimate()
    {
        var race = RaceFor(c =>
        {
            ProxyEvent(c, "Unhealthy", Failed503, 1, 9, 5);
            c.AddLogLine("shop", "api-7d9f8b6c4-x2x9z", "istio-proxy", T0.AddSeconds(9.5), "info\tEnvoy proxy is ready", new Origin("proxy.log", "line 9"));
            AppLog(c, 10, "connect ECONNREFUSED 10.0.0.1:6379");
            AppLog(c, 60, "ok");
        });

        race.Verdict.ShouldBe(Verdict.NotTheCause);
        race.GapSeconds.ShouldBe(0.5);
    }

    [Fact]
    public void Refused_lines_from_sidecar_and_vault_containers_are_not_app_errors()
    {
        var collector = new EvidenceCollector(new RefusedConnectionPatterns(RefusedConnectionPatterns.Defaults));
        collector.AddLogLine("shop", "p-0", "istio-proxy", T0, "dial tcp 10.0.0.2:15012: connect: connection refused", new Origin("f", "e"));
        collector.AddLogLine("shop", "p-0", "vault-agent", T0, "dial tcp 10.0.0.9:8200: connect: connection refused", new Origin("f", "e"));

        var pod = collector.Build().Pods.ShouldHaveSingleItem();
        pod.FirstRefused.ShouldBeNull();
        pod.VaultErrorCount.ShouldBe(1);
    }

    [Fact]
    public void Vault_pod_whose_app_containers_started_is_not_the_init_hang()
    {
        var collector = new EvidenceCollector(new RefusedConnectionPatterns(RefusedConnectionPatterns.Defaults));
        var origin = new Origin("events.json", "entry [0]");
        collector.AddEvent("b", "w-0", new PodEvent("istio-init", true, "Started", "Started container istio-init", T0, T0, 1, origin));
        collector.AddEvent("b", "w-0", new PodEvent("vault-agent-init", true, "Started", "Started container vault-agent-init", T0.AddSeconds(1), T0.AddSeconds(1), 1, origin));
        collector.AddEvent("b", "w-0", new PodEvent("web", false, "Started", "Started container web", T0.AddSeconds(9), T0.AddSeconds(9), 1, origin));
        collector.AddLogLine("b", "w-0", "vault-agent-init", T0.AddSeconds(2), "[ERROR] agent.auth.handler: error authenticating: dial tcp 10.1.1.1:8200: i/o timeout", origin);

        var vault = VaultInitAnalyzer.Analyze(collector.Build().Pods.Single())!;
        vault.Verdict.ShouldBe(Verdict.NotTheCause);
        vault.Summary.ShouldContain("web started");
    }
}

public sealed class ContainerLogFileTests
{
    [Fact]
    public void Pod_and_container_options_override_the_file_name()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"meshlint-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, "app.log");
        File.WriteAllText(log, "2024-05-14T10:00:01.000000001Z connect ECONNREFUSED 10.0.0.1:6379\n");
        try
        {
            var withoutTarget = DiagnoseRun.Of(log);
            withoutTarget.ExitCode.ShouldBe(2);
            withoutTarget.Stderr.ShouldContain("cannot tell which pod and container this log belongs to");

            var run = DiagnoseRun.Of("--format", "json", "--pod", "api-7d9f8b6c4-x2x9z", "--container", "api", "--namespace", "shop", log);
            run.ExitCode.ShouldBe(0, run.Stderr);
            run.Root.GetProperty("inputs")[0].GetProperty("detail").GetString()
                .ShouldBe("1 lines; pod api-7d9f8b6c4-x2x9z, container api (from --pod/--container)");
            run.Root.GetProperty("workloads")[0].GetProperty("namespace").GetString().ShouldBe("shop");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Kubelet_cri_log_files_are_read_with_their_names()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"meshlint-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, $"api-7d9f8b6c4-x2x9z_shop_api-{new string('a', 64)}.log");
        File.WriteAllText(log, "2024-05-14T10:00:01.123456789Z stderr F Error: connect ECONNREFUSED 10.0.0.1:6379\n");
        try
        {
            var run = DiagnoseRun.Of("--format", "json", log);
            var race = run.Findings("api-7d9f8b6c4-x2x9z")["startup-race"];
            DiagnoseRun.TimelineEvents(race).ShouldHaveSingleItem()
                .ShouldBe("first refused connection in api (pattern node-econnrefused; 1 refused line(s) in all): Error: connect ECONNREFUSED 10.0.0.1:6379");
            run.Root.GetProperty("workloads")[0].GetProperty("namespace").GetString().ShouldBe("shop");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
