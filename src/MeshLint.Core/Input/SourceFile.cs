namespace MeshLint.Input;

/// <summary>
/// A file to lint. <see cref="DisplayPath"/> is what reports show (repository-relative, forward
/// slashes); <see cref="FullPath"/> is where to read it, or null when <see cref="Content"/> holds it
/// (standard input).
/// </summary>
public sealed record SourceFile(string DisplayPath, string? FullPath)
{
    public byte[]? Content { get; init; }
}
