namespace MeshLint.Registry;

/// <summary>
/// When Istio came to read a key, marked it deprecated and stopped reading it, by minor release, as
/// the registry files record them from istio/api's and istio/istio's X.Y.0 tags.
/// </summary>
/// <param name="Added">The first release whose registry lists the key (for a key Istio reads without listing it: that reads it).</param>
/// <param name="ReadSince">The first release that reads the key, where that is before its registry listed it.</param>
/// <param name="DeprecatedIn">The first release whose registry marks the key deprecated.</param>
/// <param name="Removed">The first release whose registry no longer lists the key.</param>
/// <param name="IgnoredSince">The first release that no longer reads the key, where that is before its registry dropped it.</param>
/// <param name="AddedBeforeHistory">
/// <paramref name="Added"/> is the oldest release whose registry was read, so the key may be older:
/// no release is too old for it.
/// </param>
/// <param name="Note">Where the releases come from, when more than the registry's tags.</param>
internal sealed record KeyHistory(
    MinorRelease? Added,
    MinorRelease? ReadSince,
    MinorRelease? DeprecatedIn,
    MinorRelease? Removed,
    MinorRelease? IgnoredSince,
    bool AddedBeforeHistory,
    string? Note)
{
    /// <summary>No releases known: the key is read in every release (Vault's keys, and keys of other projects that Istio reads).</summary>
    public static KeyHistory None { get; } = new(null, null, null, null, null, false, null);

    /// <summary>The first release that reads the key; null when the key is as old as the history MeshLint knows.</summary>
    public MinorRelease? FirstRead => AddedBeforeHistory ? null : Earlier(Added, ReadSince);

    /// <summary>The first release that no longer reads the key, because its registry dropped it or Istio stopped reading it first.</summary>
    public MinorRelease? GoneIn => Earlier(Removed, IgnoredSince);

    private static MinorRelease? Earlier(MinorRelease? left, MinorRelease? right) =>
        left is { } a && right is { } b ? (a < b ? a : b) : left ?? right;
}
