using Xunit.Abstractions;
using Xunit.Sdk;

namespace MeshLint.Tests.Support;

/// <summary>
/// Puts a test (or every test of a class) in the integration tier, trait <c>Tier=Integration</c>:
/// it drives an outside program (pre-commit, dotnet pack, git, node, helm, the SARIF multitool,
/// bash) or works through inputs of 100,000 files, keys or nesting levels. Plain
/// <c>dotnet test</c> runs both tiers; <c>dotnet test --filter "Tier!=Integration"</c> runs
/// only the fast, in-process tier.
/// </summary>
[TraitDiscoverer("MeshLint.Tests.Support.IntegrationTraitDiscoverer", "MeshLint.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class IntegrationAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Tier";

    public const string Tier = "Integration";
}

/// <summary>Turns <see cref="IntegrationAttribute"/> into the trait that <c>--filter</c> matches.</summary>
public sealed class IntegrationTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(IntegrationAttribute.Trait, IntegrationAttribute.Tier)];
}
