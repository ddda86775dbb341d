using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Rendering;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Builds;

/// <summary>
/// Findings in build output carried back to their sources, without the tools: the output is the
/// text kustomize and helm print for these sources (checked against the real tools in the
/// integration tier by BuildFixtureTests).
/// </summary>
public sealed class OutputMapTests
{
    private const string Base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
        spec:
          template:
            metadata:
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: app
                  image: example/app:1

        """;

    private const string Patch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/proxyCPU: "100 m"

        """;

    private const string Operations = """
        - op: add
          path: /spec/template/metadata/annotations/traffic.sidecar.istio.io~1excludeInboundPorts
          value: "8000-8100"

        """;

    /// <summary>What <c>kustomize build overlay</c> prints (keys sorted, the prefix and namespace applied).</summary>
    private const string Built = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            team: shop
          name: prod-payments
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/proxyCPU: 100 m
                traffic.sidecar.istio.io/excludeInboundPorts: 8000-8100
                vault.hashicorp.com/agent-inject: "true"
              labels:
                team: shop
            spec:
              containers:
              - image: example/app:1
                name: app
        ---
        apiVersion: v1
        data:
          a: b
        kind: ConfigMap
        metadata:
          name: prod-generated-5f7g9
          namespace: shop

        """;

    [Theory]
    [InlineData(14, 9, "base/app.yaml", 9, 9)] // a resource's own key, under a prefix and a namespace change
    [InlineData(12, 9, "overlay/cpu.yaml", 9, 9)] // a key a strategic merge patch sets
    [InlineData(13, 9, "overlay/ports.yaml", 2, 9)] // a key a JSON 6902 operation adds: its path
    [InlineData(5, 5, "overlay/kustomization.yaml", 4, 3)] // a label commonLabels adds
    [InlineData(7, 3, "overlay/kustomization.yaml", 1, 1)] // the namespace the kustomization sets
    [InlineData(20, 9, "base/app.yaml", 12, 11)] // a list item found by its name, though kustomize reorders its keys
    [InlineData(25, 1, "overlay/kustomization.yaml", 5, 1)] // a generated object no file holds: the kustomization
    public void A_finding_in_kustomize_output_goes_to_the_line_a_raw_scan_of_its_source_gives(int line, int column, string path, int sourceLine, int sourceColumn)
    {
        using var repository = new TempRepository()
            .Write("base/kustomization.yaml", "resources:\n  - app.yaml\n")
            .Write("base/app.yaml", Base)
            .Write("overlay/cpu.yaml", Patch)
            .Write("overlay/ports.yaml", Operations)
            .Write("overlay/kustomization.yaml", """
                namespace: shop
                namePrefix: prod-
                commonLabels:
                  team: shop
                resources:
                  - ../base/
                patchesStrategicMerge:
                  - cpu.yaml
                patchesJson6902:
                  - target: {kind: Deployment, name: payments}
                    path: ports.yaml

