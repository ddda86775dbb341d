using System.Text.Json;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>
/// CONTRIBUTING.md's promise: a coded rule is its YAML, its doc, its class and its fixture folder,
/// and nothing else needs an edit. A copy of the sources gets exactly those four for a new rule;
/// the copy builds, and its CLI lists, explains and reports the rule on the fixture's marked line.
/// </summary>
[Integration]
public sealed class NewRuleTests
{
    private const string RuleYaml = """
        id: MESH099
        name: injection-opted-out
        level: note
        summary: A pod template turns Istio's sidecar injection off.
        finds: "a pod template with `sidecar.istio.io/inject: \"false\"`"
        description: >-
          Reports the annotation that keeps istio-proxy out of a pod, so that a reviewer sees the
          pod leave the mesh.
        reads: [pod-template]
        messages:
          opted-out:
            summary: '{object}: sidecar.istio.io/inject is "false", so the pod has no istio-proxy'
            details: >-
              The pod gets no mesh identity, mTLS or policy.
        """;

    private const string RuleDoc = """
        # MESH099: injection-opted-out

        ## What it does

        Reports a pod template whose `sidecar.istio.io/inject` annotation is `"false"`.
        """;

    private const string RuleClass = """
        namespace MeshLint.Rules.BuiltIn;

        /// <summary>MESH099. A pod template that opts out of Istio's injection.</summary>
        internal sealed partial class InjectionOptedOut : IObjectRule
        {
            private const string InjectKey = "sidecar.istio.io/inject";

            public void Check(ObjectCheck check)
            {
                if (check.Pod is { } pod && pod.Annotation(InjectKey) == "false" && pod.AnnotationEntry(InjectKey) is { } entry)
                {
                    check.Report(Id, Messages.OptedOut, entry.Key.Span, "inject", []);
                }
            }
        }
        """;

    private const string Fixture = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: batch
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/inject: "false" # expect: MESH099
            spec:
              containers:
                - name: app
                  image: batch:1
        """;

    private static readonly string[] Copied = ["Directory.Build.props", "rules", "src"];

    [Fact]
    public void A_rule_added_as_yaml_doc_class_and_fixture_is_built_listed_explained_and_reported()
    {
        using var copy = TempRepository.Folder();
        foreach (var item in Copied)
        {
            CopyTree(Path.Combine(FixturePaths.RepositoryRoot, item), copy.PathOf(item));
        }

        copy.Write("rules/MESH099.yaml", RuleYaml + "\n")
            .Write("rules/docs/MESH099.md", RuleDoc + "\n")
            .Write("src/MeshLint.Core/Rules/BuiltIn/InjectionOptedOut.cs", RuleClass + "\n")
            .Write("tests/MeshLint.Tests/Fixtures/rules/MESH099/opted-out.yaml", Fixture + "\n");

        var build = ToolProcess.Run("dotnet", ["build", "src/MeshLint.Cli", "-c", "Debug", "-o", copy.PathOf("out"), "-nologo", "-v", "q"], copy.Root, timeout: TimeSpan.FromMinutes(5));
        build.ExitCode.ShouldBe(0, build.ToString());
        var meshlint = copy.PathOf(Path.Combine("out", OperatingSystem.IsWindows() ? "meshlint.exe" : "meshlint"));

        var rules = ToolProcess.Run(meshlint, ["rules", "--no-config"], copy.Root);
        rules.ExitCode.ShouldBe(0, rules.ToString());
        rules.Stdout.ShouldContain("MESH099");
        rules.Stdout.ShouldContain("injection-opted-out");

        var explain = ToolProcess.Run(meshlint, ["explain", "injection-opted-out"], copy.Root);
        explain.ExitCode.ShouldBe(0, explain.ToString());
        explain.Stdout.ShouldContain("Reports a pod template whose `sidecar.istio.io/inject` annotation is `\"false\"`.");

        var fixture = "tests/MeshLint.Tests/Fixtures/rules/MESH099";
        var lint = ToolProcess.Run(meshlint, ["--no-config", "--select", "MESH099", "--format", "json", fixture], copy.Root);
        lint.ExitCode.ShouldBe(0, lint.ToString());
        using var report = JsonDocument.Parse(lint.Stdout);
        var findings = report.RootElement.EnumerateArray()
            .Select(finding => (Rule: finding.GetProperty("ruleId").GetString(), Line: finding.GetProperty("line").GetInt32(), Level: finding.GetProperty("level").GetString()))
            .ToList();
        var marked = Fixture.Split('\n').Select((line, index) => (line, index)).Where(item => item.line.Contains("# expect: MESH099")).Select(item => item.index + 1).Single();
        findings.ShouldBe([("MESH099", marked, "note")]);
    }

    private static void CopyTree(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Copy(from, to);
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(directory => Path.GetFileName(directory) is not ("bin" or "obj")))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
