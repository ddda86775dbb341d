using MeshLint.Rules.BuiltIn;

namespace MeshLint.Rules;

/// <summary>The registry: every built-in rule that runs over objects, by id. MESH000 comes from the reader.</summary>
public static class BuiltInRules
{
    public static IReadOnlyList<IObjectRule> For(RuleCatalog catalog)
    {
        var coded = new IObjectRule[]
        {
            new ProxyStartHoldMissing(),
            new VaultAgentWithoutOutboundExclusion(),
            new AnnotationJsonMalformed(),
            new ProxyConfigInvalid(),
            new OutboundIpRangesInvalid(),
        };
        var declarative = catalog.Rules.Where(rule => rule.Check is not null).Select(rule => (IObjectRule)new SchemaRule(rule));
        return coded.Concat(declarative).OrderBy(rule => rule.Id, StringComparer.Ordinal).ToList();
    }
}
