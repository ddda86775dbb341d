using MeshLint.Input;
using MeshLint.Parsing;
using MeshLint.Rules;

namespace MeshLint.Configuration;

/// <summary>
/// Reads the rules a team writes as data (<c>.meshlint/rules/*.yaml</c>), in the form of the
/// built-in declarative rules. A file that cannot be used is an error at its line, never skipped.
/// </summary>
internal static class UserRuleReader
{
    /// <summary>Ids with this prefix belong to MeshLint, so a user rule cannot shadow a future built-in one.</summary>
    public const string ReservedPrefix = "MESH";

    private static readonly YamlSchemaValidator Validator = new("rules/schemas/user-rule.schema.json");

    /// <summary>Every rule file in the folders (missing folders are fine: the default one is optional).</summary>
    public static (IReadOnlyList<RuleDescriptor> Rules, IReadOnlyList<ConfigurationError> Errors) Load(IEnumerable<string> folders, string baseDirectory, string displayBase)
    {
        var rules = new List<RuleDescriptor>();
        var errors = new List<ConfigurationError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder, baseDirectory);
            if (!Directory.Exists(full))
            {
                continue;
            }

            var files = Directory.EnumerateFiles(full).Where(file => FileDiscovery.IsYamlFile(file)).Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var shown = FileDiscovery.DisplayPath(file, displayBase);
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new ConfigurationError(shown, SourcePosition.Start, "cannot read the rule: " + exception.Message));
                    continue;
                }

                var documentation = Path.ChangeExtension(file, ".md") is var doc && File.Exists(doc) ? File.ReadAllText(doc) : string.Empty;
                var (rule, problems) = Read(shown, text, documentation);
                errors.AddRange(problems);
                if (rule is null)
                {
                    continue;
                }

                if (seen.TryGetValue(rule.Id, out var first))
                {
                    errors.Add(new ConfigurationError(shown, SourcePosition.Start, $"rule id {rule.Id} is already used by {first}"));
                    continue;
                }

                seen[rule.Id] = shown;
                rules.Add(rule);
            }
        }

        return (rules, errors);
    }

    public static (RuleDescriptor? Rule, IReadOnlyList<ConfigurationError> Errors) Read(string path, string yaml, string documentation)
    {
        var (root, errors) = Validator.Read(path, yaml);
        if (root is null)
        {
            return (null, errors);
        }

        if (root.Scalar("id") is { } id && id.Value.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return (null, [new ConfigurationError(path, id.Start, $"rule id {id.Value} uses the prefix {ReservedPrefix}, which is reserved for built-in rules; choose your own, e.g. ACME001")]);
        }

        var messageKey = root.Mapping("check")?.Scalar("message");
        if (root.Mapping("messages") is { } messages && messages.Entry(messageKey?.Value ?? "default") is null)
        {
            var at = messageKey?.Start ?? root.Entry("messages")!.Key.Start;
            return (null, [new ConfigurationError(path, at, $"messages has no \"{messageKey?.Value ?? "default"}\" entry for check.message to use")]);
        }

        RuleDescriptor rule;
        try
        {
            rule = RuleDefinitionReader.Read(path, yaml, documentation);
            rule.Check!.Compile();
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            var at = root.Entry("check")?.Key.Start ?? SourcePosition.Start;
            return (null, [new ConfigurationError(path, at, "the check is not a usable JSON Schema: " + exception.Message)]);
        }

        return (rule, []);
    }
}
