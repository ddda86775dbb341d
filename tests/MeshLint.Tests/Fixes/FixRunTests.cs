using MeshLint.Scanning;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Fixes;

public sealed class FixRunTests
{
    [Fact]
    public void Fixes_inside_one_annotation_are_applied_one_a_pass_each_on_the_new_text()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: two
              annotations:
                proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": "true", "concurency": 2}'

            """;
        using var tree = TempRepository.Folder();
        tree.Write("pod.yaml", yaml);
        var outcome = FixRun.Run(new FixRequest { Scan = FixFixtureTests.Request(tree.Root, "pod.yaml"), UnsafeFixes = true });

        outcome.Passes.ShouldBe(2);
        outcome.Files.Single().After.ShouldBe(yaml.Replace("{\"holdApplicationUntilProxyStarts\": \"true\", \"concurency\": 2}", "{\"holdApplicationUntilProxyStarts\": true, \"concurrency\": 2}", StringComparison.Ordinal));
        outcome.Files.Single().Fixed.Select(finding => finding.RuleId).ShouldBe(["MESH004", "MESH004"]);
        outcome.Final.Result.Findings.ShouldBeEmpty();
        tree.Read("pod.yaml").ShouldBe(yaml, "FixRun writes nothing; the command does");
    }

    [Fact]
    public void The_passes_are_bounded()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {a: true}\n";
        using var tree = TempRepository.Folder();
        tree.Write("c.yaml", yaml);
        var outcome = FixRun.Run(new FixRequest { Scan = FixFixtureTests.Request(tree.Root, "c.yaml"), MaxPasses = 0 });
        outcome.Files.ShouldBeEmpty();
        outcome.Final.Result.Findings.ShouldHaveSingleItem().Fix.ShouldNotBeNull();
    }
}
