using System.Text.Json;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Mesh;

/// <summary>
/// A file gets the same findings whether it is scanned alone (a pre-commit hook), with its folder,
/// or with the whole repository: inside a git work tree every scan reads the work tree for context,
/// and test data gives context only to what is under it. Held on this repository and on copies of
/// real repositories from the corpus beside it. Builds are left out (<c>--no-build</c>): the build
/// fixtures hold the same for files that kustomize or helm stand in for.
/// </summary>
[Integration]
public sealed class SameVerdictTests
{
    private static readonly string Corpus = Path.Combine(FixturePaths.RepositoryRoot, "..", "shared", "corpus");

    [SkippableFact]
    public void On_this_repository()
    {
        // The repository is scanned in place: a clean clone is a git work tree.
        var root = FixturePaths.RepositoryRoot;
        Skip.IfNot(Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")), "the repository is not a git work tree here");
        HoldsFor(root, ["examples", "tests/MeshLint.Tests/Fixtures/rules/MESH001", "tests/MeshLint.Tests/Fixtures/rules/MESH002", "tests/MeshLint.Tests/Fixtures/rules/MESH013"]);
    }

    [SkippableTheory]
    [InlineData("GoogleCloudPlatform__bank-of-anthos")]
    [InlineData("GoogleCloudPlatform__istio-samples")]
    [InlineData("kiali__demos")]
    [InlineData("GoogleCloudPlatform__microservices-demo")]
    [InlineData("kubeflow__manifests")]
    public void On_a_copy_of_a_corpus_repository(string repository)
    {
        var source = Path.Combine(Corpus, repository);
        Skip.IfNot(Directory.Exists(source), $"the corpus is not beside the repository ({source})");
        using var copy = new TempRepository();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            Directory.CreateDirectory(Path.GetDirectoryName(copy.PathOf(relative))!);
            File.Copy(file, copy.PathOf(relative));
        }

        HoldsFor(copy.Root, null);
    }

    /// <summary>Every file with a finding in the whole scan (up to a spread of 40) gets the same alone and with its folder.</summary>
    private static void HoldsFor(string root, IReadOnlyList<string>? folders)
    {
        var whole = Findings(Scan(root, folders?.ToArray() ?? ["."]));
        var files = whole.Select(finding => finding.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        files.ShouldNotBeEmpty();
        var step = Math.Max(1, files.Count / 40);
        foreach (var file in files.Where((_, i) => i % step == 0))
        {
            var expected = whole.Where(finding => finding.Path == file).ToList();
            var folder = Path.GetDirectoryName(file)!.Replace('\\', '/');
            Findings(Scan(root, file)).ShouldBe(expected, $"{file} alone");
            Findings(Scan(root, folder.Length == 0 ? "." : folder)).Where(finding => finding.Path == file).ShouldBe(expected, $"{file} with its folder {folder}");
        }
    }

    private static RunOutcome Scan(string root, params string[] paths) =>
        CliRun.In(root, ["--format", "json", "--no-build", "--no-config", "--fail-on", "never", .. paths]);

    private static List<(string Path, int Line, string Rule, string Message)> Findings(RunOutcome run)
    {
        run.ExitCode.ShouldBe(0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("path").GetString()!, item.GetProperty("line").GetInt32(), item.GetProperty("ruleId").GetString()!, item.GetProperty("message").GetString()!))
            .ToList();
    }
}
