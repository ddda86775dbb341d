using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>
/// MESH005's page says which placements it never reports, though the registry's kinds would call
/// them wrong; this holds the page to what the rule does.
/// </summary>
public sealed class AnnotationOnWrongObjectDocTests
{
    private const string Placements = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: istio-sidecar-injector
          labels:
            istio.io/rev: canary
          annotations:
            istio.io/rev: canary
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istiod
          labels:
            istio.io/rev: canary
        spec:
          selector: {matchLabels: {app: istiod}}
          template:
            metadata:
              labels:
                app: istiod
                gateway.networking.k8s.io/gateway-name: ingress
            spec:
              containers: [{name: discovery, image: istio/pilot}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: ingress-istio-6ff4
          labels:
            gateway.networking.k8s.io/gateway-name: ingress
        spec:
          containers: [{name: istio-proxy, image: istio/proxyv2}]
        ---
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: model
          annotations:
            networking.istio.io/exportTo: "."
            sidecar.istio.io/proxyCPU: 100m
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            gateway.networking.k8s.io/gateway-name: ingress

        """;

    [Fact]
    public void The_page_names_what_the_rule_never_reports_and_the_rule_keeps_to_it()
    {
        var page = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "rules", "docs", "MESH005.md"));
        page.ShouldContain("### What it never reports");
        page.ShouldContain("**The label `istio.io/rev`, on any object.**");
        page.ShouldContain("**The label `gateway.networking.k8s.io/gateway-name` on a pod or a pod template.**");
        page.ShouldContain("**Keys on the own metadata of an object outside the Kubernetes API groups**");
        page.ShouldContain("**the Gateway API**");
        page.ShouldContain("**and Istio's**");

        using var repo = new TempRepository().Write("placements.yaml", Placements);
        var run = repo.Run("--no-config", "--select", "MESH005", "placements.yaml");

        // Only the two that are wrong: the annotation istio.io/rev off a pod, and gateway-name on a ConfigMap.
        run.Findings.ShouldBe(["placements.yaml:8:5: warning MESH005", "placements.yaml:48:5: warning MESH005"]);
        run.Stdout.ShouldContain("ConfigMap/istio-sidecar-injector: the annotation istio.io/rev");
        run.Stdout.ShouldContain("ConfigMap/settings: the label gateway.networking.k8s.io/gateway-name");
    }
}
