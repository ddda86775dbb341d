using MeshLint.Mesh;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>A message names a few sources and counts the rest, however many a repository holds.</summary>
public sealed class SourceListTests
{
    [Fact]
    public void A_short_list_is_named_whole_and_a_long_one_cut_with_a_count()
    {
        SourceList.Join(" and ", ["a.yaml:1"]).ShouldBe("a.yaml:1");
        SourceList.Join(", ", ["a", "b", "c", "d"]).ShouldBe("a, b, c, d", "one more is named rather than counted");
        SourceList.Join(" and ", Enumerable.Range(1, 20).Select(i => $"p{i}.yaml:{i}")).ShouldBe("p1.yaml:1 and p2.yaml:2 and p3.yaml:3 and 17 more");
    }

    [Fact]
    public void Control_planes_that_leave_a_setting_unset_are_named_by_the_first_few()
    {
        var planes = Enumerable.Range(1, 30)
            .Select(i => new ControlPlane($"IstioOperator/p{i}", ControlPlane.DefaultRevision, $"manifests/profiles/p{i}.yaml", $"manifests/profiles/p{i}.yaml:2", new Dictionary<MeshWideSetting, MeshSetting?> { [MeshWideSetting.Hold] = null }))
            .ToList();
        var chosen = new ChosenSettings(null, null, null, null, null, null, null, null, new Dictionary<MeshWideSetting, IReadOnlyList<ControlPlane>> { [MeshWideSetting.Hold] = planes });

        chosen.LeftUnset(MeshWideSetting.Hold).ShouldBe(
            "IstioOperator/p1 at manifests/profiles/p1.yaml:2 and IstioOperator/p2 at manifests/profiles/p2.yaml:2 and IstioOperator/p3 at manifests/profiles/p3.yaml:2 and 27 more");
    }
}
