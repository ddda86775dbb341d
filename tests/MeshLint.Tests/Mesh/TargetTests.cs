using System.Text.Json;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>
/// The target: declared in <c>.meshlint.yaml</c> per folder, detected from the files a repository
/// pins its Istio release in, shown by <c>meshlint context</c> and written by <c>meshlint init</c>.
/// </summary>
public sealed class TargetTests
{
    private const string Workload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: web
                image: registry.example.com/web:1
        """;

    /// <summary>Where repositories pin the Istio release (reference versions.md §5): each is read as the release of its revision.</summary>
    public static TheoryData<string, string, string> ReleaseSources() => new()
    {
        { "platform/iop.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: cp, namespace: istio-system}\nspec:\n  tag: 1.27.2-distroless\n", "spec.tag: 1.27.2-distroless" },
        { "platform/iop.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: cp, namespace: istio-system}\nspec:\n  revision: 1-27-3\n", "the revision name 1-27-3" },
        { "platform/values.yaml", "global:\n  tag: 1.27.0\n  proxy:\n    resources: {}\n", "global.tag: 1.27.0" },
        { "platform/istio.yaml", "apiVersion: sailoperator.io/v1\nkind: Istio\nmetadata: {name: default}\nspec:\n  version: v1.27.3\n", "spec.version: v1.27.3" },
        { "platform/istiod.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: istiod, namespace: istio-system}\nspec:\n  template:\n    spec:\n      containers:\n      - name: discovery\n        image: docker.io/istio/pilot:1.27.1\n", "the discovery image docker.io/istio/pilot:1.27.1" },
        { "platform/argo.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: istiod}\nspec:\n  source:\n    repoURL: https://istio-release.storage.googleapis.com/charts\n    chart: istiod\n    targetRevision: 1.27.1\n", "spec.source installs the istiod chart at 1.27.1" },
        { "platform/flux.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: istiod}\nspec:\n  chart:\n    spec:\n      chart: istiod\n      version: 1.27.0\n", "spec installs the istiod chart at 1.27.0" },
        { "platform/kustomization.yaml", "helmCharts:\n- name: istiod\n  repo: https://istio-release.storage.googleapis.com/charts\n  version: 1.27.1\n", "helmCharts[0] installs the istiod chart at 1.27.1" },
        { "charts/mesh/Chart.yaml", "apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n- name: istiod\n  version: 1.27.4\n  repository: https://istio-release.storage.googleapis.com/charts\n", "dependencies[0] istiod version 1.27.4" },
        { "exported/injected.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: old}\nspec:\n  containers:\n  - name: app\n    image: app\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.27.0\n", "the injected istio-proxy image docker.io/istio/proxyv2:1.27.0" },
    };

    [Theory]
    [MemberData(nameof(ReleaseSources))]
    public void The_istio_release_is_detected_where_a_repository_pins_it(string path, string text, string setting)
    {
        // A revision named after its release serves the pods that name that revision.
        var revision = setting.StartsWith("the revision name", StringComparison.Ordinal) ? "1-27-3" : "default";
        using var repository = new TempRepository()
            .Write(path, text)
            .Write("apps/web.yaml", revision == "default" ? Workload : Workload.Replace("  template:\n", "  template:\n    metadata:\n      labels:\n        istio.io/rev: 1-27-3\n", StringComparison.Ordinal))
            .Write(".meshlint.yaml", "mesh:\n  target:\n    kubernetes: \"1.34\"\n");

        var context = Context(repository.Run("context", "--format", "json", "--for", "apps/web.yaml", "."));
        var target = context.GetProperty("targets").EnumerateArray().Single(entry => entry.GetProperty("revision").GetString() == revision);
        var istio = target.GetProperty("istio");

        istio.GetProperty("value").GetString().ShouldBe("1.27");
        istio.GetProperty("origin").GetString().ShouldBe("detected");
        istio.GetProperty("source").GetString()!.ShouldStartWith(setting);

        // Istio 1.27 on Kubernetes 1.34: native by default, so the pod needs no hold.
        target.GetProperty("nativeSidecars").GetProperty("on").GetBoolean().ShouldBeTrue();
        repository.Run(".", "--select", "MESH001").Findings.ShouldBeEmpty();
    }

    [Fact]
    public void A_declared_release_wins_over_a_detected_one_and_each_folder_keeps_its_own()
    {
        using var repository = new TempRepository()
            .Write("platform/iop.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: cp, namespace: istio-system}\nspec:\n  tag: 1.28.0\n")
            .Write("clusters/prod/web.yaml", Workload)
            .Write("clusters/prod/.meshlint.yaml", "mesh:\n  target:\n    kubernetes: \"1.34\"\n")
            .Write("clusters/lab/web.yaml", Workload)
            .Write("clusters/lab/.meshlint.yaml", "mesh:\n  target:\n    istio: \"1.26\"\n    kubernetes: \"1.34\"\n");

        var run = repository.Run(".", "--select", "MESH001");

        // prod: 1.28 detected on 1.34, native; lab: 1.26 declared, legacy, and nothing assumed.
        run.Findings.ShouldBe(["clusters/lab/web.yaml:6:3: warning MESH001"]);
        run.Stdout.ShouldNotContain("[assumed:");

        var text = repository.Run("context", ".").Stdout;
        text.ShouldContain("  clusters/lab\n    target:           Istio 1.26 (mesh.target.istio at clusters/lab/.meshlint.yaml:3), Kubernetes 1.34 (mesh.target.kubernetes at clusters/lab/.meshlint.yaml:4), platform istio (assumed)");
        text.ShouldContain("Istio 1.28 (detected: spec.tag: 1.28.0 at platform/iop.yaml:5)");
    }

    [Fact]
    public void Releases_that_tie_and_disagree_leave_the_release_unknown()
    {
        using var repository = new TempRepository()
            .Write("platform/a.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: a, namespace: istio-system}\nspec:\n  tag: 1.28.0\n")
            .Write("platform/b.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: b, namespace: istio-system}\nspec:\n  tag: 1.26.0\n")
            .Write("platform/web.yaml", Workload);

        var istio = Context(repository.Run("context", "--format", "json", "--for", "platform/web.yaml", ".")).GetProperty("targets")[0].GetProperty("istio");

        istio.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        istio.GetProperty("source").GetString()!.ShouldStartWith("the nearest sources disagree");
    }

    [Fact]
    public void A_managed_revision_is_a_managed_cloud_service_mesh()
    {
        using var repository = new TempRepository()
            .Write("apps/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio.io/rev: asm-managed-rapid\n")
            .Write("apps/web.yaml", Workload.Replace("metadata:\n  name: web\n", "metadata:\n  name: web\n  namespace: shop\n", StringComparison.Ordinal));

        var run = repository.Run("startup", "--format", "json", ".");

        using var json = JsonDocument.Parse(run.Stdout);
        var pod = json.RootElement[0];
        pod.GetProperty("target").GetProperty("platform").GetProperty("value").GetString().ShouldBe("csm-managed");
        pod.GetProperty("cni").GetProperty("on").GetBoolean().ShouldBeTrue();
        pod.GetProperty("nativeSidecar").GetProperty("on").GetBoolean().ShouldBeFalse();
        pod.GetProperty("assumption").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void A_release_written_as_a_number_is_a_configuration_error_with_its_line()
    {
        using var repository = new TempRepository()
            .Write("apps/web.yaml", Workload)
            .Write(".meshlint.yaml", "mesh:\n  target:\n    istio: 1.30\n");

        var run = repository.Run(".");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Stderr.ShouldContain(".meshlint.yaml:3");
    }

    [Fact]
    public void Mode_managed_and_another_platform_conflict()
    {
        using var repository = new TempRepository()
            .Write("apps/web.yaml", Workload)
            .Write(".meshlint.yaml", "mesh:\n  mode: managed\n  target:\n    platform: aks\n");

        var run = repository.Run(".");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Stderr.ShouldContain("mesh.mode: managed means mesh.target.platform: csm-managed");
    }

    [Fact]
    public void Findings_that_rest_on_an_assumed_target_say_so_in_the_message_the_summary_json_and_sarif()
    {
        using var repository = new TempRepository().Write("apps/web.yaml", Workload).Write(".meshlint.yaml", "mesh:\n  assumeInjection: true\n");

        var text = repository.Run(".", "--output-format", "concise");
        text.Stdout.ShouldContain("Deployment/web: the app may start before istio-proxy is ready [assumes legacy sidecars]\n");
        text.Stdout.ShouldContain("1 finding rests on assumed legacy sidecars");

        using var json = JsonDocument.Parse(repository.Run(".", "--format", "json").Stdout);
        json.RootElement[0].GetProperty("assumption").GetString().ShouldBe("legacy sidecars, as on Istio < 1.27 or with a node below Kubernetes 1.33; set mesh.target");
        json.RootElement[0].GetProperty("summary").GetString().ShouldEndWith(" [assumes legacy sidecars]");
        json.RootElement[0].GetProperty("details").GetString().ShouldEndWith(". [assumed: legacy sidecars, as on Istio < 1.27 or with a node below Kubernetes 1.33; set mesh.target]");
        json.RootElement[0].GetProperty("message").GetString().ShouldEndWith(". [assumed: legacy sidecars, as on Istio < 1.27 or with a node below Kubernetes 1.33; set mesh.target]");

        using var sarif = JsonDocument.Parse(repository.Run(".", "--format", "sarif").Stdout);
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("properties").GetProperty("meshlint/assumedTarget").GetString()
            .ShouldStartWith("legacy sidecars");

        // Declared, nothing is assumed.
        repository.Write(".meshlint.yaml", "mesh:\n  target:\n    istio: \"1.26\"\n    kubernetes: \"1.34\"\n");
        var declared = repository.Run(".");
        declared.Stdout.ShouldNotContain("[assume");
        declared.Stdout.ShouldNotContain("rests on");
        declared.Findings.ShouldBe(["apps/web.yaml:6:3: warning MESH001"]);
    }

    [Fact]
    public void Init_writes_the_detected_target_and_a_run_with_it_assumes_only_what_is_still_missing()
    {
        using var repository = new TempRepository()
            .Write("platform/iop.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: cp, namespace: istio-system}\nspec:\n  tag: 1.28.1\n  components:\n    cni:\n      enabled: true\n")
            .Write("apps/web.yaml", Workload);

        var init = repository.Run("init");
        init.ExitCode.ShouldBe(0, init.ToString());
        var written = repository.Read(".meshlint.yaml");
        written.ShouldContain("    # The Istio minor release of the control plane. Detected from spec.tag: 1.28.1 at platform/iop.yaml:5.\n    istio: \"1.28\"\n");
        written.ShouldContain("    # kubernetes: \"1.34\"\n");
        written.ShouldContain("    platform: istio\n");
        written.ShouldContain("  # Istio CNI is on: spec.components.cni.enabled: true at platform/iop.yaml:8.");

        // The file is a valid configuration, and a second init keeps it.
        var run = repository.Run(".", "--output-format", "concise");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("[assumes legacy sidecars]\n");
        repository.Run(".", "--format", "json").Messages.ShouldHaveSingleItem().ShouldEndWith("[assumed: legacy sidecars, as with a node below Kubernetes 1.33; set mesh.target.kubernetes]");
        var again = repository.Run("init");
        again.ExitCode.ShouldBe(2);
        again.Stderr.ShouldContain(".meshlint.yaml exists already");

        // With the oldest node filled in, Istio 1.28 builds native sidecars and MESH001 has nothing to say.
        repository.Write(".meshlint.yaml", written.Replace("    # kubernetes: \"1.34\"", "    kubernetes: \"1.34\"", StringComparison.Ordinal));
        repository.Run(".").Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Init_without_anything_to_detect_leaves_the_release_for_the_user()
    {
        using var repository = new TempRepository().Write("apps/web.yaml", Workload);

        var init = repository.Run("init", "--stdout");

        init.ExitCode.ShouldBe(0, init.ToString());
        init.Stdout.ShouldContain("No scanned file names it.\n    # istio: \"1.28\"\n");
        File.Exists(repository.PathOf(".meshlint.yaml")).ShouldBeFalse();
    }

    private static JsonElement Context(RunOutcome run)
    {
        run.ExitCode.ShouldBe(0, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
