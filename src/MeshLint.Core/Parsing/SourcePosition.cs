namespace MeshLint.Parsing;

/// <summary>A 1-based line and column (UTF-16 code units, as SARIF counts by default).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Start = new(1, 1);

    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>Where a node or token sits in its file.</summary>
public readonly record struct SourceSpan(SourcePosition Start, SourcePosition End)
{
    public static SourceSpan At(SourcePosition position) => new(position, position);
}
