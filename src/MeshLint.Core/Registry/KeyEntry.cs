namespace MeshLint.Registry;

/// <summary>
/// One annotation or label key, or (when <see cref="IsPrefix"/>) every key that starts with
/// <see cref="Name"/> and goes on with a non-empty name, as Vault's per-secret annotations do.
/// </summary>
internal sealed record KeyEntry(
    string Name,
    KeyKind Kind,
    bool IsPrefix,
    string Source,
    IReadOnlyList<string> AppliesTo,
    FeatureStatus? FeatureStatus,
    bool Deprecated,
    bool Hidden,
    bool Registered,
    KeyReplacement? Replacement,
    string? DeprecationNote,
    string Description,
    ValueType Value,
    bool RejectedByInjector,
    bool WrittenByIstio,
    bool WrittenByVault,
    IReadOnlyList<string> ReadBy,
    string? WhenInvalid = null,
    bool ForeignValue = false)
{
    /// <summary>The releases that added, deprecated and removed the key; none for keys without a history.</summary>
    public KeyHistory History { get; init; } = KeyHistory.None;

    /// <summary>The first Istio release whose registry lists the key (or, unregistered, that reads it); null when unknown.</summary>
    public MinorRelease? Added => History.Added;

    /// <summary>The first Istio release whose registry marks the key deprecated.</summary>
    public MinorRelease? DeprecatedIn => History.DeprecatedIn;

    /// <summary>The first Istio release that no longer reads the key: its registry dropped it, or Istio stopped reading it before that.</summary>
    public MinorRelease? RemovedIn => History.GoneIn;

    public bool AppliesToKind(string kind) =>
        AppliesTo.Any(applies => applies == "Any" || string.Equals(applies, kind, StringComparison.Ordinal));

    /// <summary>
    /// What Istio <paramref name="istio"/> makes of the key; null means the newest release, whose
    /// registry these files hold, so nothing is too new and only a removal or a deprecation counts.
    /// </summary>
    public KeyStatus StatusIn(MinorRelease? istio)
    {
        if (istio is { } release && History.FirstRead is { } first && release < first)
        {
            return new KeyStatus(KeyState.NotYetAdded, this, first);
        }

        if (History.GoneIn is { } gone && (istio is null || istio >= gone))
        {
            return new KeyStatus(KeyState.Removed, this, gone);
        }

        var deprecated = History.DeprecatedIn is { } since ? istio is null || istio >= since : Deprecated;
        return deprecated ? new KeyStatus(KeyState.Deprecated, this, History.DeprecatedIn) : new KeyStatus(KeyState.Current, this, null);
    }
}
