using MeshLint.Engine;
using MeshLint.Input;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Configuration;

/// <summary>
/// Each file in Fixtures/suppression states its findings in comments: <c># expect: LINE:COL RULE</c>
/// for reported ones and <c># expect-suppressed: LINE:COL RULE</c> for ones an inline ignore covers
/// (several per line, separated by commas).
/// </summary>
public sealed class SuppressionFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "suppression"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_findings_match_their_stated_expectations(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "suppression", name);
        var text = File.ReadAllText(path);

        // Fixtures model repositories that run Istio: a namespace they do not define is injected.
        var result = new Linter(new LintOptions { Mesh = MeshLint.Mesh.MeshAssumptions.Default with { AssumeInjection = true } }).Run([new SourceFile(name, path)]);

        result.Findings.Select(f => $"{f.Start.Line}:{f.Start.Column} {f.RuleId}").ShouldBe(Expected(text, "# expect:"), ignoreOrder: true);
        result.Suppressed.Select(f => $"{f.Start.Line}:{f.Start.Column} {f.RuleId}").ShouldBe(Expected(text, "# expect-suppressed:"), ignoreOrder: true);
    }

    private static List<string> Expected(string text, string marker) =>
        text.Split('\n')
            .Where(line => line.StartsWith(marker, StringComparison.Ordinal))
            .SelectMany(line => line[marker.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
}
