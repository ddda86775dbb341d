using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

public sealed class MultipleReportsTests
{
    [Fact]
    public void One_scan_writes_annotations_to_standard_output_and_sarif_and_json_to_files()
    {
        using var repo = TempRepository.Folder().WriteShop();

        var run = CliRun.In(repo.Root, "--report", "github", "--report", "sarif=out/meshlint.sarif", "--report=json=findings.json", "--sarif-category", "meshlint/deploy", ".");

        run.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, run.ToString());
        run.Stdout.ShouldContain("::error file=apps/bad.yaml,");
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(repo.PathOf("out/meshlint.sarif")));
        var sarifRun = sarif.RootElement.GetProperty("runs")[0];
        sarifRun.GetProperty("results").GetArrayLength().ShouldBe(2);
        sarifRun.GetProperty("automationDetails").GetProperty("id").GetString().ShouldBe("meshlint/deploy/");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(repo.PathOf("findings.json")));
        json.RootElement.GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [InlineData("--report github --report json", "only one report can go to standard output")]
    [InlineData("--report github --format json", "use either --report or --format/--output")]
    [InlineData("--report sarif=", "needs a file name")]
    [InlineData("--report xml", "unknown format 'xml'")]
    public void Unclear_report_requests_are_usage_errors(string args, string message)
    {
        var run = CliRun.In(Path.GetTempPath(), args.Split(' '));

        run.ExitCode.ShouldBe(ExitCodesUnderTest.UsageOrInput);
        run.Stderr.ShouldContain(message);
    }

    [Fact]
    public void Format_and_output_remain_the_single_report_shorthand()
    {
        using var repo = TempRepository.Folder().WriteShop();

        var run = CliRun.In(repo.Root, "--format", "sarif", "--output", "x.sarif", ".");

        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("2 findings");
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(repo.PathOf("x.sarif")));
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Version_prints_the_package_version()
    {
        var run = CliRun.In(Path.GetTempPath(), "--version");

        run.Stdout.Trim().ShouldMatch(@"^meshlint \d+\.\d+\.\d+");
    }
}
