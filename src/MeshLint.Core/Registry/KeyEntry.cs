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
    public bool AppliesToKind(string kind) =>
        AppliesTo.Any(applies => applies == "Any" || string.Equals(applies, kind, StringComparison.Ordinal));
}
