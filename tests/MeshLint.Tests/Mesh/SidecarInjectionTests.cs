using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

public sealed class SidecarInjectionTests
{
    /// <summary>Injection in a scan where Istio is in use (a sign of it elsewhere), unless <paramref name="evidence"/> says there is none.</summary>
    private static InjectionDecision Decide(string podYaml, params NamespaceFacts[] namespaces) => Decide(podYaml, "an IstioOperator", namespaces);

    private static InjectionDecision Decide(string podYaml, string? evidence, params NamespaceFacts[] namespaces)
    {
        var document = new YamlDocumentReader(podYaml).Documents().Single();
        var obj = ObjectReader.Objects("pod.yaml", document).Single();
        var mesh = new MeshContext(namespaces.ToDictionary(ns => ns.Name), null, null) { IstioEvidence = evidence };
        return SidecarInjection.Decide(ObjectReader.PodTemplateOf(obj)!, mesh);
    }

    private static string Pod(string ns = "shop", string labels = "{}", string annotations = "{}", bool hostNetwork = false) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          namespace: {{ns}}
          labels: {{labels}}
          annotations: {{annotations}}
        spec:
          hostNetwork: {{(hostNetwork ? "true" : "false")}}
        """;

    private static NamespaceFacts Namespace(string name, string? injection = null, string? revision = null) => new(name, injection, revision, "ns.yaml:1");

    [Fact]
    public void Unknown_namespace_is_assumed_injected_where_Istio_is_in_use()
    {
        var decision = Decide(Pod());
        decision.Injected.ShouldBeTrue();
        decision.Reason.ShouldBe("namespace shop is not among the scanned files, so injection is assumed (Istio is in use: an IstioOperator)");
    }

    [Fact]
    public void Unknown_namespace_is_not_injected_where_nothing_shows_Istio_in_use()
    {
        var decision = Decide(Pod(), evidence: null);
        decision.Injected.ShouldBeFalse();
        decision.NotChecked.ShouldBeTrue();
        decision.Reason.ShouldBe("namespace shop is not among the scanned files and nothing in the scan shows Istio in use (mesh.assumeInjection: auto)");

        // A pod that opts in with Istio's own label is injected wherever it runs, and shows Istio in use.
        Decide(Pod(labels: "{sidecar.istio.io/inject: \"true\"}"), evidence: null).Injected.ShouldBeTrue();
    }

    [Theory]
    [InlineData("{consul.hashicorp.com/connect-inject: \"true\"}", "Consul's sidecar")]
    [InlineData("{linkerd.io/inject: enabled}", "Linkerd's proxy")]
    public void A_pod_that_asks_another_mesh_for_its_proxy_is_not_an_Istio_pod(string annotations, string mesh)
    {
        var decision = Decide(Pod(annotations: annotations));
        decision.Injected.ShouldBeFalse();
        decision.Reason.ShouldContain(mesh);

        // Unless its namespace is labelled for Istio, which injects whatever the pod asks others for.
        Decide(Pod(annotations: annotations), Namespace("shop", "enabled")).Injected.ShouldBeTrue();
    }

    [Fact]
    public void Host_network_is_never_injected() => Decide(Pod(hostNetwork: true), Namespace("shop", "enabled")).Injected.ShouldBeFalse();

    [Theory]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    [InlineData("kube-node-lease")]
    [InlineData("local-path-storage")]
    public void System_namespaces_are_never_injected(string ns) => Decide(Pod(ns)).Injected.ShouldBeFalse();

    [Fact]
    public void Enabled_namespace_injects() => Decide(Pod(), Namespace("shop", "enabled")).Injected.ShouldBeTrue();

    [Fact]
    public void Other_injection_label_values_do_not_match_the_webhook() =>
        Decide(Pod(labels: "{sidecar.istio.io/inject: 'true'}"), Namespace("shop", "true")).Injected.ShouldBeFalse();

    [Fact]
    public void Revision_label_on_namespace_injects() => Decide(Pod(), Namespace("shop", revision: "1-22")).Injected.ShouldBeTrue();

    [Fact]
    public void Pod_label_false_wins_over_an_enabled_namespace() =>
        Decide(Pod(labels: "{sidecar.istio.io/inject: 'false'}"), Namespace("shop", "enabled")).Injected.ShouldBeFalse();

    [Fact]
    public void Annotation_false_counts_only_without_the_label()
    {
        Decide(Pod(annotations: "{sidecar.istio.io/inject: 'false'}"), Namespace("shop", "enabled")).Injected.ShouldBeFalse();
        Decide(Pod(labels: "{sidecar.istio.io/inject: 'true'}", annotations: "{sidecar.istio.io/inject: 'false'}"), Namespace("shop", "enabled")).Injected.ShouldBeTrue();
    }

    [Fact]
    public void Unlabelled_namespace_needs_the_pod_label_not_the_annotation()
    {
        Decide(Pod(), Namespace("shop")).Injected.ShouldBeFalse();
        Decide(Pod(annotations: "{sidecar.istio.io/inject: 'true'}"), Namespace("shop")).Injected.ShouldBeFalse();
        Decide(Pod(labels: "{sidecar.istio.io/inject: 'true'}"), Namespace("shop")).Injected.ShouldBeTrue();
        Decide(Pod(labels: "{istio.io/rev: canary}"), Namespace("shop")).Injected.ShouldBeTrue();
    }

    [Fact]
    public void Missing_namespace_means_default()
    {
        var pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
        Decide(pod, Namespace("default", "disabled")).Reason.ShouldContain("namespace default");
    }
}
