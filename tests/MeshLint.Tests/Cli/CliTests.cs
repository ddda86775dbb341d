using System.Text.Json;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

public sealed class CliTests
{
    private const string Clean = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ok
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
        """;

    private const string WarningOnly = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: no-hold
        spec:
          template:
            metadata:
              labels: {app: x, sidecar.istio.io/inject: "true"}
        """;

    private const string Broken = "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n";

    [Fact]
    public void Clean_input_exits_0()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Clean);
        var run = CliRun.In(tree.Root, ".");
        run.ExitCode.ShouldBe(0, run.Stdout + run.Stderr);
        run.Stdout.ShouldContain("No findings in 1 file");
    }

    [Fact]
    public void Warnings_fail_only_when_asked()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", WarningOnly);
        CliRun.In(tree.Root).ExitCode.ShouldBe(0);
        CliRun.In(tree.Root, "--fail-on", "warning").ExitCode.ShouldBe(1);
        CliRun.In(tree.Root, "--fail-on=note").ExitCode.ShouldBe(1);
        CliRun.In(tree.Root, "--fail-on", "never").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Text_lines_name_path_line_column_level_rule_and_object()
    {
        using var tree = TempRepository.Folder();
        tree.Write("apps/app.yaml", WarningOnly);
        var concise = CliRun.In(tree.Root, "--output-format", "concise", "apps");
        var conciseLines = concise.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        conciseLines.Length.ShouldBe(2, concise.Stdout);
        conciseLines[0].ShouldBe("apps/app.yaml:7:5: warning MESH001 [*] proxy-start-hold-missing: Deployment/no-hold: the app may start before istio-proxy is ready [assumes legacy sidecars]");
        conciseLines[1].ShouldStartWith("1 finding (0 errors, 1 warning, 0 notes) in 1 file");

        // Not a terminal: 80 columns, the rule on the first line, the summary beneath it, then the details.
        var full = CliRun.In(tree.Root, "apps");
        var lines = full.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("apps/app.yaml:7:5: warning MESH001 [*] proxy-start-hold-missing:");
        lines[1].ShouldBe("  Deployment/no-hold: the app may start before istio-proxy is ready [assumes");
        lines[2].ShouldBe("  legacy sidecars]");
        lines[3].ShouldStartWith("    Its first outbound calls then fail with connection refused.");
        lines.ShouldAllBe(line => line.Length <= MeshLint.Reports.TextReport.DefaultWidth);
        full.Stdout.ShouldNotContain("\u001b[");
        CliRun.In(tree.Root, "--output-format", "FULL", "apps").Stdout.ShouldBe(full.Stdout);
        CliRun.In(tree.Root, "--output-format", "short", "apps").Stderr.ShouldContain("--output-format must be full or concise, not 'short'");
    }

    [Fact]
    public void A_syntax_error_fails_with_1_and_the_other_files_are_still_reported()
    {
        using var tree = TempRepository.Folder();
        tree.Write("a-broken.yaml", Broken);
        tree.Write("b-warning.yaml", WarningOnly);
        var run = CliRun.In(tree.Root, "--format", "json");
        run.ExitCode.ShouldBe(1);
        using var json = JsonDocument.Parse(run.Stdout);
        var rules = json.RootElement.EnumerateArray().Select(f => (f.GetProperty("path").GetString(), f.GetProperty("ruleId").GetString())).ToList();
        rules.ShouldBe([("a-broken.yaml", "MESH000"), ("b-warning.yaml", "MESH001")]);
    }

    [Fact]
    public void A_missing_path_exits_2_after_linting_the_rest()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", WarningOnly);
        var run = CliRun.In(tree.Root, "app.yaml", "nope.yaml");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("nope.yaml: no such file or directory");
        run.Stdout.ShouldContain("MESH001");
    }

    [Fact]
    public void A_run_that_could_not_read_its_input_says_so_instead_of_no_findings()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Clean);

        var nothing = CliRun.In(tree.Root, "nope.yaml", "missing/");
        nothing.ExitCode.ShouldBe(2);
        nothing.Stderr.ShouldContain("nope.yaml: no such file or directory");
        nothing.Stdout.ShouldNotContain("No findings");
        System.Text.RegularExpressions.Regex.Replace(nothing.Stdout.Trim(), @"\s*\n\s*", " ").ShouldBe("Nothing was linted: nope.yaml (no such file or directory), missing/ (no such file or directory).");

        var some = CliRun.In(tree.Root, "app.yaml", "nope.yaml");
        some.ExitCode.ShouldBe(2);
        System.Text.RegularExpressions.Regex.Replace(some.Stdout.Trim(), @"\s*\n\s*", " ").ShouldBe("No findings in 1 file (1 document). Not linted: nope.yaml (no such file or directory).");
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--bogus")]
    [InlineData("--jobs", "-1")]
    [InlineData("--output")]
    public void Bad_usage_exits_2_with_a_hint(params string[] args)
    {
        using var tree = TempRepository.Folder();
        var run = CliRun.In(tree.Root, args);
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("meshlint --help");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Standard_input_is_linted_under_the_given_name()
    {
        using var tree = TempRepository.Folder();
        var run = CliRun.WithStdin(tree.Root, WarningOnly, "-", "--stdin-filename", "charts/rendered.yaml");
        run.Stdout.ShouldStartWith("charts/rendered.yaml:7:5: warning MESH001");
    }

    [Fact]
    public void Output_file_receives_the_report_and_the_summary_goes_to_stderr()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", WarningOnly);
        var run = CliRun.In(tree.Root, "app.yaml", "--format", "sarif", "--output", "out/report.sarif");
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("1 finding");
        File.ReadAllText(tree.PathOf("out/report.sarif")).ShouldContain("\"ruleId\": \"MESH001\"");
        Directory.GetFiles(tree.PathOf("out")).Length.ShouldBe(1, "no temporary file is left behind");
    }

    [Fact]
    public void Output_is_identical_whatever_the_number_of_jobs()
    {
        using var tree = TempRepository.Folder();
        for (var i = 0; i < 40; i++)
        {
            tree.Write($"d{i % 7}/app{i}.yaml", i % 3 == 0 ? Broken : WarningOnly.Replace("no-hold", $"w{i}", StringComparison.Ordinal));
        }

        var one = CliRun.In(tree.Root, "--jobs", "1", "--format", "json").Stdout;
        var many = CliRun.In(tree.Root, "--jobs", "8", "--format", "json").Stdout;
        many.ShouldBe(one);
    }

    [Fact]
    public void Rules_and_explain_print_the_catalog()
    {
        var list = CliRun.In(Path.GetTempPath(), "rules");
        list.ExitCode.ShouldBe(0);
        for (var i = 0; i <= 7; i++)
        {
            list.Stdout.ShouldContain($"MESH00{i}");
        }

        var explain = CliRun.In(Path.GetTempPath(), "explain", "vault-agent-without-outbound-exclusion");
        explain.ExitCode.ShouldBe(0);
        explain.Stdout.ShouldContain("## Why is this bad?");
        CliRun.In(Path.GetTempPath(), "explain", "MESH999").ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Version_is_printed()
    {
        var run = CliRun.In(Path.GetTempPath(), "--version");
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldMatch(@"^meshlint \d+\.\d+\.\d+");
    }
}

