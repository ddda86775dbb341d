namespace MeshLint.Tests.Support;

/// <summary>What a run of the CLI (in process) or of an outside program printed, and its exit code.</summary>
public sealed record RunOutcome(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    /// <summary>The "path:line:col: level RULE" heads of the text report's finding lines.</summary>
    public IReadOnlyList<string> Findings => Stdout.Split('\n')
        .Where(line => line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal) || line.Contains(": note ", StringComparison.Ordinal))
        .Select(line => string.Join(' ', line.Split(' ').Take(3)))
        .ToList();

    /// <summary>
    /// The text report's words with the line breaks and indents of its layout undone, for a phrase that
    /// a wrap at 80 columns may break (only what the report shows: details beyond its first lines are cut).
    /// </summary>
    public string Prose => System.Text.RegularExpressions.Regex.Replace(Stdout.ReplaceLineEndings("\n"), @"\n +", " ");

    /// <summary>The whole messages of a JSON report (a run with <c>--format json</c>), in the report's order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            using var json = System.Text.Json.JsonDocument.Parse(Stdout);
            return json.RootElement.EnumerateArray().Select(finding => finding.GetProperty("message").GetString()!).ToList();
        }
    }

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
