using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rules;

/// <summary>Reads one rule definition file; a broken built-in definition is a build defect, so this throws.</summary>
internal static class RuleDefinitionReader
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

        var messages = new Dictionary<string, RuleMessage>(StringComparer.Ordinal);
        foreach (var entry in root.Mapping("messages")?.Entries ?? [])
        {
            messages[entry.Key.Value] = Message(source, entry);
        }

        var check = root.Mapping("check") is { } checkNode ? SchemaCheck.Read(source, checkNode) : null;
        var reads = Reads(source, root, check);
        var lowerLevels = new List<Level>();
        foreach (var item in root.Sequence("lowerLevels")?.Items.OfType<YamlScalar>() ?? [])
        {
            if (!LevelNames.TryParse(item.Value, out var lower) || lower >= level)
            {
                throw new InvalidDataException($"{source}:{item.Start.Line}: lowerLevels names levels below '{levelText}', not '{item.Value}'");
            }

            lowerLevels.Add(lower);
        }

        return new RuleDescriptor(
            Required("id"),
            Required("name"),
            level,
            Required("summary").Trim(),
            (root.Text("description") ?? Required("summary")).Trim(),
            reads,
            messages,
            documentation,
            check)
        {
            Finds = (root.Text("finds") ?? Required("summary")).Trim(),
            LowerLevels = lowerLevels,
            JudgesMissing = root.Scalar("judges") switch
            {
                null or { Value: "present" } => false,
                { Value: "missing" } => true,
                var other => throw new InvalidDataException($"{source}:{other.Start.Line}: judges is 'missing' or 'present', not '{other.Value}'"),
            },
        };
    }

    /// <summary>
    /// A message: a plain string (a summary alone, as user rules may write it) or a mapping of
    /// <c>summary</c> and <c>details</c>. Folded YAML (<c>&gt;-</c>) may break a summary over lines;
    /// it is still one line.
    /// </summary>
    private static RuleMessage Message(string source, YamlEntry entry)
    {
        switch (entry.Value)
        {
            case YamlScalar plain:
                return new RuleMessage(OneLine(plain.Value));
            case YamlMapping parts when parts.Text("summary") is { } summary:
                var unknown = parts.Entries.FirstOrDefault(part => part.Key.Value is not ("summary" or "details"));
                return unknown is null
                    ? new RuleMessage(OneLine(summary), OneLine(parts.Text("details") ?? string.Empty))
                    : throw new InvalidDataException($"{source}:{unknown.Key.Start.Line}: message '{entry.Key.Value}' has '{unknown.Key.Value}'; a message has a summary and details");
            default:
                throw new InvalidDataException($"{source}:{entry.Key.Start.Line}: message '{entry.Key.Value}' is a string or a mapping with a summary and details");
        }
    }

    /// <summary>A message is prose, never laid out: a stray line break of a literal block would break the text report's lines.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The declared reads. A check reads exactly its targets, so for one they may be left out, and
    /// when written they must say the same.
    /// </summary>
    private static IReadOnlySet<RuleInput> Reads(string source, YamlMapping root, SchemaCheck? check)
    {
        var derived = check is null ? null : RuleInputs.Of(check);
        if (root.Sequence("reads") is not { } list)
        {
            return derived ?? throw new InvalidDataException($"{source}: missing 'reads' (what the rule looks at: {string.Join(", ", RuleInputs.Names)})");
        }

        var reads = new HashSet<RuleInput>();
        foreach (var item in list.Items.OfType<YamlScalar>())
        {
            reads.Add(RuleInputs.Parse(item.Value) ?? throw new InvalidDataException($"{source}:{item.Start.Line}: unknown read '{item.Value}' (known: {string.Join(", ", RuleInputs.Names)})"));
        }

        if (derived is not null && !reads.SetEquals(derived))
        {
            throw new InvalidDataException($"{source}: reads must be what the check reads: [{string.Join(", ", derived.Select(input => input.Name()))}]");
        }

        return reads;
    }
}
