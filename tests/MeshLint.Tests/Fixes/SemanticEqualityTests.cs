using MeshLint.Scanning;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace MeshLint.Tests.Fixes;

/// <summary>
/// Every fix keeps the manifest's meaning except for its own change: each fixed file still parses
/// and every object reads as before (same keys and values, as Kubernetes types them) but for what
/// <see cref="SemanticDiff"/> accepts as a fix's intended change.
/// </summary>
public sealed class SemanticEqualityTests(ITestOutputHelper output)
{
    public static TheoryData<string> RuleFixtures()
    {
        var data = new TheoryData<string>();
        var rules = Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "rules");
        foreach (var rule in Directory.EnumerateDirectories(rules).Order(StringComparer.Ordinal))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(rule).Where(path => Directory.Exists(path) || path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(rules, entry).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleFixtures))]
    public void Fixing_a_rule_fixture_changes_only_what_the_fixes_mean_to(string fixture)
    {
        var source = Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "rules", fixture);
        using var tree = TempRepository.Folder();
        var name = Path.GetFileName(source);
        Copy(source, tree.PathOf(name));
        var outcome = FixRun.Run(new FixRequest { Scan = FixFixtureTests.Request(tree.Root, name), UnsafeFixes = true });
        outcome.Refused.ShouldBeEmpty();
        foreach (var file in outcome.Files)
        {
            SemanticDiff.Unexplained(file.Before, file.After).ShouldBeEmpty($"fixing {fixture}: {file.Path}");
        }
    }

    [Fact]
    public void Fix_fixtures_change_only_what_the_fixes_mean_to()
    {
        var checkedFiles = 0;
        foreach (var name in FixFixtureTests.Inputs())
        {
            var before = File.ReadAllText(Path.Combine(FixFixtureTests.Folder, name));
            var after = File.ReadAllText(FixFixtureTests.ExpectedPath(name));
            SemanticDiff.Unexplained(before, after).ShouldBeEmpty($"the expected output of {name}");
            checkedFiles++;
        }

        checkedFiles.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void An_unintended_change_is_caught()
    {
        SemanticDiff.Unexplained("metadata:\n  labels:\n    a: \"1\"\n", "metadata:\n  labels:\n    a: \"2\"\n").ShouldNotBeEmpty();
        SemanticDiff.Unexplained("metadata:\n  labels:\n    a: 1.10\n", "metadata:\n  labels:\n    a: \"1.10\"\n").ShouldBeEmpty();
        SemanticDiff.Unexplained("metadata:\n  labels:\n    a: 1.10\n", "metadata:\n  labels:\n    a: \"1.1\"\n").ShouldNotBeEmpty();
        SemanticDiff.Unexplained("metadata:\n  labels:\n    a: 0x1F\n", "metadata:\n  labels:\n    a: \"31\"\n").ShouldNotBeEmpty();
        SemanticDiff.Unexplained("spec:\n  replicas: 1\n", "spec:\n  replicas: 1\n  paused: true\n").ShouldNotBeEmpty();
        SemanticDiff.Unexplained("a: 1\n---\nb: 2\n", "a: 1\n").ShouldNotBeEmpty();
    }

    /// <summary>
    /// The corpus of real manifests, copied and fixed with --unsafe-fixes one repository at a time
    /// (each is its own scan, as its owners would run it): every written file reads as before but
    /// for the fixes, and a second run changes nothing. The counts per rule go to the test output.
    /// </summary>
    [SkippableFact]
    [Integration]
    public void Fixing_a_copy_of_the_corpus_keeps_every_object_but_for_the_fixes()
    {
        const string corpus = "/work/shared/corpus";
        Skip.IfNot(Directory.Exists(corpus), "the corpus is not on this machine");
        using var tree = TempRepository.Folder();
        var copy = tree.PathOf("corpus");
        Copy(corpus, copy);
        var fixedByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var remainingByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var changedFiles = 0;
        foreach (var repository in Directory.EnumerateDirectories(copy).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(tree.Root, repository);
            var request = new ScanRequest { Paths = [relative], WorkingDirectory = tree.Root, NoConfig = true, RepositoryContext = false };
            var outcome = FixRun.Run(new FixRequest { Scan = request, UnsafeFixes = true });
            outcome.Refused.ShouldBeEmpty();
            var run = CliRun.In(tree.Root, "fix", "--unsafe-fixes", "--no-config", "--no-repo-context", relative);
            run.ExitCode.ShouldBeOneOf(0, 1);
            foreach (var file in outcome.Files)
            {
                File.ReadAllBytes(file.File.FullPath!).ShouldBe(file.Bytes, $"meshlint fix wrote {file.Path} as the run computed it");
                SemanticDiff.Unexplained(file.Before, file.After).ShouldBeEmpty($"fixing {file.Path}");
                foreach (var finding in file.Fixed)
                {
                    fixedByRule[finding.RuleId] = fixedByRule.GetValueOrDefault(finding.RuleId) + 1;
                }
            }

            foreach (var finding in outcome.Final.Result.Findings)
            {
                remainingByRule[finding.RuleId] = remainingByRule.GetValueOrDefault(finding.RuleId) + 1;
            }

            changedFiles += outcome.Files.Count;
            FixRun.Run(new FixRequest { Scan = request, UnsafeFixes = true }).Files.ShouldBeEmpty($"a second fix of {relative} changed something");
        }

        output.WriteLine($"files changed: {changedFiles}");
        foreach (var rule in fixedByRule.Keys.Union(remainingByRule.Keys).Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{rule}: fixed {fixedByRule.GetValueOrDefault(rule)}, remaining {remainingByRule.GetValueOrDefault(rule)}");
        }

        fixedByRule.GetValueOrDefault("MESH001").ShouldBeGreaterThan(0);
    }

    internal static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
