using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Reports;
using MeshLint.Startup;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Startup;

/// <summary>The shutdown half of the pod model: where the drain comes from, and the order <c>meshlint startup</c> prints.</summary>
public sealed class PodShutdownTests
{
    private const string Operator = """
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata: {name: mesh, namespace: istio-system}
        spec:
          meshConfig:
            defaultConfig:
              holdApplicationUntilProxyStarts: true
              terminationDrainDuration: 1m30s
              proxyMetadata: {EXIT_ON_ZERO_ACTIVE_CONNECTIONS: "true"}
        """;

    private static PodStartup Model(string manifest, string? operatorYaml = null, MeshLint.Mesh.MeshAssumptions? assumptions = null)
    {
        var files = new List<SourceFile> { new("app.yaml", null) { Content = System.Text.Encoding.UTF8.GetBytes(manifest) } };
        if (operatorYaml is not null)
        {
            files.Add(new SourceFile("operator.yaml", null) { Content = System.Text.Encoding.UTF8.GetBytes(operatorYaml) });
        }

        var result = new Linter(new LintOptions { ModelStartup = true, Mesh = (assumptions ?? MeshLint.Mesh.MeshAssumptions.Default) with { AssumeInjection = true } }).Run(files);
        return result.Pods.ShouldHaveSingleItem();
    }

    private static string Deployment(string annotations = "", string spec = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: shop}
        spec:
          template:
            metadata:
              annotations: {{{annotations}}}
            spec:
              {{spec}}
              containers:
              - name: orders
                image: x
                lifecycle:
                  preStop:
                    exec:
                      command: ["/bin/sh", "-c", "sleep 20 && nginx -s quit"]
        """;

    [Fact]
    public void Defaults_are_five_seconds_of_drain_and_thirty_of_grace()
    {
        var shutdown = Model(Deployment()).Shutdown;

        shutdown.Drain.ShouldBe(new ShutdownDuration(5m, "Istio's default"));
        shutdown.GracePeriod.Seconds.ShouldBe(30m);
        shutdown.GracePeriodAt.ShouldBeNull();
        shutdown.ExitOnZeroActiveConnections.On.ShouldBeFalse();
        shutdown.PreStopWaits.ShouldHaveSingleItem().Seconds.ShouldBe(20m);
    }

    [Fact]
    public void The_mesh_wide_default_config_applies_and_the_pod_annotation_overrides_it()
    {
        var mesh = Model(Deployment(), Operator).Shutdown;
        mesh.Drain.Seconds.ShouldBe(90m);
        mesh.Drain.Why.ShouldBe("spec.meshConfig.defaultConfig.terminationDrainDuration: 1m30s at operator.yaml:8");
        mesh.ExitOnZeroActiveConnections.On.ShouldBeTrue();

        var pod = Model(Deployment("proxy.istio.io/config: '{terminationDrainDuration: 2.5s, proxyMetadata: {EXIT_ON_ZERO_ACTIVE_CONNECTIONS: \"false\"}}'", "terminationGracePeriodSeconds: 45"), Operator).Shutdown;
        pod.Drain.Seconds.ShouldBe(2.5m);
        pod.Drain.Text.ShouldBe("2.5s");
        pod.ExitOnZeroActiveConnections.On.ShouldBeFalse();
        pod.GracePeriod.Seconds.ShouldBe(45m);
        pod.GracePeriodAt.ShouldNotBeNull();
    }

    [Fact]
    public void A_drain_istio_cannot_decode_counts_as_absent_and_managed_mode_ignores_the_mesh()
    {
        Model(Deployment(), Operator.Replace("1m30s", "90", StringComparison.Ordinal)).Shutdown.Drain.Seconds.ShouldBe(5m);

        var managed = Model(Deployment("proxy.istio.io/config: '{holdApplicationUntilProxyStarts: true}'"), Operator, new MeshLint.Mesh.MeshAssumptions { Target = new MeshLint.Mesh.DeclaredTarget { Platform = MeshLint.Mesh.MeshPlatform.CsmManaged } }).Shutdown;
        managed.Drain.Seconds.ShouldBe(5m);
        managed.Drain.Why.ShouldContain("does not apply on a managed Cloud Service Mesh");
        managed.ExitOnZeroActiveConnections.On.ShouldBeFalse();
    }

    [Fact]
    public void The_report_shows_who_gets_sigterm_and_when_envoy_stops()
    {
        var pod = Model(Deployment("proxy.istio.io/config: '{holdApplicationUntilProxyStarts: true}'"));
        var writer = new StringWriter();
        StartupReport.WriteText([new StartupEntry(pod, [])], writer, color: false);

        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');
        lines.ShouldContain("  drain:            5s: Istio's default");
        lines.ShouldContain("    0s     orders runs its preStop hook (exec /bin/sh -c sleep 20 && nginx -s quit)");
        lines.ShouldContain("    0s     SIGTERM to istio-proxy: pilot-agent starts draining Envoy");
        lines.ShouldContain("    5s     Envoy stops: the drain of 5s is over (Istio's default)");
        lines.ShouldContain("    20s    SIGTERM to orders, after its preStop wait");
        lines.ShouldContain("    30s    SIGKILL to every container still running (Kubernetes' default terminationGracePeriodSeconds)");
    }

    [Fact]
    public void A_native_proxy_stops_after_the_app()
    {
        var order = Model(Deployment("sidecar.istio.io/nativeSidecar: \"true\"")).ShutdownOrder;

        order.Select(moment => moment.What).ShouldBe([
            "orders runs its preStop hook (exec /bin/sh -c sleep 20 && nginx -s quit)",
            "SIGTERM to orders, after its preStop wait",
            "once every app container has exited: SIGTERM to istio-proxy (a native sidecar), which drains for 5s (Istio's default) and stops",
            "SIGKILL to every container still running (Kubernetes' default terminationGracePeriodSeconds)",
        ]);
    }
}
