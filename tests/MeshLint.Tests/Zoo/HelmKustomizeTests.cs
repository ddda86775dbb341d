using Xunit;
using Shouldly;
using static MeshLint.Tests.Support.Manifests;
using static MeshLint.Tests.Support.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>Helm charts and Kustomize directories: noted without noise when no tool is there, rendered with the real tools found on PATH.</summary>
public sealed class HelmKustomizeTests
{
    private static readonly string Template = VaultDeployment.Replace("name: payments", "name: {{ .Values.name }}", StringComparison.Ordinal);

    [Fact]
    public void Without_helm_chart_templates_are_skipped_with_one_note_and_no_syntax_findings()
    {
        using var folder = Chart();

        var (exit, stdout, stderr) = CliRun.In(folder.Root, ".");

        exit.ShouldBe(0);
        stdout.ShouldNotContain("MESH000");
        stderr.Split('\n').Count(line => line.Contains("note: shop: Helm chart", StringComparison.Ordinal)).ShouldBe(1);
        stderr.ShouldContain("helm is not on PATH");
    }

    [Fact]
    public void The_old_switches_still_read_and_a_missing_tool_is_a_note_not_an_error()
    {
        using var folder = Chart();

        var (exit, _, stderr) = CliRun.In(folder.Root, ".", "--helm", "--kustomize");

        exit.ShouldBe(0);
        stderr.ShouldContain("helm is not on PATH");
    }

    [SkippableFact]
    [Integration]
    public void Helm_renders_the_chart_and_findings_point_at_the_template_line()
    {
        var helm = Tools.Require("helm");
        using var folder = Chart();

        var (exit, stdout, stderr) = CliRun.WithEnvironment(folder.Root, PathWith(helm), ".");

        stderr.ShouldBeEmpty();
        exit.ShouldBe(1);
        stdout.ShouldContain("shop/templates/deployment.yaml:10:9: error MESH002");
        stdout.ShouldContain("Deployment/payments");
        stdout.ShouldContain("\n    As rendered by helm with shop/values.yaml. ");
    }

    [SkippableFact]
    [Integration]
    public void Kustomize_builds_the_directory_and_findings_point_at_the_resource_file()
    {
        var kubectl = Tools.Require("kubectl");
        using var folder = TempRepository.Folder();
        folder.Write("overlay/kustomization.yaml", "namePrefix: prod-\nresources:\n  - app.yaml\n");
        folder.Write("overlay/app.yaml", VaultDeployment);

        var plain = CliRun.In(folder.Root, ".");
        plain.Stdout.ShouldContain("Deployment/payments");

        var (exit, stdout, stderr) = CliRun.WithEnvironment(folder.Root, PathWith(kubectl), ".");
        stderr.ShouldBeEmpty();
        exit.ShouldBe(1);
        stdout.ShouldContain("overlay/app.yaml:10:9: error MESH002");
        stdout.ShouldContain("Deployment/prod-payments");
        stdout.ShouldNotContain("Deployment/payments:");
    }

    /// <summary>An environment whose PATH is the folder of <paramref name="tool"/> alone.</summary>
    private static Dictionary<string, string> PathWith(string tool) => new() { ["PATH"] = Path.GetDirectoryName(tool)! };

    private static TempRepository Chart()
    {
        var folder = TempRepository.Folder();
        folder.Write("shop/Chart.yaml", "apiVersion: v2\nname: shop-chart\nversion: 0.1.0\n");
        folder.Write("shop/values.yaml", "name: payments\n");
        folder.Write("shop/templates/deployment.yaml", Template);
        folder.Write("shop/templates/_helpers.tpl", "{{- define \"x\" -}}{{- end -}}\n");
        return folder;
    }
}

/// <summary>Template files outside a recognisable chart: one note, not a syntax error per line.</summary>
public sealed class GoTemplateFileTests
{
    [Fact]
    public void A_template_that_breaks_the_yaml_reader_is_one_note()
    {
        var result = TestSupport.Lint("apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    {{- include \"labels\" . | nindent 4 }}\n");
        var note = result.Findings.ShouldHaveSingleItem();
        note.Level.ShouldBe(MeshLint.Findings.Level.Note);
        note.Start.ShouldBe(new MeshLint.Parsing.SourcePosition(4, 9));
        note.Message.ShouldContain("Go template");
    }

    [Fact]
    public void Template_text_inside_valid_yaml_is_linted_as_usual()
    {
        var text = VaultDeployment.Replace("image: app:1", "image: app:1\n          args: [\"{{ not a template here }}\"]", StringComparison.Ordinal);
        TestSupport.Lint(text).Findings.ShouldContain(f => f.RuleId == "MESH002");
    }

    [Theory]
    [InlineData("summary: \"Instance {{ $labels.instance }} down\"")]
    [InlineData("summary: 'Instance {{ $labels.instance }} down'")]
    [InlineData("summary: Instance {{ $labels.instance }} down")]
    [InlineData("summary: |\n              {{ $labels.instance }} is down")]
    [InlineData("# {{ $labels.instance }} is filled in by Prometheus")]
    public void Template_actions_inside_scalar_values_never_make_a_broken_file_a_template(string annotation)
    {
        var rule = $$"""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: node
              labels:
                team: infra
                team: platform
            spec:
              groups:
                - name: node
                  rules:
                    - alert: InstanceDown
                      annotations:
                        {{annotation}}
            ---

            """;

        var findings = TestSupport.Lint(rule + Manifests.VaultDeployment).Findings;

        findings.ShouldNotContain(f => f.Message.Contains("Go template", StringComparison.Ordinal));
        findings.ShouldContain(f => f.RuleId == "MESH000" && f.Level == MeshLint.Findings.Level.Error && f.Start.Line == 7);
        findings.ShouldContain(f => f.RuleId == "MESH002");
    }

    [Fact]
    public void A_helm_template_with_actions_at_the_top_level_is_one_note()
    {
        var text = "{{- if .Values.enabled }}\n" + Manifests.VaultDeployment.Replace("name: payments", "name: {{ include \"x.fullname\" . }}", StringComparison.Ordinal)
            + "\n          image: \"{{ .Values.image }}\"\n{{- end }}\n";

        var note = TestSupport.Lint(text).Findings.ShouldHaveSingleItem();

        note.Level.ShouldBe(MeshLint.Findings.Level.Note);
        note.Start.ShouldBe(new MeshLint.Parsing.SourcePosition(1, 1));
    }

    [Fact]
    public void A_broken_file_without_template_actions_keeps_its_syntax_error()
    {
        TestSupport.Lint("a: [1\nb: 2\n").Findings.ShouldHaveSingleItem().Level.ShouldBe(MeshLint.Findings.Level.Error);
    }

    [Fact]
    public void A_jinja_template_of_a_manifest_is_one_note()
    {
        var text = "{% if enabled %}\n" + Manifests.VaultDeployment + "{% endif %}\n";

        var note = TestSupport.Lint(text).Findings.ShouldHaveSingleItem();

        note.Level.ShouldBe(MeshLint.Findings.Level.Note);
        note.Message.ShouldContain("Jinja template");
        note.Start.ShouldBe(new MeshLint.Parsing.SourcePosition(1, 1));
    }
}
