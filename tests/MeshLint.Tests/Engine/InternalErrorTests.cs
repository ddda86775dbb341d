using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Engine;

/// <summary>A defect of MeshLint's own ends in exit code 2 with a line that names what failed, never in a crash.</summary>
public sealed class InternalErrorTests
{
    private sealed class ThrowingRule(string onObject) : IObjectRule
    {
        public string Id => "MESH004";

        public IReadOnlyList<string> MessageKeys => [];

        public void Check(ObjectCheck check)
        {
            if (check.Object.Name == onObject)
            {
                throw new InvalidOperationException("boom");
            }
        }
    }

    private static SourceFile File(string path, string text) => new(path, null) { Content = System.Text.Encoding.UTF8.GetBytes(text) };

    [Fact]
    public void A_rule_that_throws_costs_only_its_file_and_is_named()
    {
        var rules = BuiltInRules.For(RuleCatalog.BuiltIn).Append(new ThrowingRule("payments")).ToList();
        var linter = new Linter(new LintOptions { Jobs = 1 }, null, rules);
        var other = Manifests.VaultDeployment.Replace("name: payments", "name: orders");

        var result = linter.Run([File("bad.yaml", Manifests.VaultDeployment), File("good.yaml", other)]);

        var error = result.InputErrors.ShouldHaveSingleItem();
        error.Path.ShouldBe("bad.yaml");
        error.Message.ShouldContain("internal error in rule MESH004");
        error.Message.ShouldContain("InvalidOperationException: boom");
        error.Cause.ShouldBeOfType<InvalidOperationException>();
        result.Findings.Select(finding => finding.Path).Distinct().ShouldBe(["good.yaml"]);
        result.Findings.Select(finding => finding.RuleId).Order().ShouldBe(["MESH001", "MESH002"]);
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the report writer broke");

        public override void Write(string? value) => throw new InvalidOperationException("the report writer broke");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the report writer broke");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void An_exception_in_the_command_line_is_one_line_and_exit_2(string? debug)
    {
        using var repo = new TempRepository().Write("app.yaml", Manifests.VaultDeployment);
        var stderr = new StringWriter();
        var code = MeshLint.Cli.Program.Run(["--no-color", "."], new StringReader(string.Empty), new FailingWriter(), stderr, repo.Root, name => name == "MESHLINT_DEBUG" ? debug : null);

        code.ShouldBe(2);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("meshlint: internal error while writing the reports: InvalidOperationException: the report writer broke" + (debug is null ? " (MESHLINT_DEBUG=1 shows where)" : string.Empty));
        if (debug is null)
        {
            lines.Length.ShouldBe(1);
        }
        else
        {
            stderr.ToString().ShouldContain("at MeshLint.");
        }
    }
}
