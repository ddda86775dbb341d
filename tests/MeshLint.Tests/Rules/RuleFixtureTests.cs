using System.Text.RegularExpressions;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>
/// Runs every fixture under Fixtures/rules and compares its findings with the expectations its
/// comments state (see Fixtures/rules/README.md). Adding a case means adding a file.
/// </summary>
public sealed partial class RuleFixtureTests
{
    private const string SnapshotExtension = ".snap";

    private static string RulesFolder => Path.Combine(FixturePaths.Fixtures, "rules");

    /// <summary>The fixtures in the repository, where snapshots are read and written (the build copies them for the run).</summary>
    private static string SourceRulesFolder => Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "rules");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in FixtureNames())
        {
            data.Add(fixture);
        }

        return data;
    }

    private static IEnumerable<string> FixtureNames()
    {
        foreach (var ruleFolder in Directory.GetDirectories(RulesFolder).Order(StringComparer.Ordinal))
        {
            foreach (var entry in Directory.GetFileSystemEntries(ruleFolder).Order(StringComparer.Ordinal))
            {
                if (Directory.Exists(entry) || FileDiscovery.IsYamlFile(entry))
                {
                    yield return Path.GetRelativePath(RulesFolder, entry).Replace('\\', '/');
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_produces_exactly_the_findings_it_expects(string fixture)
    {
        var full = Path.Combine(RulesFolder, fixture);
        var (files, errors) = FileDiscovery.Expand([full], RulesFolder);
        errors.ShouldBeEmpty();
        files.ShouldNotBeEmpty();

        var result = new Linter(new LintOptions { Mesh = Assumptions(full), Levels = OnlyItsRules(fixture, files) }).Run(files);

        var expected = files.SelectMany(file => Expectations(file.DisplayPath, File.ReadAllLines(file.FullPath!))).Order().ToList();
        var actual = result.Findings.Select(f => $"{f.Path}:{f.Start.Line} {f.RuleId}").Order().ToList();
        var missing = expected.Except(actual).ToList();
        var unexpected = result.Findings.Where(f => !expected.Contains($"{f.Path}:{f.Start.Line} {f.RuleId}")).Select(f => $"{f.Path}:{f.Start.Line}:{f.Start.Column} {f.RuleId} {f.Message}").ToList();
        (missing.Count == 0 && unexpected.Count == 0).ShouldBeTrue(
            $"missing:\n  {string.Join("\n  ", missing)}\nunexpected:\n  {string.Join("\n  ", unexpected)}");
        actual.ShouldBe(expected);
        MatchesSnapshot(fixture, result.Findings);
        SummariesAreOneShortLine(result.Findings);
    }

    /// <summary>
    /// A summary is one line that says what is wrong and where: with an object name of 20 characters it
    /// stays within 120, its assumption included, and it has no closing period (the details follow it).
    /// </summary>
    private static void SummariesAreOneShortLine(IReadOnlyList<Finding> findings)
    {
        foreach (var finding in findings)
        {
            finding.Summary.ShouldNotContain('\n');
            finding.Summary.ShouldNotEndWith(".");
            (finding.Summary.Length - (finding.Object?.Length ?? 0)).ShouldBeLessThanOrEqualTo(100, finding.Summary);
        }
    }

    /// <summary>The rules the <c># also:</c> lines of a fixture's files name.</summary>
    private static IEnumerable<string> AlsoRules(IReadOnlyList<SourceFile> files) =>
        files.SelectMany(file => File.ReadAllLines(file.FullPath!))
            .Select(line => AlsoLine().Match(line))
            .Where(match => match.Success)
            .SelectMany(match => match.Groups["rules"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// MESH001 runs only in its own fixtures and in those that name it, so a hold anywhere else does not
    /// keep it quiet; it stays only where the fixture's scenario needs it, and says so (see the README).
    /// </summary>
    [Fact]
    public void A_hold_outside_MESH001s_fixtures_says_why_it_is_there()
    {
        var unexplained = FixtureNames()
            .Where(fixture => fixture.Split('/')[0] != HoldRule)
            .SelectMany(fixture => UnexplainedHolds(Path.Combine(RulesFolder, fixture), RulesFolder))
            .ToList();

        unexplained.ShouldBeEmpty($"remove the hold, or say why the scenario needs it with a '# needed:' comment on or above its line, or name {HoldRule} in an '# also:' line");
    }

    [Fact]
    public void A_hold_is_explained_by_a_needed_comment_on_or_above_it_or_by_running_MESH001()
    {
        const string Pod = "kind: Pod\nmetadata:\n  annotations:\n";
        const string Hold = "    proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'";
        using var repository = new TempRepository()
            .Write("bare.yaml", Pod + Hold + "\n")
            .Write("snake-case.yaml", Pod + "    proxy.istio.io/config: '{hold_application_until_proxy_starts: true}'\n")
            .Write("needed-above.yaml", Pod + "    # needed: the rule judges this hold\n    # (and only this one)\n" + Hold + "\n")
            .Write("needed-on-the-line.yaml", Pod + Hold + " # needed: the rule judges this hold\n")
            .Write("needed-too-far-above.yaml", Pod + "    # needed: the rule judges this hold\n    sidecar.istio.io/inject: \"true\"\n" + Hold + "\n")
            .Write("also-MESH001.yaml", Pod + Hold + "\n# also: MESH004, MESH001\n")
            .Write("only-in-a-comment.yaml", "# holdApplicationUntilProxyStarts is not set here\n" + Pod + "    team: payments # not holdApplicationUntilProxyStarts\n")
            .Write("folder/hold.yaml", Pod + Hold + "\n")
            .Write("folder/also.yaml", "kind: Namespace\n# also: MESH001\n");

        string[] Unexplained(string name) => UnexplainedHolds(repository.PathOf(name), repository.Root).ToArray();
        Unexplained("bare.yaml").ShouldBe(["bare.yaml:4"]);
        Unexplained("snake-case.yaml").ShouldBe(["snake-case.yaml:4"]);
        Unexplained("needed-too-far-above.yaml").ShouldBe(["needed-too-far-above.yaml:6"]);
        Unexplained("needed-above.yaml").ShouldBeEmpty();
        Unexplained("needed-on-the-line.yaml").ShouldBeEmpty();
        Unexplained("also-MESH001.yaml").ShouldBeEmpty();
        Unexplained("only-in-a-comment.yaml").ShouldBeEmpty();
        Unexplained("folder").ShouldBeEmpty();
    }

    private const string HoldRule = "MESH001";

    /// <summary>
    /// The lines (<c>path:line</c>) of a fixture, file or folder, that set holdApplicationUntilProxyStarts with
    /// no <c># needed:</c> comment on the line or in the comment lines right above it, unless the fixture runs
    /// MESH001 too.
    /// </summary>
    private static IEnumerable<string> UnexplainedHolds(string fixture, string root)
    {
        var (files, errors) = FileDiscovery.Expand([fixture], root);
        errors.ShouldBeEmpty();
        if (AlsoRules(files).Contains(HoldRule, StringComparer.Ordinal))
        {
            yield break;
        }

        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file.FullPath!);
            for (var i = 0; i < lines.Length; i++)
            {
                var comment = YamlComment().Match(lines[i]);
                var code = comment.Success ? lines[i][..comment.Index] : lines[i];
                if (!HoldField().IsMatch(code) || (comment.Success && NeededComment().IsMatch(comment.Value)))
                {
                    continue;
                }

                var above = i - 1;
                while (above >= 0 && lines[above].TrimStart().StartsWith('#') && !NeededComment().IsMatch(lines[above]))
                {
                    above--;
                }

                if (above < 0 || !lines[above].TrimStart().StartsWith('#'))
                {
                    yield return $"{file.DisplayPath}:{i + 1}";
                }
            }
        }
    }

    /// <summary>
    /// A fixture tests its own rule: the one its folder is named after, and those an <c># also:</c> line in
    /// its files names. Every other rule is off, so a rule that fires on ordinary pods never forces edits
    /// in other rules' fixtures.
    /// </summary>
    private static Dictionary<string, Level?> OnlyItsRules(string fixture, IReadOnlyList<SourceFile> files)
    {
        var own = fixture.Split('/')[0];
        var selected = AlsoRules(files).Append(own).ToHashSet(StringComparer.Ordinal);
        return MeshLint.Rules.RuleCatalog.BuiltIn.Rules.Where(rule => !selected.Contains(rule.Id)).ToDictionary(rule => rule.Id, _ => (Level?)null, StringComparer.Ordinal);
    }

    /// The command line reports for each fixture what its snapshot records: so the executable under
    /// test (<see cref="CliRun"/>; the Native AOT build in the release check) runs every rule,
    /// schema and message on every fixture, not only the in-process engine. A folder fixture's
    /// <c>.meshlint.yaml</c> is found by the CLI itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_command_line_reports_each_fixture_as_its_snapshot_records(string fixture)
    {
        // The same rules and assumptions as the in-process run: its own rule and those an "# also:" line
        // names, and a configuration that injects namespaces the fixture does not define unless its own says otherwise.
        var full = Path.Combine(RulesFolder, fixture);
        var (files, _) = FileDiscovery.Expand([full], RulesFolder);
        var selected = MeshLint.Rules.RuleCatalog.BuiltIn.Rules.Select(rule => rule.Id).Where(id => !OnlyItsRules(fixture, files).ContainsKey(id));
        using var config = new TempRepository();
        var own = Path.Combine(full, MeshLint.Configuration.MeshLintConfig.FileName);
        config.Write("config.yaml", (File.Exists(own) ? $"extends: {own}\n" : string.Empty)
            + (File.Exists(own) && File.ReadAllText(own).Contains("assumeInjection", StringComparison.Ordinal) ? string.Empty : "mesh:\n  assumeInjection: true\n"));
        var run = CliRun.In(RulesFolder, "--format", "json", "--no-repo-context", "--no-build", "--fail-on", "never", "--config", config.PathOf("config.yaml"), "--select", string.Join(',', selected), fixture);

        run.ExitCode.ShouldBe(0, run.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var lines = report.RootElement.EnumerateArray().Select(finding =>
            $"{finding.GetProperty("path").GetString()}:{finding.GetProperty("line").GetInt32()}:{finding.GetProperty("column").GetInt32()} "
            + $"{finding.GetProperty("level").GetString()} {finding.GetProperty("ruleId").GetString()} {finding.GetProperty("summary").GetString()!.ReplaceLineEndings("\\n")}\n"
            + (finding.GetProperty("details").GetString() is { Length: > 0 } details ? $"    {details.ReplaceLineEndings("\\n")}\n" : string.Empty));
        var snapshot = Path.Combine(SourceRulesFolder, fixture + SnapshotExtension);
        string.Concat(lines).ShouldBe(File.Exists(snapshot) ? File.ReadAllText(snapshot) : string.Empty, run.Stderr);
    }

    /// <summary>
    /// A folder fixture's <c>.meshlint.yaml</c> gives its <c>mesh:</c> assumptions (e.g. <c>cni: true</c>,
    /// <c>mode: managed</c>). Fixtures model repositories that run Istio, so a namespace they do not define
    /// is injected (<c>assumeInjection: true</c>) unless the fixture's configuration says otherwise.
    /// </summary>
    internal static MeshLint.Mesh.MeshAssumptions Assumptions(string fixture)
    {
        var config = Path.Combine(fixture, MeshLint.Configuration.MeshLintConfig.FileName);
        if (!File.Exists(config))
        {
            return MeshLint.Mesh.MeshAssumptions.Default with { AssumeInjection = true };
        }

        // Shown as a scan from the fixtures' folder shows it, so snapshots do not depend on where the tests run.
        var (read, errors) = MeshLint.Configuration.ConfigReader.Read(Path.GetRelativePath(RulesFolder, config).Replace('\\', '/'), File.ReadAllText(config), fixture);
        errors.ShouldBeEmpty();
        return File.ReadAllText(config).Contains("assumeInjection", StringComparison.Ordinal) ? read!.Mesh : read!.Mesh with { AssumeInjection = true };
    }

    [Fact]
    public void Every_snapshot_belongs_to_a_fixture()
    {
        var fixtures = FixtureNames().ToHashSet(StringComparer.Ordinal);
        var stale = Directory.GetFiles(SourceRulesFolder, "*" + SnapshotExtension, SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(SourceRulesFolder, file).Replace('\\', '/')[..^SnapshotExtension.Length])
            .Where(fixture => !fixtures.Contains(fixture))
            .ToList();

        stale.ShouldBeEmpty("a snapshot whose fixture was renamed or removed; delete it");
    }

    /// <summary>
    /// The fixture's findings with column, level, summary and details (indented beneath), as
    /// <c>NAME.snap</c> beside it records them; the comments pin rule and line, the snapshot makes a
    /// changed message a reviewed diff. A fixture without findings has no snapshot.
    /// </summary>
    private static void MatchesSnapshot(string fixture, IReadOnlyList<Finding> findings)
    {
        var path = Path.Combine(SourceRulesFolder, fixture + SnapshotExtension);
        var expected = string.Concat(findings.Select(f => $"{f.Path}:{f.Start.Line}:{f.Start.Column} {f.Level.Name()} {f.RuleId} {f.Summary.ReplaceLineEndings("\\n")}\n"
            + (f.Details.Length > 0 ? $"    {f.Details.ReplaceLineEndings("\\n")}\n" : string.Empty)));
        var actual = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (actual == expected)
        {
            return;
        }

        if (Snapshots.Updating)
        {
            if (expected.Length == 0)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, expected);
            }

            return;
        }

        actual.ShouldBe(expected, $"{fixture}{SnapshotExtension} differs from the findings; if the change is intended, update it with: {Snapshots.UpdateCommand}");
    }

    [Fact]
    public void Every_rule_has_fixtures_that_expect_it()
    {
        var expected = FixtureNames().SelectMany(fixture => ExpectedRules(Path.Combine(RulesFolder, fixture))).ToHashSet();
        foreach (var rule in MeshLint.Rules.RuleCatalog.BuiltIn.Rules)
        {
            expected.ShouldContain(rule.Id, $"no fixture expects {rule.Id}");
        }
    }

    [Fact]
    public void Expectations_count_in_every_file_a_scan_reads_yml_as_well_as_yaml()
    {
        using var repository = new TempRepository()
            .Write("fixture/a.yaml", "kind: Namespace # expect: MESH005\n")
            .Write("fixture/b.yml", "kind: Namespace # expect: MESH007\n");

        ExpectedRules(Path.Combine(repository.Root, "fixture")).Order().ShouldBe(["MESH005", "MESH007"]);
        ExpectedRules(Path.Combine(repository.Root, "fixture", "b.yml")).ShouldBe(["MESH007"]);
    }

    /// <summary>The rules a fixture (a file or a folder) expects, read from the same files the scan lints.</summary>
    private static IEnumerable<string> ExpectedRules(string fixture)
    {
        var (files, errors) = FileDiscovery.Expand([fixture], Path.GetDirectoryName(fixture)!);
        errors.ShouldBeEmpty();
        return files.SelectMany(file => Expectations(file.DisplayPath, File.ReadAllLines(file.FullPath!))).Select(line => line[(line.LastIndexOf(' ') + 1)..]);
    }

    private static IEnumerable<string> Expectations(string displayPath, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var trailing = TrailingExpectation().Match(lines[i]);
            if (trailing.Success)
            {
                foreach (var rule in trailing.Groups["rules"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return $"{displayPath}:{i + 1} {rule}";
                }
            }

            var at = ExpectationAt().Match(lines[i]);
            if (at.Success)
            {
                foreach (var rule in at.Groups["rules"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return $"{displayPath}:{at.Groups["line"].Value} {rule}";
                }
            }
        }
    }

    [GeneratedRegex(@"#\s*expect:\s*(?<rules>MESH\d{3}(\s*,\s*MESH\d{3})*)\s*$")]
    private static partial Regex TrailingExpectation();

    [GeneratedRegex(@"#\s*also:\s*(?<rules>MESH\d{3}(\s*,\s*MESH\d{3})*)\s*$")]
    private static partial Regex AlsoLine();

    [GeneratedRegex(@"#\s*expect-at\s+(?<line>\d+):\s*(?<rules>MESH\d{3}(\s*,\s*MESH\d{3})*)\s*$")]
    private static partial Regex ExpectationAt();

    [GeneratedRegex(@"holdApplicationUntilProxyStarts|hold_application_until_proxy_starts", RegexOptions.IgnoreCase)]
    private static partial Regex HoldField();

    /// <summary>A YAML comment: a '#' at the start of the line or after white space, to the end of the line.</summary>
    [GeneratedRegex(@"(?<=^|\s)#.*$")]
    private static partial Regex YamlComment();

    [GeneratedRegex(@"#\s*needed:")]
    private static partial Regex NeededComment();
}
