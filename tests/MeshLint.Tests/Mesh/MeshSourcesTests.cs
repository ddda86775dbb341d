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
    public void Sources_that_share_only_the_top_folder_are_no_tie_and_the_first_in_path_order_decides() =>
        Shop.For("repo/apps/web.yaml").Namespace("shop")!.Injects.ShouldBeFalse();

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
    public void Control_planes_that_share_only_the_top_folder_do_not_all_have_to_set_the_hold()
    {
        var hold = new MeshSetting("spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true", "repo/a/istio.yaml:3");
        ControlPlane Plane(string path, MeshSetting? setting) =>
            new($"IstioOperator {path}", ControlPlane.DefaultRevision, path, $"{path}:3", new Dictionary<MeshWideSetting, MeshSetting?> { [MeshWideSetting.Hold] = setting });
        var sources = new MeshSources([], [Plane("repo/a/istio.yaml", hold), Plane("repo/b/istio.yaml", null)]);

        sources.For("repo/c/web.yaml").HoldCover.ShouldBe(hold);
        sources.For("repo/c/web.yaml").Settings!.LeftUnset(MeshWideSetting.Hold).ShouldBeNull();
        new MeshSources([], [Plane("repo/x/a/istio.yaml", hold), Plane("repo/x/b/istio.yaml", null)])
            .For("repo/x/c/web.yaml").HoldCover.ShouldBeNull();
    }
}
