using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

public sealed class MeshSettingsTests
{
    [Fact]
    public void In_cluster_a_mesh_wide_hold_from_an_IstioOperator_covers_every_pod()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istio.yaml", Manifests.MeshWideHold);

        repo.Run(".").Findings.ShouldBe(["apps/web.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void In_managed_mode_a_mesh_wide_hold_does_not_silence_MESH001_and_the_message_says_why()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("platform/istio.yaml", Manifests.MeshWideHold)
            .Write(".meshlint.yaml", "mesh:\n  mode: managed\n");

        var run = repo.Run(".");

        run.Findings.ShouldBe(["apps/web.yaml:8:5: warning MESH001", "apps/web.yaml:11:9: error MESH002"]);
        var hold = repo.Run(".", "--format", "json").Messages[0];
        hold.ShouldContain("a managed Cloud Service Mesh control plane honours the hold only at pod level");
        hold.ShouldContain("spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true at platform/istio.yaml:9 does not apply there");
        hold.ShouldNotContain("or set spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true mesh-wide");
    }

    [Fact]
    public void Without_assumed_injection_a_pod_in_an_unscanned_namespace_is_not_injected_unless_it_opts_in()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/opted-in.yaml", Manifests.VaultWorkload.Replace("labels: {app: web, service.istio.io/canonical-name: web}", "labels: {app: web, service.istio.io/canonical-name: web, sidecar.istio.io/inject: \"true\"}", StringComparison.Ordinal))
            .Write(".meshlint.yaml", "mesh:\n  assumeInjection: false\n");

        repo.Run(".").Findings.ShouldBe(["apps/opted-in.yaml:8:5: warning MESH001", "apps/opted-in.yaml:11:9: error MESH002"]);
    }

    [Fact]
    public void Native_sidecars_make_MESH001_and_MESH002_moot_unless_the_pod_opts_out()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/opted-out.yaml", Manifests.VaultWorkload.Replace("vault.hashicorp.com/agent-inject: \"true\"", "sidecar.istio.io/nativeSidecar: \"false\"", StringComparison.Ordinal))
            .Write(".meshlint.yaml", "mesh:\n  nativeSidecars: true\n");

        // The native istio-proxy is ready before vault-agent-init starts, so web reaches Vault.
        repo.Run(".").Findings.ShouldBe(["apps/opted-out.yaml:8:5: warning MESH001"]);
    }

    [Fact]
    public void A_mesh_wide_ENABLE_NATIVE_SIDECARS_covers_every_pod_but_one_that_opts_out()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            .Write("apps/opted-out.yaml", Manifests.VaultWorkload.Replace("vault.hashicorp.com/agent-inject: \"true\"", "sidecar.istio.io/nativeSidecar: \"false\"", StringComparison.Ordinal))
            .Write("platform/istio.yaml", """
                apiVersion: install.istio.io/v1alpha1
                kind: IstioOperator
                metadata:
                  name: mesh
                spec:
                  values:
                    pilot:
                      env:
                        ENABLE_NATIVE_SIDECARS: "true"

                """);

        var run = repo.Run(".");

        run.Findings.ShouldBe(["apps/opted-out.yaml:8:5: warning MESH001"]);
        repo.Run(".", "--format", "json").Messages.ShouldHaveSingleItem()
            .ShouldContain("sidecar.istio.io/nativeSidecar: \"false\" opts out of spec.values.pilot.env.ENABLE_NATIVE_SIDECARS: \"true\" at platform/istio.yaml:9");
    }

    [Fact]
    public void Context_paths_feed_the_mesh_context_without_being_reported_on()
    {
        using var repo = new TempRepository()
            .Write("apps/web.yaml", Manifests.VaultWorkload)
            // The platform folder holds a mesh-wide hold and a broken manifest of its own.
            .Write("platform/istio.yaml", Manifests.MeshWideHold)
            .Write("platform/broken.yaml", "kind: [\n")
            .Write(".meshlint.yaml", "context:\n  - platform\n");

        var run = repo.Run("apps");

        run.Findings.ShouldBe(["apps/web.yaml:11:9: error MESH002"]);
        run.Stdout.ShouldContain("in 1 file");
    }

    [Fact]
    public void A_missing_context_path_is_an_error()
    {
        using var repo = new TempRepository().Write("web.yaml", Manifests.VaultWorkload).Write(".meshlint.yaml", "context: [platform]\n");

        var run = repo.Run(".");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("context path");
    }
}
