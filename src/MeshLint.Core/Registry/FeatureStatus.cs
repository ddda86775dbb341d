namespace MeshLint.Registry;

/// <summary>Istio's maturity levels; Vault keys have none.</summary>
internal enum FeatureStatus
{
    Alpha,
    Beta,
    Stable,
}