public sealed class OutputTargetTests
{
    [Fact]
    public void Writing_to_dev_null_leaves_the_device_in_place()
    {
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        var run = CliRun.In(tree.Root, "app.yaml", "--format", "json", "--output", "/dev/null");
        run.ExitCode.ShouldBe(0, run.Stderr);
        new FileInfo("/dev/null").Length.ShouldBe(0);
        File.WriteAllText("/dev/null", "still a sink");
        new FileInfo("/dev/null").Length.ShouldBe(0, "/dev/null must still be the null device");
    }

    [SkippableFact]
    [Integration]
    public void Writing_to_a_fifo_with_a_reader_waiting_delivers_the_report_and_keeps_the_fifo()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs are made with Linux's mkfifo");
        using var tree = TempRepository.Folder();
        tree.Write("app.yaml", Manifests.VaultDeployment);
        var fifo = tree.PathOf("report.json");
        var mkfifo = ToolProcess.Run(Tools.Require("mkfifo"), [fifo], tree.Root, timeout: TimeSpan.FromMinutes(1));
        mkfifo.ExitCode.ShouldBe(0, mkfifo.ToString());

        var reader = Task.Run(() => File.ReadAllText(fifo));
        var lint = Task.Run(() => CliRun.In(tree.Root, "app.yaml", "--format", "json", "--output", fifo));
        var finished = Task.WaitAll([reader, lint], TimeSpan.FromSeconds(30));
        if (!finished)
        {
            // Opening the FIFO for writing releases whoever still waits on it, so no thread is left blocked.
            using var release = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }

        finished.ShouldBeTrue("writing the report to a FIFO must not wait for a second writer");
        lint.Result.ExitCode.ShouldBe(1, lint.Result.Stderr);
        reader.Result.ShouldContain("\"MESH002\"");
        MeshLint.Input.FileKind.NonRegularKind(fifo).ShouldBe("a FIFO (named pipe)");
    }
}
