using Xunit;
using MeshLint.Fuzz;
using Shouldly;

namespace MeshLint.Tests.Zoo;

/// <summary>Every input the fuzzer ever broke the pipeline with, replayed through the fuzz target's own invariants.</summary>
public sealed class FuzzRegressionTests
{
    private static readonly PipelineTarget Target = PipelineTarget.Load();

    public static TheoryData<string> Inputs()
    {
        var folder = Path.Combine(FixturePaths.Fixtures, "fuzz-regressions");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(file => !file.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fuzz_regression_holds_every_invariant(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixturePaths.Fixtures, "fuzz-regressions", name));
        // A generous bound that only a hang exceeds: some of these once looped forever.
        Should.CompleteIn(() => Target.Run(bytes), TimeSpan.FromMinutes(1));
    }
}
