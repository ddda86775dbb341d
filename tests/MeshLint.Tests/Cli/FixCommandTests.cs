using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

public sealed class FixCommandTests
{
    // MESH001 (a warning, safe fix), MESH007 (an error, safe fix) and MESH006 (an error, safe fix).
    private const string Fixable = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            enabled: true
        spec:
          template:
            metadata:
              annotations:
                traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8, 192.168.0.0/16"

        """;

    private const string Fixed = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            enabled: "true"
        spec:
          template:
            metadata:
              annotations:
                traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8,192.168.0.0/16"
                proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'

        """;

    // MESH004's rename is unsafe; the port list is not a fixable problem, so an error remains.
    private const string Typo = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: typo
          annotations:
            proxy.istio.io/config: |
              holdApplicationUntilProxyStarts: true
              concurrency: 2
              terminationDrainDurations: 20s

        """;

    [Fact]
    public void Fix_writes_the_fixes_reports_what_it_fixed_and_exits_0_when_nothing_remains()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        var run = CliRun.In(tree.Root, "fix", "--no-config", "app.yaml");
        run.ExitCode.ShouldBe(0, run.Stdout + run.Stderr);
        tree.Read("app.yaml").ShouldBe(Fixed);
        run.Stdout.ShouldContain("fixed app.yaml: MESH001, MESH006, MESH007");
        run.Stdout.ShouldContain("No findings in 1 file");
        run.Stdout.ShouldContain("Fixed 3 findings in 1 file; 0 findings remain.");
    }

    [Fact]
    public void A_second_fix_changes_nothing()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        CliRun.In(tree.Root, "fix", "--no-config", "app.yaml").ExitCode.ShouldBe(0);
        var again = CliRun.In(tree.Root, "fix", "--no-config", "app.yaml");
        again.ExitCode.ShouldBe(0);
        again.Stdout.ShouldContain("Fixed 0 findings in 0 files; 0 findings remain.");
        tree.Read("app.yaml").ShouldBe(Fixed);
        CliRun.In(tree.Root, "fix", "--diff", "--no-config", "app.yaml").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Diff_changes_nothing_prints_a_unified_diff_and_exits_1()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        var run = CliRun.In(tree.Root, "fix", "--diff", "--no-config", "app.yaml");
        run.ExitCode.ShouldBe(1, run.Stderr);
        tree.Read("app.yaml").ShouldBe(Fixable);
        run.Stdout.ShouldBe("""
            --- a/app.yaml
            +++ b/app.yaml
            @@ -3,9 +3,10 @@
             metadata:
               name: web
               labels:
            -    enabled: true
            +    enabled: "true"
             spec:
               template:
                 metadata:
                   annotations:
            -        traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8, 192.168.0.0/16"
            +        traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8,192.168.0.0/16"
            +        proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        run.Stderr.ShouldContain("would fix 3 findings in 1 file; 0 findings remain.");
    }

    [SkippableFact]
    [Integration]
    public void The_diff_applies_with_git_apply()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        var diff = CliRun.In(tree.Root, "fix", "--diff", "--no-config", "app.yaml").Stdout;
        tree.Write("fix.patch", diff);
        tree.Git("apply", "fix.patch").ExitCode.ShouldBe(0);
        tree.Read("app.yaml").ShouldBe(Fixed);
    }

    [Fact]
    public void Unsafe_fixes_wait_for_the_option()
    {
        using var tree = TempRepository.Folder();
        tree.Write("pod.yaml", Typo);
        var safe = CliRun.In(tree.Root, "fix", "--no-config", "--fail-on", "warning", "pod.yaml");
        safe.ExitCode.ShouldBe(1);
        tree.Read("pod.yaml").ShouldBe(Typo);
        safe.Stdout.ShouldContain("1 finding remains (1 fixable with --unsafe-fixes)");
        CliRun.In(tree.Root, "--no-config", "--output-format", "concise", "pod.yaml").Stdout.ShouldContain("1 fixable with 'meshlint fix --unsafe-fixes'.");

        var run = CliRun.In(tree.Root, "fix", "--unsafe-fixes", "--no-config", "--fail-on", "warning", "pod.yaml");
        run.ExitCode.ShouldBe(0, run.Stdout);
        tree.Read("pod.yaml").ShouldContain("      terminationDrainDuration: 20s\n");
    }

    [Fact]
    public void Exit_1_when_a_finding_at_the_fail_on_level_remains()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable.Replace("10.0.0.0/8, 192.168.0.0/16", "10.0.0.0/8, 10.0.0.1", StringComparison.Ordinal));
        var run = CliRun.In(tree.Root, "fix", "--no-config", "app.yaml");
        run.ExitCode.ShouldBe(1);
        run.Stdout.ShouldContain("error MESH006 outbound-ip-ranges-invalid");
        run.Stdout.ShouldContain("Fixed 2 findings in 1 file; 1 finding remains.");
        CliRun.In(tree.Root, "fix", "--no-config", "--fail-on", "never", "app.yaml").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Select_and_ignore_restrict_the_rules_fixed()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        CliRun.In(tree.Root, "fix", "--no-config", "--select", "MESH007", "app.yaml").ExitCode.ShouldBe(0);
        var text = tree.Read("app.yaml");
        text.ShouldContain("enabled: \"true\"");
        text.ShouldContain("10.0.0.0/8, 192.168.0.0/16");
        text.ShouldNotContain("proxy.istio.io/config");

        CliRun.In(tree.Root, "fix", "--no-config", "--ignore", "MESH001", "app.yaml").ExitCode.ShouldBe(0);
        tree.Read("app.yaml").ShouldNotContain("proxy.istio.io/config");
        tree.Read("app.yaml").ShouldContain("10.0.0.0/8,192.168.0.0/16");
    }

    [Fact]
    public void Standard_input_is_fixed_to_standard_output_with_the_report_on_standard_error()
    {
        using var tree = TempRepository.Folder();
        var run = CliRun.WithStdin(tree.Root, Fixable, "fix", "--no-config", "-");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldBe(Fixed);
        run.Stderr.ShouldContain("Fixed 3 findings in 1 file; 0 findings remain.");

        var clean = CliRun.WithStdin(tree.Root, Fixed, "fix", "--no-config", "-");
        clean.Stdout.ShouldBe(Fixed);
    }

    [Fact]
    public void A_file_with_a_syntax_error_is_never_edited()
    {
        using var tree = TempRepository.Folder();
        var broken = Fixable + "---\nkind: Pod\nmetadata: {name: [\n";
        tree.Write("app.yaml", broken);
        var run = CliRun.In(tree.Root, "fix", "--no-config", "app.yaml");
        run.ExitCode.ShouldBe(1);
        tree.Read("app.yaml").ShouldBe(broken);
        run.Stdout.ShouldContain("MESH000");
        run.Stdout.ShouldNotContain("[*]");
    }

    [Fact]
    public void Report_options_and_unreadable_input_exit_2()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        CliRun.In(tree.Root, "fix", "--format", "json", "app.yaml").ExitCode.ShouldBe(2);
        CliRun.In(tree.Root, "fix", "--write-baseline", "b.json", "app.yaml").ExitCode.ShouldBe(2);
        CliRun.In(tree.Root, "--unsafe-fixes", "app.yaml").ExitCode.ShouldBe(2);
        var missing = CliRun.In(tree.Root, "fix", "--no-config", "app.yaml", "missing.yaml");
        missing.ExitCode.ShouldBe(2);
        tree.Read("app.yaml").ShouldBe(Fixed);
    }

    [Fact]
    public void A_baselined_finding_is_not_fixed()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Fixable);
        CliRun.In(tree.Root, "--no-config", "--select", "MESH007", "--write-baseline", "baseline.json", "app.yaml").ExitCode.ShouldBe(0);
        CliRun.In(tree.Root, "fix", "--no-config", "--baseline", "baseline.json", "app.yaml").ExitCode.ShouldBe(0);
        tree.Read("app.yaml").ShouldContain("    enabled: true\n");
        tree.Read("app.yaml").ShouldContain("proxy.istio.io/config");
    }

    [Fact]
    public void Crlf_and_a_byte_order_mark_survive_a_fix()
    {
        using var tree = TempRepository.Folder();
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Fixable.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        File.WriteAllBytes(tree.PathOf("app.yaml"), bytes);
        CliRun.In(tree.Root, "fix", "--no-config", "app.yaml").ExitCode.ShouldBe(0);
        var expected = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Fixed.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        File.ReadAllBytes(tree.PathOf("app.yaml")).ShouldBe(expected);
    }

    [Fact]
    public void The_readme_shows_what_fix_diff_prints_for_the_examples()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "fix", "examples/", "--diff");
        run.ExitCode.ShouldBe(1);
        var readme = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        readme.ShouldContain("$ meshlint fix examples/ --diff\n" + run.Stdout + run.Stderr, Case.Sensitive, "README.md's example of meshlint fix --diff is out of date");
    }

    [Fact]
    public void Unified_diff_marks_a_last_line_without_a_newline()
    {
        MeshLint.Fixes.UnifiedDiff.Of("a.yaml", "a: 1\nb: 2", "a: 1\nb: \"2\"").ShouldBe("--- a/a.yaml\n+++ b/a.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n\\ No newline at end of file\n+b: \"2\"\n\\ No newline at end of file\n");
        MeshLint.Fixes.UnifiedDiff.Of("a.yaml", "same\n", "same\n").ShouldBeEmpty();
    }
}
