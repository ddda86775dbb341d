using Xunit;
using MeshLint.Cli;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Shouldly;
using static MeshLint.Tests.Support.Manifests;
using static MeshLint.Tests.Support.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>Text from scanned files in every report: escaped for terminals, valid JSON and SARIF.</summary>
public sealed class OutputZooTests
{
    private const string HostileName = "pay\\nments::error file=x::%0A\\e[31mred\\e]0;title\\a%25";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Hostile_names_never_put_a_control_character_in_a_report(string format)
    {
        using var folder = TempRepository.Folder();
        folder.Write("hostile\nfile\u001b[2J.yaml", VaultDeployment.Replace("name: payments", $"name: \"{HostileName}\"", StringComparison.Ordinal));

        var (exit, stdout, _) = CliRun.In(folder.Root, ".", "--format", format);

        exit.ShouldBe(1);
        stdout.ShouldNotContain("\u001b");
        stdout.ShouldNotContain("\u0007");
        if (format == "text")
        {
            stdout.ShouldContain("\\u001b[31mred");
            stdout.ShouldContain("hostile\\nfile");
            var concise = CliRun.In(folder.Root, ".", "--format", format, "--output-format", "concise").Stdout;
            concise.ShouldNotContain("\u001b");
            var lines = concise.TrimEnd('\n').Split('\n');
            lines.Length.ShouldBe(3, "two findings and the summary, none split by a newline in a name");
        }
        else
        {
            var strings = ((JContainer)JToken.Parse(stdout)).Descendants().OfType<JValue>().Select(value => value.Value as string).ToList();
            strings.ShouldContain(value => value != null && value.Contains("\u001b[31mred", StringComparison.Ordinal), "JSON keeps the real value, escaped by JSON itself");
        }

        if (format == "sarif")
        {
            SarifSchema.Validate(stdout).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Input_errors_on_stderr_are_escaped_too()
    {
        using var folder = TempRepository.Folder();
        var (_, _, stderr) = CliRun.In(folder.Root, "no\u001b]0;x\u0007such.yaml");
        stderr.ShouldNotContain("\u001b");
        stderr.ShouldContain("no\\u001b]0;x\\u0007such.yaml");
    }

    [Fact]
    public void Reports_are_written_atomically_and_nothing_else_is_left_behind()
    {
        using var folder = TempRepository.Folder();
        var target = folder.PathOf("report.sarif");
        File.WriteAllText(target, "previous");

        Should.Throw<InvalidOperationException>(() => AtomicFile.Write(target, writer =>
        {
            writer.Write("{\"half\":");
            throw new InvalidOperationException("crash half way");
        }));

        File.ReadAllText(target).ShouldBe("previous");
        Directory.GetFiles(folder.Root).ShouldBe([target]);

        folder.Write("app.yaml", VaultDeployment);
        CliRun.In(folder.Root, "app.yaml", "--format", "sarif", "--output", "report.sarif").ExitCode.ShouldBe(1);
        SarifSchema.Validate(File.ReadAllText(target)).ShouldBeEmpty();
        Directory.GetFiles(folder.Root).Select(Path.GetFileName).Order().ShouldBe(["app.yaml", "report.sarif"]);
    }

    private static JsonSchema SarifSchema { get; } =
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json"))).GetAwaiter().GetResult();
}
