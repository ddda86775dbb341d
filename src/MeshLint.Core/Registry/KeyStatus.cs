namespace MeshLint.Registry;

/// <summary>What one Istio release makes of a key.</summary>
internal enum KeyState
{
    /// <summary>No release MeshLint knows has read the key.</summary>
    Unknown,

    /// <summary>A later release reads the key; this one ignores it.</summary>
    NotYetAdded,

    /// <summary>The release reads the key.</summary>
    Current,

    /// <summary>The release reads the key, and its registry marks it deprecated.</summary>
    Deprecated,

    /// <summary>The release, or an earlier one, stopped reading the key.</summary>
    Removed,
}

/// <summary>
/// A key's state in one Istio release, with the entry it was found under and the release the state
/// dates from: the first release that reads it (<see cref="KeyState.NotYetAdded"/>), the one that
/// deprecated it, when known (<see cref="KeyState.Deprecated"/>), or the first that no longer reads
/// it (<see cref="KeyState.Removed"/>).
/// </summary>
internal sealed record KeyStatus(KeyState State, KeyEntry? Entry, MinorRelease? Since)
{
    public static KeyStatus Unknown { get; } = new(KeyState.Unknown, null, null);

    /// <summary>The release reads the key, deprecated or not.</summary>
    public bool IsRead => State is KeyState.Current or KeyState.Deprecated;

    /// <summary>The key the registry names as the successor, where it names one.</summary>
    public KeyReplacement? Replacement => Entry?.Replacement;
}
