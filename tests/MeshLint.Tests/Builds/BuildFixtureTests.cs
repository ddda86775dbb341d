using System.Text.Json;
using System.Text.RegularExpressions;
using MeshLint.Tests.Rules;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Builds;

/// <summary>
/// Runs the repositories under Fixtures/builds as a user would (<c>meshlint .</c> in a git work
/// tree) and compares the findings with the expectations their comments state and the snapshot
/// beside them; then names each file alone, as a pre-commit hook does, and requires the same
/// findings for it. See Fixtures/builds/README.md.
/// </summary>
public sealed partial class BuildFixtureTests
{
    private static string BuildsFolder => Path.Combine(FixturePaths.Fixtures, "builds");

    private static string SourceBuildsFolder => Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "builds");

    public static TheoryData<string> InProcessFixtures() => Folders("in-process");

    public static TheoryData<string, string> BuiltFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in Folders("built"))
        {
            foreach (var tool in new[] { "kustomize", "kubectl" })
            {
                data.Add(fixture, tool);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InProcessFixtures))]
    public void Without_tools_kustomizations_are_applied_in_process(string fixture)
    {
        using var repository = Copy(fixture);

        Check(fixture, repository, new Dictionary<string, string>());
    }

    [SkippableTheory]
    [Integration]
    [MemberData(nameof(BuiltFixtures))]
    public void With_the_real_tools_findings_are_those_of_what_is_built(string fixture, string kustomizeTool)
    {
        using var tools = ToolFolder(kustomizeTool);
        using var repository = Copy(fixture);

        Check(fixture, repository, new Dictionary<string, string> { ["PATH"] = tools.Root });
    }

    [Fact]
    public void Without_tools_the_summary_names_the_kustomizations_not_built()
    {
        using var repository = Copy("in-process/base-through-overlays");

        var run = repository.Run(".");

        run.ExitCode.ShouldBe(1);
        run.Stderr.ShouldContain("meshlint: note: 2 kustomizations were not built (overlays/batch, overlays/shop): neither kustomize nor kubectl is on PATH; their namespace and labels were applied in process");
    }

    [Fact]
    public void No_build_reads_every_file_as_written()
    {
        using var repository = Copy("in-process/namespace-from-kustomization");

        var built = Findings(repository.Run(".", "--format", "json").Stdout);
        var raw = Findings(repository.Run(".", "--no-build", "--format", "json").Stdout);

        // As written, the storage workload is in namespace default, which is assumed to inject.
        built.ShouldNotContain(finding => finding.StartsWith("storage/vault-app.yaml:", StringComparison.Ordinal));
        raw.ShouldContain("storage/vault-app.yaml:15 MESH002");
        raw.ShouldContain("shop/vault-app.yaml:15 MESH002");
    }

    [Fact]
    public void Without_helm_a_chart_is_one_note_and_its_templates_are_not_read()
    {
        using var repository = Copy("built/chart");

        var run = repository.Run(".");

        run.Stdout.ShouldNotContain("templates/");
        run.Stderr.Split('\n').Count(line => line.Contains("note: shop: Helm chart", StringComparison.Ordinal)).ShouldBe(1);
        run.Stderr.ShouldContain("helm is not on PATH");
    }

    [SkippableFact]
    [Integration]
    public void A_remote_base_that_cannot_be_fetched_is_a_note_and_the_rest_is_built()
    {
        using var tools = ToolFolder("kubectl");
        using var repository = Copy("built/overlays-and-components");

        var run = CliRun.WithEnvironment(repository.Root, new Dictionary<string, string> { ["PATH"] = tools.Root }, "--no-color", ".");

        run.ExitCode.ShouldBe(1);
        run.Stderr.ShouldContain("meshlint: note: overlays/remote: not built (its remote resource github.com/meshlint/example-base//deploy?ref=v1.0.0 could not be fetched); its namespace and labels were applied in process");
        run.Stdout.ShouldContain("\n    As built by kustomize in overlays/prod. ");
        run.Stdout.ShouldNotContain("(built)");
    }

    [SkippableFact]
    [Integration]
    public void A_kustomization_that_names_a_missing_file_is_not_run_and_the_note_names_the_file()
    {
        using var tools = ToolFolder("kubectl");
        using var repository = Copy("in-process/namespace-from-kustomization");
        repository.Write("shop/kustomization.yaml", "namespace: shop\nresources:\n  - vault-app.yaml\npatches:\n  - path: gone.yaml\n");

        var run = CliRun.WithEnvironment(repository.Root, new Dictionary<string, string> { ["PATH"] = tools.Root }, "--no-color", ".");

        run.Stderr.ShouldContain("meshlint: note: shop: not built (shop/gone.yaml does not exist); its namespace and labels were applied in process");
        run.Stdout.ShouldContain("shop/vault-app.yaml:15:9: error MESH002");
    }

    private static void Check(string fixture, TempRepository repository, IReadOnlyDictionary<string, string> environment)
    {
        var run = CliRun.WithEnvironment(repository.Root, environment, "--format", "json", "--fail-on", "never", ".");
        run.ExitCode.ShouldBe(0, run.Stderr);
        var findings = JsonFindings(run.Stdout);

        var expected = Expectations(repository.Root).Order(StringComparer.Ordinal).ToList();
        var actual = findings.Select(finding => $"{finding.Path}:{finding.Line} {finding.Rule}").Order(StringComparer.Ordinal).ToList();
        actual.ShouldBe(expected, $"stderr:\n{run.Stderr}\nfindings:\n  {string.Join("\n  ", findings.Select(finding => finding.ToString()))}");
        MatchesSnapshot(fixture, findings);

        // What a pre-commit hook runs: each file named alone gets what the whole scan gives it.
        foreach (var file in Directory.EnumerateFiles(repository.Root, "*.yaml", SearchOption.AllDirectories).Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.git", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(repository.Root, file).Replace('\\', '/');
            var alone = JsonFindings(CliRun.WithEnvironment(repository.Root, environment, "--format", "json", "--fail-on", "never", relative).Stdout);
            alone.Select(finding => finding.ToString()).ShouldBe(
                findings.Where(finding => finding.Path == relative).Select(finding => finding.ToString()),
                $"{relative} named alone");
        }
    }

    private static TheoryData<string> Folders(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(BuildsFolder, kind)).Order(StringComparer.Ordinal))
        {
            data.Add($"{kind}/{Path.GetFileName(folder)}");
        }

        return data;
    }

    private static TempRepository Copy(string fixture)
    {
        var repository = new TempRepository();
        var source = Path.Combine(BuildsFolder, fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            repository.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        return repository;
    }

    /// <summary>A folder holding only the chosen kustomize (the standalone one or kubectl) and helm, to be the whole PATH.</summary>
    private static TempRepository ToolFolder(string kustomizeTool)
    {
        var folder = TempRepository.Folder();
        foreach (var tool in new[] { kustomizeTool, "helm", "git" })
        {
            var path = Tools.Require(tool);
            File.CreateSymbolicLink(folder.PathOf(tool), path);
        }

        return folder;
    }

    /// <summary>A finding as the JSON report gives it; in a snapshot, its summary line and its details indented beneath.</summary>
    private sealed record JsonFinding(string Path, int Line, int Column, string Level, string Rule, string Summary, string Details)
    {
        public override string ToString() => $"{Path}:{Line}:{Column} {Level} {Rule} {Summary}" + (Details.Length > 0 ? $"\n    {Details}" : string.Empty);
    }

    private static List<JsonFinding> JsonFindings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(item => new JsonFinding(
                item.GetProperty("path").GetString()!,
                item.GetProperty("line").GetInt32(),
                item.GetProperty("column").GetInt32(),
                item.GetProperty("level").GetString()!,
                item.GetProperty("ruleId").GetString()!,
                item.GetProperty("summary").GetString()!,
                item.GetProperty("details").GetString()!))
            .ToList();
    }

    private static List<string> Findings(string json) => JsonFindings(json).Select(finding => $"{finding.Path}:{finding.Line} {finding.Rule}").ToList();

    private static IEnumerable<string> Expectations(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith(".git", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Expectation().Match(lines[i]) is { Success: true } match)
                {
                    foreach (var rule in match.Groups["rules"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        yield return $"{relative}:{i + 1} {rule}";
                    }
                }
            }
        }
    }

    private static void MatchesSnapshot(string fixture, IReadOnlyList<JsonFinding> findings)
    {
        var path = Path.Combine(SourceBuildsFolder, fixture + ".snap");
        var expected = string.Concat(findings.Select(finding => finding + "\n"));
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

        actual.ShouldBe(expected, $"{fixture}.snap differs from the findings; if the change is intended, update it with: MESHLINT_UPDATE_SNAPSHOTS=1 dotnet test --filter \"FullyQualifiedName~BuildFixture\"");
    }

    [GeneratedRegex(@"#\s*expect:\s*(?<rules>MESH\d{3}(\s*,\s*MESH\d{3})*)\s*$")]
    private static partial Regex Expectation();
}
