using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Model;

public sealed class MeshConfigTextTests
{
    private const string IstioConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: istio
          namespace: istio-system
        data:
          mesh: |-
            defaultConfig:
              holdApplicationUntilProxyStarts: true
              concurrency: two
        """;

    private static KubeObject Read(string text) =>
        ObjectReader.Objects("istio.yaml", new YamlDocumentReader(text).Documents().Single()).Single();

    [Fact]
    public void The_mesh_context_and_the_rules_share_one_parse_of_a_data_mesh_text()
    {
        var readings = new TextReadings<YamlMapping?>(MeshConfigText.Parse);
        var builder = new MeshContextBuilder();
        builder.Add(Read(IstioConfigMap), readings);
        var mesh = MeshContextBuilder.Combine([builder]).For("istio.yaml");
        mesh.HoldCover.ShouldNotBeNull().Setting.ShouldBe("data.mesh defaultConfig.holdApplicationUntilProxyStarts: true");

        // The second pass reads the file again, as another object with the same text.
        var findings = new List<Finding>();
        var check = new ObjectCheck(Read(IstioConfigMap), mesh, RuleCatalog.BuiltIn, id => RuleCatalog.BuiltIn[id].DefaultLevel, findings, null, readings);
        foreach (var rule in BuiltInRules.For(RuleCatalog.BuiltIn))
        {
            rule.Check(check);
        }

        findings.ShouldHaveSingleItem().RuleId.ShouldBe("MESH004");
        findings[0].Start.Line.ShouldBe(10);
        readings.Reads.ShouldBe(1);
        check.MeshConfigText.ShouldNotBeNull().Root.ShouldBeSameAs(MeshConfigText.Of(Read(IstioConfigMap), readings)!.Root);
        readings.Reads.ShouldBe(1);
    }

    [Fact]
    public void Kind_predicates_belong_to_the_object()
    {
        Read(IstioConfigMap).IsMeshConfigMap.ShouldBeTrue();
        Read(IstioConfigMap).ConfiguresMesh.ShouldBeTrue();
        Read(IstioConfigMap.Replace("name: istio\n", "name: other\n")).IsMeshConfigMap.ShouldBeFalse();
        Read("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n").IsNamespace.ShouldBeTrue();
        Read("apiVersion: example.com/v1\nkind: Namespace\nmetadata: {name: shop}\n").IsNamespace.ShouldBeFalse();
        Read("apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec: {}\n").IsIstioOperator.ShouldBeTrue();
        Read("meshConfig: {defaultConfig: {}}\n").IsIstiodValues.ShouldBeTrue();
        Read("global: {proxy: {}}\n").ConfiguresMesh.ShouldBeTrue();
    }
}
