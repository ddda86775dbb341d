namespace MeshLint.Registry;

/// <summary>The key that a deprecated key's registry entry names as its successor.</summary>
internal sealed record KeyReplacement(string Name, KeyKind Kind);
