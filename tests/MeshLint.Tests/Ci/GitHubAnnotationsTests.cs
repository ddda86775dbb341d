using System.Text.RegularExpressions;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Reports;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

public sealed class GitHubAnnotationsTests
{
    private static readonly string[] AllowedProperties = ["file", "line", "col", "endLine", "endColumn", "title"];

    /// <summary>
    /// Text a crafted manifest controls: its file name, an object name, an annotation key. Each
    /// tries to end the line and start a command, or to forge properties.
    /// </summary>
    private const string HostileName = "x\\n::add-mask::secret\\r::error file=forged.yaml,line=1::forged %0A,: \\u2028::warning::y\\u0085::stop-commands::t";

    [Fact]
    public void No_workflow_command_can_be_injected_through_a_scanned_file()
    {
        using var repo = TempRepository.Folder();
        repo.Write("namespace.yaml", Manifests.ShopNamespace);
        var hostileFile = "evil,line=1::\n::add-mask::leak%0A\r::stop-commands::tok.yaml";
        repo.Write(hostileFile, $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: "{{HostileName}}"
              namespace: shop
              annotations:
                sidecar.istio.io/proxyCPU: "1"
            spec:
              template:
                metadata:
                  annotations:
                    "a\n::stop-commands::tok\r\n::error::forged": true
                    vault.hashicorp.com/agent-inject: "true"
                spec:
                  containers:
                    - name: app
                      image: example/app:1

            """);

        var run = CliRun.In(repo.Root, "--report", "github", "--no-repo-context", ".");

        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        var commands = lines.Take(lines.Count - 1).Select(RunnerCommand.Parse).ToList();
        commands.Count.ShouldBe(4, run.ToString());
        foreach (var command in commands)
        {
            command.ShouldNotBeNull(run.ToString());
            command.Name.ShouldBeOneOf("error", "warning", "notice");
            command.Properties.Keys.ShouldBeSubsetOf(AllowedProperties);
            command.Properties["file"].ShouldBe(hostileFile, "the runner must read back the real file name, whole");
            command.Properties["line"].ShouldMatch("^[0-9]+$");
        }

        // The hostile text arrives, escaped, inside the titles (the summaries) rather than being dropped.
        commands.ShouldContain(command => command!.Properties["title"].Contains("\n::add-mask::secret\r::error file=forged.yaml,line=1::forged %0A,:"));
        commands.ShouldContain(command => command!.Properties["title"].Contains("a\n::stop-commands::tok\r\n::error::forged"));
        lines[^1].ShouldNotContain("::");
        lines[^1].ShouldNotContain("##[");
        run.Stdout.ShouldNotContain("\u2028");
        run.Stdout.ShouldNotContain("\u0085");
    }

    [Fact]
    public void Paths_are_relative_to_the_GitHub_workspace_when_run_from_a_subfolder()
    {
        using var workspace = TempRepository.Folder().WriteShop("deploy");

        var run = CliRun.WithEnvironment(workspace.PathOf("deploy"), new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = workspace.Root }, "--report", "github", ".");

        run.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, run.ToString());
        run.Stdout.ShouldContain("::error file=deploy/apps/bad.yaml,line=10,col=9,");
    }

    [Fact]
    public void Only_ten_annotations_of_each_level_are_emitted_most_severe_first_and_the_rest_are_counted()
    {
        var findings = Enumerable.Range(1, 4).Select(i => Make(Level.Note, i))
            .Concat(Enumerable.Range(1, 12).Select(i => Make(Level.Warning, i)))
            .Concat(Enumerable.Range(1, 13).Select(i => Make(Level.Error, i)))
            .ToList();
        var writer = new StringWriter();

        new GitHubAnnotationsReport(path => path).Write(new LintResult(findings, [], 1, 1), writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kinds = lines.Select(line => line.Split(' ')[0]).ToList();
        kinds.Take(10).ShouldAllBe(kind => kind == "::error");
        kinds.Skip(10).Take(10).ShouldAllBe(kind => kind == "::warning");
        kinds.Skip(20).Take(4).ShouldAllBe(kind => kind == "::notice");
        lines[24].ShouldStartWith("::notice title=MeshLint::5 more findings are not shown");
        lines[24].ShouldContain("job summary");
        lines[24].ShouldContain("SARIF");
        lines.Length.ShouldBe(26);
    }

    [Fact]
    public void The_closing_notice_takes_the_last_notice_slot_when_notes_overflow()
    {
        var findings = Enumerable.Range(1, 11).Select(i => Make(Level.Note, i)).Append(Make(Level.Error, 1)).ToList();
        var writer = new StringWriter();

        new GitHubAnnotationsReport(path => path).Write(new LintResult(findings, [], 1, 1), writer);

        var notices = writer.ToString().Split('\n').Count(line => line.StartsWith("::notice ", StringComparison.Ordinal));
        notices.ShouldBe(GitHubAnnotationsReport.AnnotationsPerLevel);
        writer.ToString().ShouldContain("2 more findings are not shown");
    }

    [Fact]
    public void An_annotation_has_the_summary_as_its_title_and_the_details_and_rule_as_its_message()
    {
        var finding = Make(Level.Warning, 7) with { Summary = "Deployment/web: the app may start before istio-proxy is ready", Details = "Its first calls fail. Add the hold." };

        var command = RunnerCommand.Parse(new GitHubAnnotationsReport(path => path).Annotation(finding)).ShouldNotBeNull();

        command.Name.ShouldBe("warning");
        command.Properties["title"].ShouldBe("Deployment/web: the app may start before istio-proxy is ready");
        command.Message.ShouldBe("Its first calls fail. Add the hold. (MESH001 proxy-start-hold-missing)");
    }

    [Fact]
    public void The_job_summary_lists_every_finding_GitHub_leaves_without_an_annotation_and_says_so()
    {
        var findings = Enumerable.Range(1, 61).Select(i => Make(Level.Warning, i) with { Summary = $"Deployment/web{i}: the app may start before istio-proxy is ready" }).ToList();
        var result = new LintResult(findings, [], 1, 1);

        var markdown = new MarkdownSummaryReport(path => path).Render(result);

        markdown.ShouldContain("GitHub shows 10 annotations of each level, so 51 findings are not annotated on the pull request; all findings are listed here.");
        findings.ShouldAllBe(finding => markdown.Contains($"| warning | a.yaml:{finding.Start.Line}:1 | MESH001 | {finding.Summary} |", StringComparison.Ordinal));
        new MarkdownSummaryReport(path => path).Render(new LintResult(findings.Take(10).ToList(), [], 1, 1)).ShouldNotContain("not annotated");
        new MarkdownSummaryReport(path => path, maxBytes: 4096).Render(result).ShouldContain("51 findings are not annotated on the pull request; the first ");
    }

    [Fact]
    public void Escaping_matches_the_toolkit()
    {
        UntrustedText.WorkflowCommandData("50% a\r\nb: c, d").ShouldBe("50%25 a%0D%0Ab: c, d");
        UntrustedText.WorkflowCommandProperty("50% a\r\nb: c, d").ShouldBe("50%25 a%0D%0Ab%3A c%2C d");
    }

    [Fact]
    public void The_job_summary_is_written_when_GITHUB_STEP_SUMMARY_is_set_and_appends_to_it()
    {
        using var repo = TempRepository.Folder().WriteShop().Write("summary.md", "earlier step\n");
        var summary = repo.PathOf("summary.md");

        var run = CliRun.WithEnvironment(repo.Root, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }, "--report", "github", ".");

        run.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, run.ToString());
        var text = File.ReadAllText(summary);
        text.ShouldStartWith("earlier step\n## MeshLint");
        text.ShouldContain("| MESH002 | vault-agent-without-outbound-exclusion | 1 | 0 | 0 |");
        text.ShouldContain("| error | apps/bad.yaml:10:9 | MESH002 |");
    }

    [Fact]
    public void The_job_summary_stays_small_and_harmless_however_many_and_whatever_the_findings()
    {
        var hostile = "<img src=x onerror=alert(1)> | [link](javascript:alert(1)) `code`\n| forged | row |";
        var findings = Enumerable.Range(1, 5000).Select(i => Make(Level.Error, i) with { Summary = hostile + new string('x', 200) }).ToList();

        var markdown = new MarkdownSummaryReport(path => path).Render(new LintResult(findings, [], 1, 1));

        System.Text.Encoding.UTF8.GetByteCount(markdown).ShouldBeLessThanOrEqualTo(MarkdownSummaryReport.DefaultMaxBytes);
        markdown.ShouldContain("more findings are not listed here");
        markdown.ShouldNotContain("<img");
        markdown.ShouldNotMatch(@"(?<!\\)\]\(", "no unescaped link");
        var rows = markdown.Split('\n').Where(line => line.StartsWith("| error", StringComparison.Ordinal)).ToList();
        rows.ShouldNotBeEmpty("the summary lists the first findings before it stops");
        rows.ShouldAllBe(line => Regex.Matches(line, @"(?<!\\)\|").Count == 5);
        markdown.Split('\n').ShouldNotContain(line => line.StartsWith("| forged", StringComparison.Ordinal), "a newline in a message cannot start a row");
    }

    private static Finding Make(Level level, int line) =>
        new("a.yaml", new SourceSpan(new SourcePosition(line, 1), new SourcePosition(line, 5)), "MESH001", "proxy-start-hold-missing", level, $"message {line}", null, $"{level}{line}");

    /// <summary>Reads a line as the Actions runner reads workflow commands (ActionCommand.TryParseV2), unescaping as it does.</summary>
    private sealed record RunnerCommand(string Name, Dictionary<string, string> Properties, string Message)
    {
        public static RunnerCommand? Parse(string line)
        {
            var text = line.Trim();
            if (!text.StartsWith("::", StringComparison.Ordinal))
            {
                return null;
            }

            var end = text.IndexOf("::", 2, StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }

            var info = text[2..end];
            var space = info.IndexOf(' ');
            var name = space < 0 ? info : info[..space];
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (space >= 0)
            {
                foreach (var pair in info[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    properties.ShouldNotContainKey(pair[..equals]);
                    properties[pair[..equals]] = Unescape(pair[(equals + 1)..], property: true);
                }
            }

            return new RunnerCommand(name, properties, Unescape(text[(end + 2)..], property: false));
        }

        private static string Unescape(string value, bool property)
        {
            var result = value.Replace("%0D", "\r").Replace("%0A", "\n");
            if (property)
            {
                result = result.Replace("%3A", ":").Replace("%2C", ",");
            }

            return result.Replace("%25", "%");
        }
    }
}
