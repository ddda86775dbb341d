using MeshLint.Parsing;

namespace MeshLint.Fixes;

/// <summary>
/// How much a fix may be trusted, as ruff defines it: a safe fix keeps the meaning of everything
/// else; an unsafe one changes behaviour the user must judge, so <c>meshlint fix</c> applies it
/// only with <c>--unsafe-fixes</c>.
/// </summary>
public enum FixSafety
{
    Safe,
    Unsafe,
}

/// <summary>
/// One replacement on a file's decoded text: <see cref="Length"/> characters at <see cref="Offset"/>
/// (UTF-16 code units, as <see cref="SourcePosition"/> counts columns) become <see cref="Replacement"/>.
/// <see cref="Span"/> is the same range as line and column, for SARIF.
/// </summary>
public sealed record TextEdit(int Offset, int Length, string Replacement, SourceSpan Span)
{
    public int End => Offset + Length;
}

/// <summary>
/// What a finding's fix does: one or more edits on the original text, applied together or not at
/// all; everything outside them stays byte for byte.
/// </summary>
public sealed record Fix(string Description, FixSafety Safety, IReadOnlyList<TextEdit> Edits)
{
    public bool IsSafe => Safety == FixSafety.Safe;

    /// <summary>
    /// Text the fix reasons about beyond the characters it changes, such as the whole annotation a
    /// field is added to: another fix there waits for the next pass, when it is built on the new text.
    /// </summary>
    public (int Offset, int End)? Guard { get; init; }

    /// <summary>Every range the fix changes or depends on.</summary>
    public IEnumerable<(int Offset, int End)> Footprint =>
        Guard is { } guard ? Edits.Select(edit => (edit.Offset, edit.End)).Append(guard) : Edits.Select(edit => (edit.Offset, edit.End));

    /// <summary>The same fix, guarding the range of <paramref name="node"/> too.</summary>
    public Fix Guarding(SourceMap map, YamlNode node) => this with { Guard = (map.OffsetOf(node.Start), map.OffsetOf(node.Span.End)) };

    public static Fix? Of(string description, FixSafety safety, params TextEdit?[] edits) =>
        edits.Length > 0 && edits.All(edit => edit is not null) ? new Fix(description, safety, edits.Select(edit => edit!).ToList()) : null;
}
