using MeshLint.Input;
using MeshLint.Parsing;
namespace MeshLint.Rules;

/// <summary>
/// The built-in rules, read from the <c>rules/*.yaml</c> files embedded in this assembly; the C#
/// classes in <see cref="BuiltInRules"/> only add logic to the rules that need it.
/// </summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, RuleDescriptor> byId;

    public RuleCatalog(IEnumerable<RuleDescriptor> rules)
    {
        Rules = rules.OrderBy(rule => rule.Id, StringComparer.Ordinal).ToList();
        byId = Rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleDescriptor> Rules { get; }

    public RuleDescriptor this[string id] => byId[id];

    /// <summary>
    /// The rule with this id or name, written in any case (<c>mesh002</c>, <c>Vault-Agent-…</c>): ids are
    /// upper case and names lower case by convention, and nobody means another rule by changing the case.
    /// </summary>
    public RuleDescriptor? Find(string idOrName) =>
        byId.GetValueOrDefault(idOrName)
        ?? Rules.FirstOrDefault(rule => rule.Name == idOrName)
        ?? Rules.FirstOrDefault(rule => string.Equals(rule.Id, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(rule.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// "Did you mean": the rule id or name nearest to a misspelt one, when no other is as near. Ids
    /// differ from each other by a digit or two, so a short word gets one edit at most, lest an id
    /// that does not exist suggest another rule's.
    /// </summary>
    public string? Suggest(string idOrName)
    {
        var names = Rules.SelectMany(rule => new[] { rule.Id, rule.Name }).ToList();
        var best = ClosestName.Find(idOrName, names, idOrName.Length < 10 ? 1 : Math.Max(2, idOrName.Length / 4));
        return best is not null && names.Count(name => ClosestName.Distance(idOrName, name) <= ClosestName.Distance(idOrName, best)) == 1 ? best : null;
    }

    public static RuleCatalog BuiltIn { get; } = LoadBuiltIn();

    private static RuleCatalog LoadBuiltIn()
    {
        var rules = new List<RuleDescriptor>();
        // The definitions sit at the top of rules/ (rules/MESH001.yaml); deeper folders hold docs and schemas.
        foreach (var resource in RuleData.Paths("rules/").Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) && path.Count(c => c == '/') == 1))
        {
            var id = resource["rules/".Length..^".yaml".Length];
            var documentation = RuleData.Find($"rules/docs/{id}.md") ?? string.Empty;
            rules.Add(RuleDefinitionReader.Read(resource, RuleData.Read(resource), documentation));
        }

        return new RuleCatalog(rules);
    }
}
