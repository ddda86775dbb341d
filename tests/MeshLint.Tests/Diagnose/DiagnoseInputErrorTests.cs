using Shouldly;
using Xunit;

namespace MeshLint.Tests.Diagnose;

public sealed class DiagnoseInputErrorTests
{
    [Theory]
    [InlineData("bad/truncated.gcloud.json", "truncated.gcloud.json: entry [1]: invalid JSON at line 28")]
    [InlineData("bad/broken-entry.gcloud.json", "broken-entry.gcloud.json: entry [2]: invalid JSON at line 54")]
    [InlineData("bad/no-timestamps.log", "no-timestamps.log: line 1 does not start with an RFC 3339 timestamp")]
    public void Unreadable_input_exits_2_naming_the_file_and_the_entry(string fixture, string expected)
    {
        var run = DiagnoseRun.Of(DiagnoseRun.Fixture(fixture));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(expected, Case.Sensitive);
        run.Stderr.ShouldNotContain("   at ");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Missing_file_exits_2_without_a_stack_trace()
    {
        var run = DiagnoseRun.Of(DiagnoseRun.Fixture("does-not-exist.json"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("does-not-exist.json: cannot read:", Case.Sensitive);
        run.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void Entry_with_an_unparseable_timestamp_is_skipped_with_a_warning_naming_it()
    {
        var run = DiagnoseRun.Json("bad/bad-timestamp.gcloud.json");

        run.ExitCode.ShouldBe(0);
        run.Stderr.ShouldContain("bad-timestamp.gcloud.json entry [1]: timestamp \"yesterday at noon\" is not an RFC 3339 time", Case.Sensitive);
        run.Stderr.ShouldContain("bad-timestamp.gcloud.json entry [1]: no usable timestamp or receiveTimestamp; skipped", Case.Sensitive);
        run.Root.GetProperty("inputs")[0].GetProperty("detail").GetString().ShouldBe("1 container log entries, 0 pod events, 1 entries not used");
    }

    [Theory]
    [InlineData(new string[0], "no input files given")]
    [InlineData(new[] { "--format", "sarif", "x.json" }, "--format must be text or json, not 'sarif'")]
    [InlineData(new[] { "--bogus", "x.json" }, "unknown option '--bogus'")]
    [InlineData(new[] { "x.json", "--refused-pattern" }, "--refused-pattern needs a value")]
    [InlineData(new[] { "--refused-pattern", "(unclosed", "x.json" }, "--refused-pattern '(unclosed' is not a valid regular expression")]
    [InlineData(new[] { "--probe-period", "-1", "x.json" }, "--probe-period must be a number of seconds")]
    public void Bad_usage_exits_2_with_the_reason(string[] args, string expected)
    {
        var run = DiagnoseRun.Of(args);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(expected, Case.Sensitive);
    }

    [Fact]
    public void Help_prints_usage_and_exits_0()
    {
        var run = DiagnoseRun.Of("--help");

        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("meshlint diagnose [<FILE>...] [options]", Case.Sensitive);
        run.Stdout.ShouldContain("gcloud logging read FILTER --format=json", Case.Sensitive);
    }

    [Fact]
    public void Directory_argument_is_rejected_clearly()
    {
        var run = DiagnoseRun.Of(Path.GetDirectoryName(DiagnoseRun.Fixture("x"))!);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("is a directory", Case.Sensitive);
    }
}
