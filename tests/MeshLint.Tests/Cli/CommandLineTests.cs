using System.CommandLine;
using MeshLint.Cli;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary>
/// The command line as one set of definitions: lint as the default and as a named command, usage
/// errors that name the problem and the nearest option or command, and help generated for every
/// command from what it takes.
/// </summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Lint_is_the_default_command_and_can_be_named()
    {
        var unnamed = CliRun.In(FixturePaths.RepositoryRoot, "--no-color", "examples");
        var named = CliRun.In(FixturePaths.RepositoryRoot, "lint", "--no-color", "examples");

        named.ExitCode.ShouldBe(1, named.Stderr);
        named.Stderr.ShouldBeEmpty();
        named.Stdout.ShouldBe(unnamed.Stdout);
        named.Findings.ShouldContain("examples/apps/payments.yaml:17:9: error MESH002");
    }

    [Fact]
    public void A_path_named_like_a_command_is_linted_as_dot_slash_name_or_after_lint()
    {
        using var repo = new TempRepository().Write("rules/app.yaml", Manifests.VaultDeployment);

        repo.Run("./rules").Findings.ShouldContain(finding => finding.EndsWith("MESH002", StringComparison.Ordinal));
        repo.Run("lint", "rules").Findings.ShouldContain(finding => finding.EndsWith("MESH002", StringComparison.Ordinal));
        repo.Run("rules").Stdout.ShouldContain("MESH002  vault-agent-without-outbound-exclusion");
    }

    [Fact]
    public void Words_after_a_double_dash_are_paths_even_when_they_start_with_a_dash_or_an_at()
    {
        using var repo = new TempRepository().Write("-weird.yaml", Manifests.VaultDeployment).Write("@also.yaml", Manifests.VaultDeployment);

        var run = repo.Run("--select", "MESH002", "--", "-weird.yaml", "@also.yaml");

        run.ExitCode.ShouldBe(1, run.Stderr);
        run.Findings.ShouldBe(["-weird.yaml:10:9: error MESH002", "@also.yaml:10:9: error MESH002"]);
        repo.Run("-weird.yaml").Stderr.ShouldContain("unknown option '-weird.yaml'");
    }

    [Theory]
    [InlineData("unknown option '--selec'; did you mean '--select'?", "--selec", "MESH001")]
    [InlineData("unknown option '--no-colour'; did you mean '--no-color'?", "--no-colour")]
    [InlineData("unknown option '--objet' for 'meshlint startup'; did you mean '--object'?", "startup", "--objet", "Deployment/web")]
    [InlineData("unknown option '--stdot' for 'meshlint init'; did you mean '--stdout'?", "init", "--stdot")]
    [InlineData("unknown command 'rulez'; did you mean 'meshlint rules'?", "rulez")]
    [InlineData("unknown command 'startpu'; did you mean 'meshlint startup'?", "startpu", "examples")]
    [InlineData("meshlint context does not take the option '--object' (an option of 'meshlint startup')", "context", "--object", "Deployment/web")]
    [InlineData("meshlint does not take the option '--unsafe-fixes' (an option of 'meshlint fix')", "--unsafe-fixes")]
    [InlineData("meshlint fix does not take the option '--format' (an option of 'meshlint lint', 'meshlint rules', 'meshlint startup', 'meshlint context' and 'meshlint diagnose')", "fix", "--format", "json")]
    [InlineData("--select is given before the command; write it after: 'meshlint fix --select ...'", "--select", "MESH001", "fix")]
    [InlineData("--output needs a value", "--output")]
    [InlineData("--fail-on can be given only once", "--fail-on", "note", "--fail-on", "error")]
    [InlineData("--fail-on must be error, warning, note or never, not 'sometimes'", "--fail-on", "sometimes")]
    [InlineData("--jobs needs a whole number (0 for one per core), not '-1'", "--jobs", "-1")]
    [InlineData("meshlint explain needs RULE|KEY, e.g. 'meshlint explain MESH002'", "explain")]
    [InlineData("meshlint rules takes no argument 'extra'", "rules", "extra")]
    [InlineData("completion: no script for the shell 'tcsh' (use bash, zsh, fish or powershell)", "completion", "tcsh")]
    public void A_usage_error_is_one_line_naming_the_problem_and_the_nearest_option_or_command(string expected, params string[] args)
    {
        using var repo = new TempRepository();

        var run = CliRun.In(repo.Root, args);

        run.ExitCode.ShouldBe(2);
        run.Stdout.ShouldBeEmpty();
        var lines = run.Stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        lines[0].ShouldStartWith("meshlint: ");
        lines[0].ShouldContain(expected);
        lines.Length.ShouldBe(2);
        lines[1].ShouldMatch(@"^Run 'meshlint( [a-z]+)? --help' for usage\.$");
    }

    [Fact]
    public void Help_of_every_command_lists_what_it_takes_from_the_same_definitions()
    {
        var root = CommandTree.Build(new CliContext(TextReader.Null, TextWriter.Null, TextWriter.Null, FixturePaths.RepositoryRoot, _ => null));
        var help = CliRun.In(FixturePaths.RepositoryRoot, "--help");

        help.ExitCode.ShouldBe(0);
        help.Stdout.ShouldContain("meshlint [options] [PATH...] lints Kubernetes and Istio manifests");
        foreach (var command in root.Subcommands.Where(command => !command.Hidden).Prepend(root))
        {
            var own = command is RootCommand ? help : CliRun.In(FixturePaths.RepositoryRoot, command.Name, "--help");
            own.ExitCode.ShouldBe(0, own.Stderr);
            own.Stdout.ShouldContain(command is RootCommand ? "meshlint [command] [options]" : $"meshlint {command.Name}");
            foreach (var option in command.Options.Where(option => !option.Hidden))
            {
                own.Stdout.ShouldContain(option.Name, Case.Sensitive, $"meshlint {command.Name} --help");
                own.Stdout.ShouldContain(option.Description!, Case.Sensitive);
            }

            if (command is not RootCommand)
            {
                help.Stdout.ShouldContain($"  {command.Name}", Case.Sensitive, "the root's help lists every command");
            }
        }

        CliRun.In(FixturePaths.RepositoryRoot, "help", "fix").Stdout.ShouldBe(CliRun.In(FixturePaths.RepositoryRoot, "fix", "-h").Stdout);
    }

    [Fact]
    public void Output_format_concise_and_full_are_read_and_a_text_report_has_one_line_per_finding()
    {
        var full = CliRun.In(FixturePaths.RepositoryRoot, "--no-color", "--output-format", "full", "examples");
        var concise = CliRun.In(FixturePaths.RepositoryRoot, "--no-color", "--output-format=concise", "examples");

        concise.ExitCode.ShouldBe(full.ExitCode);
        var lines = concise.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        lines.Length.ShouldBe(concise.Findings.Count + 1, "one line per finding, then the count");
        lines[^1].ShouldStartWith("13 findings (7 errors, 6 warnings, 0 notes)");
        CliRun.In(FixturePaths.RepositoryRoot, "startup", "--output-format", "concise", "--object", "Deployment/orders", "examples").ExitCode.ShouldBe(1);
        CliRun.In(FixturePaths.RepositoryRoot, "fix", "--diff", "--output-format", "concise", "examples").ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Options_take_their_values_in_every_form_a_shell_user_writes()
    {
        using var repo = new TempRepository().Write("app.yaml", Manifests.VaultDeployment);

        foreach (var form in new[] { new[] { "--format", "json" }, ["--format=json"], ["--format:json"], ["-f", "json"], ["-fjson"] })
        {
            var run = repo.Run([.. form, "--select", "MESH002", "app.yaml"]);
            run.ExitCode.ShouldBe(1, string.Join(' ', form) + run.Stderr);
            run.Stdout.ShouldStartWith("[", Case.Sensitive, string.Join(' ', form));
        }
    }
}
