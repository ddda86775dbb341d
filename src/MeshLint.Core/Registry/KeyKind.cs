namespace MeshLint.Registry;

/// <summary>Whether a key is read from <c>metadata.annotations</c> or <c>metadata.labels</c>.</summary>
internal enum KeyKind
{
    Annotation,
    Label,
}
