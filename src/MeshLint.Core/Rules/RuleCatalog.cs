using System.Reflection;
using MeshLint.Findings;
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

    public RuleDescriptor? Find(string idOrName) =>
        byId.GetValueOrDefault(idOrName) ?? Rules.FirstOrDefault(rule => rule.Name == idOrName);

    public static RuleCatalog BuiltIn { get; } = LoadBuiltIn();

    private static RuleCatalog LoadBuiltIn()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var rules = new List<RuleDescriptor>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("rules/", StringComparison.Ordinal) || !resource.EndsWith(".yaml", StringComparison.Ordinal) || resource.Count(c => c == '/') != 1)
            {
                continue;
            }

            var id = resource["rules/".Length..^".yaml".Length];
            var documentation = Read(assembly, $"rules/docs/{id}.md") ?? string.Empty;
            rules.Add(RuleDefinitionReader.Read(resource, Read(assembly, resource)!, documentation));
        }

        return new RuleCatalog(rules);
    }

    private static string? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Reads one rule definition file; a broken built-in definition is a build defect, so this throws.</summary>
public static class RuleDefinitionReader
{
    public static RuleDescriptor Read(string source, string yaml, string documentation)
    {
        var document = new YamlDocumentReader(yaml).Documents().First();
        if (document.Problems.Count > 0 || document.Root is not YamlMapping root)
        {
            throw new InvalidDataException($"{source}: not a YAML mapping ({string.Join("; ", document.Problems.Select(p => p.Message))})");
        }

        string Required(string key) => root.Text(key) ?? throw new InvalidDataException($"{source}: missing '{key}'");

        var levelText = Required("level");
        if (!LevelNames.TryParse(levelText, out var level))
        {
            throw new InvalidDataException($"{source}: level must be error, warning or note, not '{levelText}'");
        }

        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in root.Mapping("messages")?.Entries ?? [])
        {
            messages[entry.Key.Value] = (entry.Value as YamlScalar)?.Value ?? string.Empty;
        }

        var reads = root.Sequence("reads")?.Items.OfType<YamlScalar>().Select(item => item.Value).ToList() ?? [];
        var check = root.Mapping("check") is { } checkNode ? SchemaCheck.Read(source, checkNode) : null;
        return new RuleDescriptor(
            Required("id"),
            Required("name"),
            level,
            Required("summary").Trim(),
            (root.Text("description") ?? Required("summary")).Trim(),
            reads,
            messages,
            documentation,
            check);
    }
}
