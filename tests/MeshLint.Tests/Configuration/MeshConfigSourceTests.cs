using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class MeshConfigSourceTests
{
    private const string IstioConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: istio
          namespace: istio-system
        data:
          mesh: |-
            accessLogFile: /dev/stdout
            defaultConfig:
              proxyMetadata:
                holdApplicationUntilProxyStarts: "true"
              terminationDrainDuration: 5

        """;

    private const string IstiodValues = """
        global:
          proxy:
            excludeIPRanges: "10.0.0.5/32"
        meshConfig:
          defaultConfig:
            holdApplicationUntilProxyStarts: true

        """;

    [Fact]
    public void An_istiod_values_file_in_context_covers_hold_and_vault_exclusion()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istiod-values.yaml", IstiodValues)
            .Write(".meshlint.yaml", "context: [platform/istiod-values.yaml]\n");

        var run = repo.Run("apps");

        run.Findings.ShouldBeEmpty();
        run.ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"global": {"proxy": {"excludeIPRanges": "10.0.0.5/32", "holdApplicationUntilProxyStarts": true}}}""", new string[0])]
    [InlineData("""{"global": {"proxy" : {"excludeIPRanges": "10.0.0.5/32"}}}""", new[] { "apps/web.yaml:8:5: warning MESH001" })]
    [InlineData("""{"pilot": {"env": {"ENABLE_NATIVE_SIDECARS": "true"}}, "global": {"proxy": {}}}""", new string[0])]
    [InlineData("""{"apiVersion": "install.istio.io/v1alpha1", "kind": "IstioOperator", "metadata": {"name": "mesh"}, "spec": {"meshConfig": {"defaultConfig": {"holdApplicationUntilProxyStarts": true}}}}""", new[] { "apps/web.yaml:11:9: error MESH002" })]
    [InlineData("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"istio-injection": "disabled"}}}""", new string[0])]
    public void A_manifest_written_as_JSON_feeds_the_mesh_context_like_its_YAML_form(string json, string[] expected)
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("platform/mesh.yaml", json + "\n")
            .Write(".meshlint.yaml", "context: [platform]\n");

        repo.Run("apps").Findings.ShouldBe(expected);
    }

    [Theory]
    [InlineData("global:\n  proxy:\n    excludeIPRanges: 10.0.0.5/32\n")]
    [InlineData("{\"global\": {\"proxy\": {\"excludeIPRanges\": \"10.0.0.5/32\"}}}")]
    [InlineData("{'global': {'proxy' : {'excludeIPRanges': '10.0.0.5/32'}}}")]
    [InlineData("{\"kind\": \"Namespace\"}")]
    [InlineData("{\"meshConfig\": {\"defaultConfig\": {}}}")]
    public void The_byte_prefilter_lets_through_every_form_of_a_context_key(string text) =>
        MeshLint.Mesh.MeshContextBuilder.MayContribute(System.Text.Encoding.UTF8.GetBytes(text)).ShouldBeTrue();

    [Fact]
    public void Managed_mode_ignores_the_values_file_and_names_it()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istiod-values.yaml", IstiodValues)
            .Write(".meshlint.yaml", "mesh: {mode: managed}\ncontext: [platform]\n");

        var run = repo.Run("apps");

        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
        var messages = repo.Run("apps", "--format", "json").Messages;
        messages[0].ShouldContain("meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true at platform/istiod-values.yaml:6 does not apply there");
        messages[1].ShouldContain("global.proxy.excludeIPRanges: \"10.0.0.5/32\" at platform/istiod-values.yaml:3 does not apply there");
    }

    [Fact]
    public void The_istio_ConfigMap_is_checked_with_MESH004_at_lines_inside_its_mesh_block()
    {
        using var repo = new TempRepository().Write("istio.yaml", IstioConfigMap).Write("web.yaml", Manifests.VaultWorkload);

        var run = repo.Run(".");

        // A hold written under proxyMetadata is only an environment variable: no cover for MESH001.
        run.Findings.ShouldBe([
            "istio.yaml:11:9: warning MESH004",
            "istio.yaml:12:7: error MESH004",
            "web.yaml:8:5: warning MESH001",
            "web.yaml:11:9: error MESH002",
        ]);
        repo.Run(".", "--format", "json").Messages[0].ShouldContain("under proxyMetadata it is only an environment variable");
    }

    [Fact]
    public void A_hold_in_the_istio_ConfigMap_covers_every_pod()
    {
        var fixedMap = IstioConfigMap.Replace("  proxyMetadata:\n        holdApplicationUntilProxyStarts: \"true\"\n      terminationDrainDuration: 5", "  holdApplicationUntilProxyStarts: true", StringComparison.Ordinal);
        using var repo = new TempRepository().Write("istio.yaml", fixedMap).Write("web.yaml", Manifests.VaultWorkload);

        repo.Run(".").Findings.ShouldBe(["web.yaml:11:9: error MESH002"]);
    }
}
