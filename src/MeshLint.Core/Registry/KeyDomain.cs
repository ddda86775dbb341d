namespace MeshLint.Registry;

/// <summary>
/// Which keys belong to the mesh: those whose prefix (the part before <c>/</c>) is <c>istio.io</c>
/// or ends in <c>.istio.io</c>, as istioctl's annotation analyzer decides, and Vault's
/// <c>vault.hashicorp.com</c>. Only these can be called unknown: other keys belong to other
/// controllers, even where Istio reads them too (<c>app</c>, <c>prometheus.io/port</c>).
/// </summary>
internal static class KeyDomain
{
    /// <summary>Istio's namespace label, the one mesh key without a prefix; istiod and the injection webhook read it on Namespaces.</summary>
    public const string IstioInjectionLabel = "istio-injection";

    private const string Vault = "vault.hashicorp.com";

    /// <summary>The part before the <c>/</c>, or null for a key without one.</summary>
    public static string? PrefixOf(string key) => key.IndexOf('/') is > 0 and var slash ? key[..slash] : null;

    public static bool IsIstio(string key) =>
        PrefixOf(key) is { } prefix && (prefix == "istio.io" || prefix.EndsWith(".istio.io", StringComparison.Ordinal));

    public static bool IsVault(string key) => PrefixOf(key) == Vault;

    /// <summary>A key in Istio's or Vault's domain: the registry lists every one of them that is read.</summary>
    public static bool IsMesh(string key) => IsIstio(key) || IsVault(key);

    /// <summary>A key the mesh owns, in its domains or <c>istio-injection</c>: where it goes is Istio's or Vault's to say.</summary>
    public static bool IsOwnedByMesh(string key) => IsMesh(key) || key == IstioInjectionLabel;
}
