using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>
/// MESH014, MESH015 and MESH004 judged by the target's Istio release: a key or ProxyConfig field that
/// release does not read yet, or no longer reads, and a key it has deprecated.
/// </summary>
public sealed class IstioReleaseRuleTests
{
    private static readonly IReadOnlyList<IObjectRule> Rules = BuiltInRules.For(RuleCatalog.BuiltIn);

    private static MinorRelease? Release(string? text) => text is null ? null : MinorRelease.Parse(text).ShouldNotBeNull();

    /// <summary>The messages <paramref name="ruleId"/> reports on <paramref name="yaml"/> for Istio <paramref name="release"/> (null: none known).</summary>
    private static List<string> Findings(string ruleId, string yaml, string? release)
    {
        var document = new YamlDocumentReader(yaml).Documents().Single();
        var obj = ObjectReader.Objects("input.yaml", document).Single();
        var findings = new List<Finding>();
        var check = new ObjectCheck(obj, MeshContext.Empty, RuleCatalog.BuiltIn, id => RuleCatalog.BuiltIn[id].DefaultLevel, findings);
        var rule = Rules.Single(candidate => candidate.Id == ruleId).ShouldBeAssignableTo<IIstioReleaseRule>().ShouldNotBeNull();
        rule.Check(check, Release(release));
        return findings.Select(finding => $"{finding.Level.Name()} {finding.Message}").ToList();
    }

