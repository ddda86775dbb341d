using MeshLint.Parsing;

namespace MeshLint.Findings;

public enum IgnoreSource
{
    /// <summary><c>meshlint.dev/ignore</c> on a workload's or its pod template's metadata.</summary>
    Annotation,

    /// <summary>A <c># meshlint:ignore</c> comment on the finding's line or the line above.</summary>
    Comment,
}

/// <summary>
/// One "this is deliberate" written in a manifest. <see cref="Rules"/> holds rule ids (names are
/// turned into ids when read); empty means every rule (<c>*</c> or a bare comment marker).
/// </summary>
public sealed record InlineIgnore(IgnoreSource Source, IReadOnlyList<string> Rules, string? Reason, SourceSpan At)
{
    public const string AnnotationKey = "meshlint.dev/ignore";
    public const string ReasonAnnotationKey = "meshlint.dev/ignore-reason";

    public bool CoversAll => Rules.Count == 0;

    public bool Covers(string ruleId) => CoversAll || Rules.Contains(ruleId, StringComparer.Ordinal);

    /// <summary>What SARIF's suppression justification and the text report show.</summary>
    public string Justification => Reason is { Length: > 0 } reason
        ? reason
        : Source == IgnoreSource.Annotation ? $"{AnnotationKey} annotation" : "meshlint:ignore comment";
}
