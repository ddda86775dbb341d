using MeshLint.Parsing;
using MeshLint.Suppression;

namespace MeshLint.Findings;

public enum Level
{
    Note,
    Warning,
    Error,
}

/// <summary>
/// One problem at one place. <see cref="Fingerprint"/> identifies it independently of line numbers
/// (rule, file, object and the key it concerns), so it survives edits above it.
/// </summary>
public sealed record Finding(
    string Path,
    SourceSpan Span,
    string RuleId,
    string RuleName,
    Level Level,
    string Message,
    string? Object,
    string Fingerprint)
{
    public SourcePosition Start => Span.Start;

    /// <summary>The inline ignore (annotation or comment) that covers this finding, if any.</summary>
    public InlineIgnore? IgnoredBy { get; init; }
}

public static class LevelNames
{
    public static string Name(this Level level) => level switch
    {
        Level.Error => "error",
        Level.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string text, out Level level)
    {
        switch (text)
        {
            case "error":
                level = Level.Error;
                return true;
            case "warning":
                level = Level.Warning;
                return true;
            case "note":
                level = Level.Note;
                return true;
            default:
                level = default;
                return false;
        }
    }
}

/// <summary>A file that could not be read or linted at all (exit code 2), as opposed to one that was read and is wrong.</summary>
public sealed record InputError(string Path, string Message)
{
    /// <summary>The exception behind an internal error, shown in full only when debugging (MESHLINT_DEBUG=1).</summary>
    public Exception? Cause { get; init; }
}
