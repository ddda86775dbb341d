using System.Text.Json;

namespace MeshLint.Tests.Diagnose;

/// <summary>Runs <c>meshlint diagnose</c> as <see cref="CliRun"/> runs the CLI, and keeps what it printed.</summary>
internal sealed record DiagnoseRun(int ExitCode, string Stdout, string Stderr)
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "diagnose", name);

    public static DiagnoseRun Of(params string[] args)
    {
        var run = CliRun.In(AppContext.BaseDirectory, ["diagnose", .. args]);
        return new DiagnoseRun(run.ExitCode, run.Stdout, run.Stderr);
    }

    public static DiagnoseRun Json(params string[] fixtures) =>
        Of(["--format", "json", .. fixtures.Select(Fixture)]);

    public JsonElement Root => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>The findings of one pod, keyed by check name.</summary>
    public Dictionary<string, JsonElement> Findings(string pod)
    {
        foreach (var workload in Root.GetProperty("workloads").EnumerateArray())
        {
            foreach (var p in workload.GetProperty("pods").EnumerateArray())
            {
                if (p.GetProperty("name").GetString() == pod)
                {
                    return p.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("check").GetString()!, f => f);
                }
            }
        }

        throw new InvalidOperationException($"pod {pod} is not in the report:\n{Stdout}");
    }

    public static IEnumerable<string> TimelineEvents(JsonElement finding) =>
        finding.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()!);
}
