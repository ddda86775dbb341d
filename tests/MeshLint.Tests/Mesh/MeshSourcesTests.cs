using MeshLint.Mesh;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>Which of several sources of the same fact a workload file takes.</summary>
public sealed class MeshSourcesTests
{
    // In path order, as MeshContextBuilder.Combine gives them: the first does not inject.
    private static readonly MeshSources Shop = new(
    [
        new NamespaceFacts("shop", "disabled", null, "repo/tests/a/namespace.yaml:3"),
        new NamespaceFacts("shop", "enabled", null, "repo/tests/b/namespace.yaml:3"),
    ], []);

    [Fact]
    public void Sources_as_near_below_the_top_folder_tie_and_the_injecting_one_counts() =>
        Shop.For("repo/tests/c/web.yaml").Namespace("shop")!.Injects.ShouldBeTrue();

    [Fact]
    public void Sources_that_share_only_the_top_folder_tie_too_and_the_injecting_one_counts() =>
        Shop.For("repo/apps/web.yaml").Namespace("shop")!.Injects.ShouldBeTrue();

    [Fact]
    public void Sources_in_the_workloads_own_top_level_folder_tie() =>
        new MeshSources(
        [
            new NamespaceFacts("shop", "disabled", null, "repo/namespace-old.yaml:3"),
            new NamespaceFacts("shop", "enabled", null, "repo/namespace.yaml:3"),
        ], []).For("repo/web.yaml").Namespace("shop")!.Injects.ShouldBeTrue();

    [Fact]
    public void A_nearer_source_wins_over_the_first_in_path_order() =>
        Shop.For("repo/tests/a/deeper/web.yaml").Namespace("shop")!.Injects.ShouldBeFalse();

    [Fact]
    public void Control_planes_that_share_only_the_top_folder_tie_and_all_have_to_set_the_hold()
    {
        var hold = new MeshSetting("spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true", "repo/a/istio.yaml:3");
        ControlPlane Plane(string path, MeshSetting? setting) =>
            new($"IstioOperator {path}", ControlPlane.DefaultRevision, path, $"{path}:3", new Dictionary<MeshWideSetting, MeshSetting?> { [MeshWideSetting.Hold] = setting });
        var sources = new MeshSources([], [Plane("repo/a/istio.yaml", hold), Plane("repo/b/istio.yaml", null)]);

        // Not the first in path order: a/ would win over b/ by the alphabet alone.
        sources.For("repo/c/web.yaml").HoldCover.ShouldBeNull();
        sources.For("repo/c/web.yaml").Settings!.LeftUnset(MeshWideSetting.Hold).ShouldBe("IstioOperator repo/b/istio.yaml at repo/b/istio.yaml:3");
        new MeshSources([], [Plane("repo/x/a/istio.yaml", hold), Plane("repo/x/b/istio.yaml", null)])
            .For("repo/x/c/web.yaml").HoldCover.ShouldBeNull();
    }

    [Fact]
    public void Tied_control_planes_that_set_different_drains_stand_for_the_shortest_and_exit_on_zero_only_if_all_turn_it_on()
    {
        ControlPlane Plane(string path, string drain, string exit) =>
            new($"IstioOperator {path}", ControlPlane.DefaultRevision, path, $"{path}:3", new Dictionary<MeshWideSetting, MeshSetting?>
            {
                [MeshWideSetting.Drain] = new MeshSetting($"terminationDrainDuration: {drain}", $"{path}:9") { Value = drain },
                [MeshWideSetting.ExitOnZero] = new MeshSetting($"EXIT_ON_ZERO_ACTIVE_CONNECTIONS: \"{exit}\"", $"{path}:11") { Value = exit },
            });
        var shutdown = new MeshSources([], [Plane("repo/x/a/istio.yaml", "30s", "true"), Plane("repo/x/b/istio.yaml", "10s", "false")])
            .For("repo/x/c/web.yaml").Shutdown;

        shutdown.DrainSeconds.ShouldBe(10m);
        shutdown.Drain!.Source.ShouldBe("repo/x/a/istio.yaml:9 and repo/x/b/istio.yaml:9");
        shutdown.ExitOnZeroValue.ShouldBe("false");
    }

    [Fact]
    public void A_service_reaches_the_workloads_of_its_folder_and_below_in_its_namespace()
    {
        var service = new ServiceFacts("web", "shop", "repo/a/service.yaml", [KeyValuePair.Create("app", "web")], []);
        var sources = new MeshSources([], [], services: ServiceFacts.ByNamespace([service]));

        sources.For("repo/a/web.yaml").Services["shop"].ShouldBe([service]);
        sources.For("repo/a/deeper/web.yaml").ForRevision("canary").Services["shop"].ShouldBe([service]);
        sources.For("repo/b/web.yaml").Services.ShouldNotContainKey("shop");
        sources.For("repo/web.yaml").Services.ShouldNotContainKey("shop");
    }

    [Fact]
    public void Test_data_gives_context_only_to_the_workloads_under_it()
    {
        var fixture = new NamespaceFacts("prod", "disabled", null, "repo/tests/fixtures/ns.yaml:3") { TestRoot = "repo/tests" };
        var plane = new ControlPlane("IstioOperator fixture", ControlPlane.DefaultRevision, "repo/tests/iop.yaml", "repo/tests/iop.yaml:3",
            new Dictionary<MeshWideSetting, MeshSetting?> { [MeshWideSetting.Hold] = new MeshSetting("hold", "repo/tests/iop.yaml:9") }) { TestRoot = "repo/tests" };
        var sources = new MeshSources([fixture], [plane]);

        sources.For("repo/deploy/app.yaml").Namespace("prod").ShouldBeNull();
        sources.For("repo/deploy/app.yaml").HoldCover.ShouldBeNull();
        sources.For("repo/tests/e2e/app.yaml").Namespace("prod")!.Injects.ShouldBeFalse();
        sources.For("repo/tests/e2e/app.yaml").HoldCover.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("repo/tests/fixtures/ns.yaml", "repo/tests")]
    [InlineData("pkg/kube/inject/testdata/inject/a.yaml", "pkg/kube/inject/testdata")]
    [InlineData("web/__fixtures__/x.yaml", "web/__fixtures__")]
    [InlineData("E2E/cluster.yaml", "E2E")]
    [InlineData("deploy/app.yaml", null)]
    [InlineData("tests.yaml", null)]
    [InlineData("contest/app.yaml", null)]
    public void Test_data_is_what_lies_under_a_test_folder(string path, string? root) => TestData.RootOf(path).ShouldBe(root);
}
