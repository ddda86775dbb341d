using System.Text;
using MeshLint.Mesh;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>The Services the mesh context collects for MESH013, and the byte test that lets their files through.</summary>
public sealed class ServiceFactsTests
{
    [Theory]
    [InlineData("kind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: 15020\n", true)]
    [InlineData("{\"kind\": \"Service\", \"spec\": {\"ports\": [{\"targetPort\": 15021}]}}", true)]
    [InlineData("kind: Service\r\nspec:\r\n  ports:\r\n  - targetPort: '15090'\r\n", true)]
    [InlineData("kind: Service\nspec:\n  ports:\n  - port: 15020\n    targetPort: 8080\n", false)] // no port the proxy reserves
    [InlineData("kind: Service\nspec:\n  ports:\n  - port: 15021\n", false)] // no targetPort: the port does not count
    [InlineData("kind: ServiceAccount\nmetadata: {name: a}\n# targetPort\n", false)]
    [InlineData("kind: ServiceEntry\nspec: {ports: [{number: 80, targetPort: 15020}]}\n", false)]
    public void Only_files_with_a_Service_and_a_targetPort_pass_the_byte_test(string text, bool passes) =>
        MeshContextBuilder.MayContribute(Encoding.UTF8.GetBytes(text)).ShouldBe(passes);

    [Fact]
    public void A_Service_selects_the_pods_whose_labels_hold_its_whole_selector()
    {
        var builder = new MeshContextBuilder();
        var document = new MeshLint.Parsing.YamlDocumentReader("""
            apiVersion: v1
            kind: Service
            metadata: {name: orders, namespace: shop}
            spec:
              selector: {app: orders, tier: backend}
              ports:
              - {port: 80, targetPort: 15021}
              - {port: 81, targetPort: http}
              - {port: 82}
            """).Documents().Single();
        foreach (var obj in MeshLint.Model.ObjectReader.Objects("svc.yaml", document))
        {
            MeshContextBuilder.Contributes(obj).ShouldBeTrue();
            builder.Add(obj);
        }

        var service = MeshContextBuilder.Combine([builder]).Services["shop"].ShouldHaveSingleItem();
        service.TargetPorts.Select(port => port.Value).ShouldBe(["15021"]); // a named targetPort is judged at the pod's containerPort
        service.Selects(Labels("{app: orders, tier: backend, version: v1}")).ShouldBeTrue();
        service.Selects(Labels("{app: orders}")).ShouldBeFalse();
        service.Selects(null).ShouldBeFalse();
    }

    private static MeshLint.Parsing.YamlMapping Labels(string flow) =>
        (MeshLint.Parsing.YamlMapping)new MeshLint.Parsing.YamlDocumentReader(flow).Documents().Single().Root!;
}
