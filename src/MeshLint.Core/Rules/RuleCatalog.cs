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

    public RuleDescriptor? Find(string idOrName) =>
        byId.GetValueOrDefault(idOrName) ?? Rules.FirstOrDefault(rule => rule.Name == idOrName);

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
