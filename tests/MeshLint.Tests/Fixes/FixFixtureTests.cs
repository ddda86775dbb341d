using System.Text;
using MeshLint.Findings;
using MeshLint.Scanning;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Fixes;

/// <summary>
/// Each fixture under <c>Fixtures/fixes/RULE/</c> is fixed in a temporary folder and must come out
/// byte for byte as <c>NAME.fixed.yaml</c>; the rule's fixable findings must be gone when the result
/// is linted again, and fixing the result changes nothing. A name containing <c>unsafe</c> is fixed
/// with <c>--unsafe-fixes</c>. <c>MESHLINT_UPDATE_SNAPSHOTS=1</c> writes the expected files (review the diff).
/// </summary>
public sealed class FixFixtureTests
{
    public static string Folder => Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "fixes");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Inputs())
        {
            data.Add(name);
        }

        return data;
    }

    public static IEnumerable<string> Inputs() =>
        Directory.EnumerateFiles(Folder, "*.y*ml", SearchOption.AllDirectories)
            .Where(path => !path.Contains(".fixed.", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string ExpectedPath(string name) =>
        Path.Combine(Folder, Path.ChangeExtension(name, null) + ".fixed" + Path.GetExtension(name));

    /// <summary>Fixes one file in a folder of its own, as <c>meshlint fix --no-config</c> would.</summary>
    public static (FixOutcome Outcome, byte[] Result) Fix(byte[] input, string fileName, bool unsafeFixes)
    {
        using var tree = TempRepository.Folder();
        File.WriteAllBytes(tree.PathOf(fileName), input);
        var outcome = FixRun.Run(new FixRequest { Scan = Request(tree.Root, fileName), UnsafeFixes = unsafeFixes });
        return (outcome, outcome.Files.SingleOrDefault()?.Bytes ?? input);
    }

    /// <summary>
    /// A scan of one fixture file. Fixtures model repositories that run Istio, so the folder gets a
    /// configuration that injects namespaces it does not define (<c>assumeInjection: true</c>).
    /// </summary>
    public static ScanRequest Request(string root, string fileName)
    {
        AssumeInjection(root);
        return new() { Paths = [fileName], WorkingDirectory = root, RepositoryContext = false };
    }

    /// <summary>Adds <c>mesh.assumeInjection: true</c> to the folder's configuration (written when there is none), unless it sets the key itself.</summary>
    internal static void AssumeInjection(string folder)
    {
        var config = Path.Combine(folder, MeshLint.Configuration.MeshLintConfig.FileName);
        var text = File.Exists(config) ? File.ReadAllText(config) : string.Empty;
        if (text.Contains("assumeInjection", StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(config, text.Contains("mesh:\n", StringComparison.Ordinal)
            ? text.Replace("mesh:\n", "mesh:\n  assumeInjection: true\n", StringComparison.Ordinal)
            : "mesh:\n  assumeInjection: true\n" + text);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_is_fixed_as_expected_and_the_finding_is_gone(string name)
    {
        var rule = name.Split('/')[0];
        var unsafeFixes = name.Contains("unsafe", StringComparison.Ordinal);
        var input = File.ReadAllBytes(Path.Combine(Folder, name));
        var fileName = Path.GetFileName(name);
        var before = Scan.Run(WithFile(input, fileName, out var cleanup));
        cleanup();
        var (outcome, result) = Fix(input, fileName, unsafeFixes);

        var expectedPath = ExpectedPath(name);
        if (Environment.GetEnvironmentVariable("MESHLINT_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllBytes(expectedPath, result);
        }

        File.Exists(expectedPath).ShouldBeTrue($"{expectedPath} is missing; MESHLINT_UPDATE_SNAPSHOTS=1 writes it");
        Encoding.UTF8.GetString(result).ShouldBe(Encoding.UTF8.GetString(File.ReadAllBytes(expectedPath)), $"fixing {name}");
        result.ShouldBe(File.ReadAllBytes(expectedPath), $"fixing {name} (bytes)");

        bool Applies(Finding finding) => finding.RuleId == rule && finding.Fix is { } fix && (fix.IsSafe || unsafeFixes);
        if (rule == "MESH000")
        {
            // A file with a syntax error is never edited, and none of its findings offers a fix.
            result.ShouldBe(input);
            before.Result.Findings.ShouldContain(finding => finding.RuleId == "MESH000");
            before.Result.Findings.ShouldAllBe(finding => finding.Fix == null);
        }
        else
        {
            before.Result.Findings.ShouldContain(finding => finding.RuleId == rule, $"{name} has no {rule} finding");
            if (before.Result.Findings.Any(Applies))
            {
                outcome.Files.Single().Fixed.ShouldContain(finding => finding.RuleId == rule);
            }
        }

        outcome.Final.Result.Findings.Where(Applies).ShouldBeEmpty($"fixed {name} still has fixable {rule} findings");
        outcome.Final.Result.Findings.ShouldNotContain(finding => finding.RuleId == "MESH000" && !before.Result.Findings.Any(earlier => earlier.RuleId == "MESH000"));

        var (again, _) = Fix(result, fileName, unsafeFixes);
        again.Files.ShouldBeEmpty($"a second fix of {name} changed it");
    }

    /// <summary>
    /// A fix is offered only where it removes its finding: the start-up model, the value types and
    /// the registry that decide the finding must agree that the fixed text no longer has it. Over
    /// every rule fixture (with istio-init, under Istio CNI, managed mode), nothing fixable remains.
    /// </summary>
    [Theory]
    [MemberData(nameof(SemanticEqualityTests.RuleFixtures), MemberType = typeof(SemanticEqualityTests))]
    public void Every_fix_a_rule_fixture_offers_removes_its_finding(string fixture)
    {
        var source = Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Fixtures", "rules", fixture);
        using var tree = TempRepository.Folder();
        var name = Path.GetFileName(source);
        SemanticEqualityTests.Copy(source, tree.PathOf(name));

        // A folder fixture is scanned with its own .meshlint.yaml (managed mode, native sidecars), as the rule fixtures are.
        var scan = Directory.Exists(source) ? Request(tree.PathOf(name), ".") : Request(tree.Root, name);
        var outcome = FixRun.Run(new FixRequest { Scan = scan, UnsafeFixes = true });
        if (fixture == "MESH002/managed-mode")
        {
            outcome.Files.ShouldHaveSingleItem().Fixed.ShouldContain(finding => finding.RuleId == "MESH002" && finding.Message.Contains("managed Cloud Service Mesh", StringComparison.Ordinal), "managed mode gets the pod-level exclusion");
        }

        outcome.Final.Result.Findings.Where(finding => finding.Fix is not null)
            .Select(finding => $"{finding.RuleId} {finding.Start.Line}: {finding.Message}").ShouldBeEmpty($"fixing {fixture}");
    }

    private static ScanRequest WithFile(byte[] input, string fileName, out Action cleanup)
    {
        var tree = TempRepository.Folder();
        File.WriteAllBytes(tree.PathOf(fileName), input);
        cleanup = tree.Dispose;
        return Request(tree.Root, fileName);
    }
}