    private static string PodAnnotations(string annotations, string labels = "app: web") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            metadata:
              labels: {{{labels}}}
              annotations: {{{annotations}}}
            spec:
              containers: [{name: app, image: app}]
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("1.24")]
    [InlineData("1.30")]
    public void MESH014_takes_native_sidecar_from_1_24(string? release)
    {
        Findings("MESH014", PodAnnotations("sidecar.istio.io/nativeSidecar: \"true\""), release).ShouldBeEmpty();
    }

    [Fact]
    public void MESH014_calls_a_key_unknown_before_the_release_that_added_it_and_names_both_releases()
    {
        Findings("MESH014", PodAnnotations("sidecar.istio.io/statsFlushInterval: \"10s\""), "1.27").ShouldBe(
        [
            "warning Deployment/web: the annotation sidecar.istio.io/statsFlushInterval is newer than the target's Istio 1.27. It was added in Istio 1.28; the target runs 1.27, which ignores it, so in spec.template.metadata.annotations it has no effect.",
        ]);
        Findings("MESH014", PodAnnotations("sidecar.istio.io/statsFlushInterval: \"10s\""), "1.28").ShouldBeEmpty();

        // sidecar.istio.io/nativeSidecar before 1.24 is MESH017's, which weighs it against the whole target.
        Findings("MESH014", PodAnnotations("sidecar.istio.io/nativeSidecar: \"true\""), "1.23").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1.24", "Istio 1.6 and later ignore it, and the target runs 1.24, so")]
    [InlineData("1.9", "Istio 1.6 and later ignore it, and the target runs 1.9, so")]
    [InlineData(null, "Istio 1.6 and later ignore it, so")]
    public void MESH014_calls_control_plane_auth_policy_removed_from_the_release_istio_stopped_reading_it(string? release, string says)
    {
        var findings = Findings("MESH014", PodAnnotations("sidecar.istio.io/controlPlaneAuthPolicy: MUTUAL_TLS"), release);

        findings.ShouldHaveSingleItem().ShouldBe($"warning Deployment/web: the annotation sidecar.istio.io/controlPlaneAuthPolicy was removed in Istio 1.6. {says} in spec.template.metadata.annotations it has no effect.");
        Findings("MESH015", PodAnnotations("sidecar.istio.io/controlPlaneAuthPolicy: MUTUAL_TLS"), release).ShouldBeEmpty("a key Istio no longer reads is MESH014's");
    }

    [Fact]
    public void MESH014_takes_control_plane_auth_policy_where_istio_still_read_it()
    {
        Findings("MESH014", PodAnnotations("sidecar.istio.io/controlPlaneAuthPolicy: MUTUAL_TLS"), "1.5").ShouldBeEmpty();
    }

    [Fact]
    public void MESH014_names_the_successor_of_a_removed_key()
    {
        var findings = Findings("MESH014", PodAnnotations("traffic.istio.io/includeOutboundPorts: \"8080\""), "1.23");

        findings.ShouldHaveSingleItem().ShouldEndWith("was removed in Istio 1.23. Istio 1.23 and later ignore it, and the target runs 1.23, so in spec.template.metadata.annotations it has no effect; use the annotation traffic.sidecar.istio.io/includeOutboundPorts in spec.template.metadata.annotations instead.");
        Findings("MESH014", PodAnnotations("traffic.istio.io/includeOutboundPorts: \"8080\""), "1.22").ShouldBeEmpty("istio/api 1.22 listed it");
    }

    [Theory]
    [InlineData("1.23", 0)]
    [InlineData("1.24", 1)]
    [InlineData(null, 1)]
    public void MESH014_calls_enable_core_dump_removed_once_the_injection_template_dropped_it(string? release, int findings)
    {
        Findings("MESH014", PodAnnotations("sidecar.istio.io/enableCoreDump: \"true\""), release).Count.ShouldBe(findings);
    }

    [Theory]
    [InlineData("1.20", "MESH014", "It was added in Istio 1.21; the target runs 1.20")]
    [InlineData("1.21", null, null)]
    [InlineData("1.28", null, null)]
    [InlineData("1.29", "MESH014", "was removed in Istio 1.29. Istio 1.29 and later ignore it, and the target runs 1.29")]
    [InlineData(null, "MESH014", "was removed in Istio 1.29. Istio 1.29 and later ignore it, so")]
    public void Stats_compression_is_read_from_1_21_to_1_28(string? release, string? rule, string? says)
    {
        var yaml = PodAnnotations("sidecar.istio.io/statsCompression: gzip");
        var mesh014 = Findings("MESH014", yaml, release);
        var mesh015 = Findings("MESH015", yaml, release);

        if (rule is null)
        {
            mesh014.ShouldBeEmpty();
        }
        else
        {
            mesh014.ShouldHaveSingleItem().ShouldContain(says!);
        }

        mesh015.ShouldBeEmpty("istio/api deprecated it in 1.29, the release that stopped reading it");
    }

    [Theory]
    [InlineData("1.23", null)]
    [InlineData("1.24", " Did you mean sidecar.istio.io/nativeSidecar?")]
    public void MESH014_suggests_only_keys_the_release_reads(string release, string? suggestion)
    {
        var finding = Findings("MESH014", PodAnnotations("sidecar.istio.io/nativeSidecars: \"true\""), release).ShouldHaveSingleItem();

        finding.ShouldEndWith("Istio does not read the annotation sidecar.istio.io/nativeSidecars. So in spec.template.metadata.annotations it has no effect." + suggestion);
    }

    [Fact]
    public void MESH014_knows_a_label_from_the_release_istio_read_it_not_from_its_registry()
    {
        var yaml = PodAnnotations("example.com/team: web", "istio.io/dataplane-mode: ambient");

        Findings("MESH014", yaml, "1.18").ShouldBeEmpty("ztunnel's ambient mode read it in 1.18, istio/api listed it in 1.24");
        Findings("MESH014", yaml, "1.17").ShouldHaveSingleItem().ShouldContain("the label istio.io/dataplane-mode is newer than the target's Istio 1.17. It was added in Istio 1.18; the target runs 1.17, which ignores it, so in spec.template.metadata.labels");
    }

    [Theory]
    [InlineData("1.24", null)]
    [InlineData("1.25", " since Istio 1.25")]
    [InlineData("1.30", " since Istio 1.25")]
    [InlineData(null, "")]
    public void MESH015_reports_kubevirt_interfaces_from_the_release_that_deprecated_it(string? release, string? since)
    {
        var findings = Findings("MESH015", PodAnnotations("traffic.sidecar.istio.io/kubevirtInterfaces: net1"), release);

        if (since is null)
        {
            findings.ShouldBeEmpty();
            return;
        }

        findings.ShouldHaveSingleItem().ShouldBe($"note Deployment/web: the annotation traffic.sidecar.istio.io/kubevirtInterfaces is deprecated{since}. A later Istio release may stop reading it; use the annotation istio.io/reroute-virtual-interfaces in spec.template.metadata.annotations instead.");
    }

    [Theory]
    [InlineData("1.14", 0)]
    [InlineData("1.15", 1)]
    public void MESH015_reports_the_inject_annotation_from_1_15(string release, int findings)
    {
        Findings("MESH015", PodAnnotations("sidecar.istio.io/inject: \"false\""), release).Count.ShouldBe(findings);
    }

    [Theory]
    [InlineData("1.28", "warning Deployment/web: \"fileFlushInterval\" in proxy.istio.io/config has no effect. Field \"fileFlushInterval\" came to ProxyConfig in Istio 1.29, and the target runs 1.28, which ignores it.")]
    [InlineData("1.29", null)]
    [InlineData(null, null)]
    public void MESH004_reports_a_proxy_config_field_the_release_lacks(string? release, string? expected)
    {
        var yaml = PodAnnotations("proxy.istio.io/config: '{holdApplicationUntilProxyStarts: true, fileFlushInterval: 2s}'");

        Findings("MESH004", yaml, release).ShouldBe(expected is null ? [] : [expected]);
    }

    [Theory]
    [InlineData("1.16", 0)]
    [InlineData("1.17", 1)]
    [InlineData(null, 1)]
    public void MESH004_reports_a_removed_proxy_config_field_in_the_mesh_default(string? release, int findings)
    {
        const string operatorConfig = """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            metadata:
              name: control-plane
            spec:
              meshConfig:
                defaultConfig:
                  parentShutdownDuration: 60s
            """;

        var found = Findings("MESH004", operatorConfig, release);

        found.Count.ShouldBe(findings);
        found.ShouldAllBe(message => message.Contains("\"parentShutdownDuration\" in spec.meshConfig.defaultConfig has no effect. Field \"parentShutdownDuration\" was removed from ProxyConfig in Istio 1.17"));
    }
}
