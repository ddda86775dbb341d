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

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