                """);
        var map = Map(repository);

        var mapped = map.Map(FindingAt(line, column)).ShouldNotBeNull();

        $"{mapped.Path}:{mapped.Start.Line}:{mapped.Start.Column}".ShouldBe($"{path}:{sourceLine}:{sourceColumn}");
    }

    [Fact]
    public void A_reference_to_the_output_in_a_message_names_the_source()
    {
        using var repository = new TempRepository()
            .Write("base/kustomization.yaml", "resources:\n  - app.yaml\n")
            .Write("base/app.yaml", Base)
            .Write("overlay/cpu.yaml", Patch)
            .Write("overlay/ports.yaml", Operations)
            .Write("overlay/kustomization.yaml", "namespace: shop\nnamePrefix: prod-\nresources:\n  - ../base\n");
        var map = Map(repository);

        var mapped = map.Map(FindingAt(14, 9) with { Summary = "see overlay/kustomization.yaml (built):14", Details = "Set at overlay/kustomization.yaml (built):14." }).ShouldNotBeNull();

        mapped.Summary.ShouldBe("see base/app.yaml:9");
        mapped.Details.ShouldBe("Set at base/app.yaml:9.");
    }

    [Fact]
    public void Helm_output_goes_to_the_template_line_by_its_text_or_its_key()
    {
        using var repository = new TempRepository()
            .Write("shop/Chart.yaml", "apiVersion: v2\nname: shop-chart\nversion: 0.1.0\n")
            .Write("shop/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Values.name }}
                spec:
                  template:
                    metadata:
                      annotations:
                        sidecar.istio.io/proxyCPU: {{ .Values.cpu | quote }}
                        vault.hashicorp.com/agent-inject: "true"

                """);
        const string rendered = """
            ---
            # Source: shop-chart/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: payments
            spec:
              template:
                metadata:
                  annotations:
                    sidecar.istio.io/proxyCPU: "1 core"
                    vault.hashicorp.com/agent-inject: "true"

            """;
        string Shown(string full) => Path.GetRelativePath(repository.Root, full).Replace('\\', '/');
        var map = new HelmOutputMap(repository.PathOf("shop"), "shop/values.yaml", "shop/Chart.yaml (rendered)", rendered, Shown, File.ReadAllText);

        var byKey = map.Map(FindingAt(11, 9)).ShouldNotBeNull();
        var byText = map.Map(FindingAt(12, 9)).ShouldNotBeNull();

        $"{byKey.Path}:{byKey.Start.Line}:{byKey.Start.Column}".ShouldBe("shop/templates/deployment.yaml:9:9");
        $"{byText.Path}:{byText.Start.Line}:{byText.Start.Column}".ShouldBe("shop/templates/deployment.yaml:10:9");
    }

    [Fact]
    public void A_fingerprint_carried_back_from_a_build_does_not_change_with_the_message_words()
    {
        using var repository = new TempRepository()
            .Write("base/kustomization.yaml", "resources:\n  - app.yaml\n")
            .Write("base/app.yaml", Base)
            .Write("overlay/cpu.yaml", Patch)
            .Write("overlay/ports.yaml", Operations)
            .Write("overlay/kustomization.yaml", "namespace: shop\nnamePrefix: prod-\nresources:\n  - ../base\n");
        var map = Map(repository);
        var finding = FindingAt(14, 9) with { Anchor = "sidecar.istio.io/proxyCPU" };

        var fingerprint = map.Map(finding).ShouldNotBeNull().Fingerprint;

        map.Map(finding with { Summary = "other words", Details = "More of them." }).ShouldNotBeNull().Fingerprint.ShouldBe(fingerprint, "a release may reword a message");
        map.Map(finding with { Anchor = "sidecar.istio.io/proxyMemory" }).ShouldNotBeNull().Fingerprint.ShouldNotBe(fingerprint, "another key is another finding");
    }

    [Fact]
    public void One_finding_per_source_line_names_every_build_that_makes_it()
    {
        var finding = FindingAt(3, 1) with { Path = "base/app.yaml" };
        var merged = BuildFindings.Merge([(finding, new Origin("overlays/staging")), (finding with { Summary = "other words" }, new Origin("overlays/prod"))]);

        merged.ShouldHaveSingleItem().Message.ShouldBe("m (as built by kustomize in overlays/prod and overlays/staging)");

        // With details, the builds come first in them: the text report shows them even where it cuts the rest.
        var detailed = finding with { Details = "Add the hold." };
        BuildFindings.Merge([(detailed, new Origin("overlays/prod"))]).ShouldHaveSingleItem().Details.ShouldBe("As built by kustomize in overlays/prod. Add the hold.");
    }

    private static KustomizeOutputMap Map(TempRepository repository)
    {
        string Shown(string full) => Path.GetRelativePath(repository.Root, full).Replace('\\', '/');
        var kustomizations = new[] { "base/kustomization.yaml", "overlay/kustomization.yaml" }
            .Select(path => Kustomization.Read(repository.PathOf(path), repository.Read(path))!)
            .ToList();
        var root = KustomizeGraph.Roots(kustomizations, Shown).ShouldHaveSingleItem();
        return new KustomizeOutputMap(root, "overlay/kustomization.yaml (built)", Built, Shown, new SourceDocuments(File.ReadAllText));
    }

    private static Finding FindingAt(int line, int column) =>
        new("overlay/kustomization.yaml (built)", SourceSpan.At(new SourcePosition(line, column)), "MESH016", "mesh-value-invalid", Level.Error, "m", "Deployment/prod-payments", "f");

    private sealed class Origin(string label) : IBuildOrigin
    {
        public BuildKind Kind => BuildKind.Kustomize;

        public string Label { get; } = label;

        public Finding? Map(Finding finding) => finding;
    }
}
