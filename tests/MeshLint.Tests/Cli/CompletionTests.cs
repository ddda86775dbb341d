using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary>
/// Shell completion: what meshlint answers to System.CommandLine's <c>[suggest:N]</c> directive,
/// and the scripts of <c>meshlint completion SHELL</c> in the real shells.
/// </summary>
public sealed class CompletionTests
{
    /// <summary>The candidates for the cursor at the end of <paramref name="line"/>, as a shell script asks for them.</summary>
    private static string[] Candidates(string directory, string line)
    {
        var run = CliRun.In(directory, $"[suggest:{line.Length}]", line);
        run.ExitCode.ShouldBe(0, run.Stderr);
        return run.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData("meshlint --sel", new[] { "--select" })]
    [InlineData("meshlint ru", new[] { "rules", "rules/" })]
    [InlineData("meshlint exa", new[] { "examples/" })]
    [InlineData("meshlint lint examples/ap", new[] { "examples/apps/" })]
    [InlineData("meshlint fix examples/apps/pay", new[] { "examples/apps/payments.yaml" })]
    [InlineData("meshlint --format ", new[] { "github", "json", "rdjson", "sarif", "text" })]
    [InlineData("meshlint startup -f ", new[] { "json", "text" })]
    [InlineData("meshlint --output-format ", new[] { "concise", "full" })]
    [InlineData("meshlint --select MESH00", new[] { "MESH000", "MESH001", "MESH002", "MESH003", "MESH004", "MESH005", "MESH006", "MESH007", "MESH008", "MESH009" })]
    [InlineData("meshlint --ignore mesh01", new[] { "MESH010", "MESH011", "MESH012", "MESH013", "MESH014", "MESH015", "MESH016", "MESH017", "MESH018" })]
    [InlineData("meshlint --select MESH001,vault", new[] { "MESH001,vault-agent-without-outbound-exclusion" })]
    [InlineData("meshlint explain sidecar.istio.io/inj", new[] { "sidecar.istio.io/inject" })]
    [InlineData("meshlint explain proxy-start", new[] { "proxy-start-hold-missing" })]
    [InlineData("meshlint completion ", new[] { "--help", "-h", "bash", "fish", "powershell", "zsh" })]
    public void The_suggest_directive_answers_from_the_command_definitions(string line, string[] expected)
    {
        Candidates(FixturePaths.RepositoryRoot, line).ShouldBe(expected);
    }

    [Fact]
    public void Rule_completion_includes_the_repositorys_own_rules()
    {
        using var repo = new TempRepository().Write(".meshlint/rules/ACME001.yaml", File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "examples", "rules", "ACME001.yaml")));
        Directory.CreateDirectory(repo.PathOf("apps"));

        Candidates(repo.PathOf("apps"), "meshlint --select AC").ShouldBe(["ACME001"]);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _meshlint_complete meshlint")]
    [InlineData("zsh", "compdef _meshlint_complete meshlint")]
    [InlineData("fish", "complete -c meshlint -f -a")]
    [InlineData("powershell", "Register-ArgumentCompleter -Native -CommandName meshlint")]
    public void Completion_prints_each_shells_script(string shell, string registers)
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "completion", shell);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain(registers);
        run.Stdout.ShouldContain("[suggest:");
    }

    [SkippableTheory]
    [Integration]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public void Each_shell_completes_commands_options_rules_and_paths_through_its_script(string shell)
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the shells' scripts run on Unix");
        var program = Tools.Require(shell);
        using var work = TempRepository.Folder();
        var bin = work.PathOf("bin");
        Directory.CreateDirectory(bin);
        var meshlint = Path.Combine(bin, "meshlint");
        var target = CliRun.Executable ?? Path.Combine(AppContext.BaseDirectory, "meshlint");
        File.WriteAllText(meshlint, $"#!/bin/sh\nexec '{target}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(meshlint, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(work.PathOf("script"), CliRun.In(FixturePaths.RepositoryRoot, "completion", shell).Stdout);

        // Each shell completes the line the way it does at a prompt, from its own completion machinery.
        string Complete(string line) => shell switch
        {
            "bash" => $". {work.PathOf("script")}\nCOMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n_meshlint_complete\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            "fish" => $"source {work.PathOf("script")}\ncomplete --do-complete '{line}' | cut -f1\n",
            _ => string.Empty,
        };
        var candidates = shell == "zsh" ? ZshCandidates(program, work, bin) : null;

        foreach (var (line, expected) in new[] { ("meshlint --sel", "--select"), ("meshlint explain mesh00", "MESH002"), ("meshlint ex", "examples/"), ("meshlint --select MESH001,vault-agent", "MESH001,vault-agent-without-outbound-exclusion") })
        {
            if (candidates is not null)
            {
                candidates(line).ShouldContain(expected, $"{shell}: {line}");
                continue;
            }

            var run = ToolProcess.Run(program, shell == "bash" ? ["--norc", "-c", Complete(line)] : ["--no-config", "-c", Complete(line)], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(1), environment: new Dictionary<string, string?> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldContain(expected, $"{shell}: {line}\n{run}");
        }
    }

    /// <summary>
    /// zsh completes only inside its line editor, so the script's function runs with the line
    /// editor's variables set and <c>compadd</c> (which lists the candidates) standing in.
    /// </summary>
    private static Func<string, string[]> ZshCandidates(string zsh, TempRepository work, string bin) => line =>
    {
        var script = $$"""
            compdef() { : }
            source {{work.PathOf("script")}}
            compadd() { local a; while [[ $1 == -* ]]; do case $1 in -a) shift; for a in "${(@P)1}"; do print -r -- "$a"; done; shift; continue;; -S) shift;; esac; shift; done }
            BUFFER='{{line}}'; CURSOR=${#BUFFER}; words=(${(z)BUFFER})
            _meshlint_complete
            """;
        var run = ToolProcess.Run(zsh, ["-f", "-c", script], FixturePaths.RepositoryRoot, timeout: TimeSpan.FromMinutes(1), environment: new Dictionary<string, string?> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });
        run.ExitCode.ShouldBe(0, run.ToString());
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    };
}
