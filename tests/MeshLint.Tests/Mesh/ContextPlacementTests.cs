using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>Nearest-source choice depends on where the files are, never on how the scanned path was written.</summary>
public sealed class ContextPlacementTests
{
    private const string App = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: app:1
        """;

    private static string Namespace(string injection) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels:\n    istio-injection: {injection}\n";

    [Fact]
    public void A_repository_is_judged_the_same_from_inside_and_from_two_folders_above()
    {
        // a/ and b/ are as near to c/ (no folder in common): a tie, in which the injecting one counts.
        using var tree = TempRepository.Folder();
        tree.Write("outer/repo/a/ns.yaml", Namespace("disabled"))
            .Write("outer/repo/b/ns.yaml", Namespace("enabled"))
            .Write("outer/repo/c/app.yaml", App);

        var inside = CliRun.In(tree.PathOf("outer/repo"), "--no-config", "--no-color", ".");
        var above = CliRun.In(tree.Root, "--no-config", "--no-color", "outer/repo");

        inside.ExitCode.ShouldBe(0, inside.ToString());
        inside.Findings.ShouldBe(["c/app.yaml:6:3: warning MESH001"]);
        above.Findings.ShouldBe(inside.Findings.Select(finding => "outer/repo/" + finding));
        above.ExitCode.ShouldBe(inside.ExitCode);
    }

    [Fact]
    public void Files_without_a_place_on_disk_keep_their_report_path()
    {
        var placement = new MeshLint.Mesh.ContextPlacement([
            new MeshLint.Input.SourceFile("x/a.yaml", "/tmp/r/x/a.yaml"),
            new MeshLint.Input.SourceFile("x/y/b.yaml", "/tmp/r/x/y/b.yaml"),
            new MeshLint.Input.SourceFile("<stdin>", null),
        ]);

        placement.Of("x/a.yaml").ShouldBe("a.yaml");
        placement.Of("x/y/b.yaml").ShouldBe("y/b.yaml");
        placement.Of("<stdin>").ShouldBe("<stdin>");
    }
}
