using MeshLint.Findings;

namespace MeshLint.Rules;

/// <summary>
/// Everything a reader, a report or a rule needs to know about a rule, read from its file in
/// <c>rules/</c>: identity, default level, descriptions, its message catalog and its documentation.
/// </summary>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    Level DefaultLevel,
    string Summary,
    string Description,
    IReadOnlyList<string> Reads,
    IReadOnlyDictionary<string, string> Messages,
    string Documentation,
    SchemaCheck? Check)
{
    /// <summary>Fills a message template's <c>{placeholders}</c>; unknown ones stay as written.</summary>
    public string Format(string messageKey, IReadOnlyDictionary<string, string> values)
    {
        if (!Messages.TryGetValue(messageKey, out var template))
        {
            throw new InvalidOperationException($"rule {Id} has no message '{messageKey}'");
        }

        return MessageTemplate.Fill(template, values);
    }

    /// <summary>
    /// The level a finding is reported at when the rule runs at <paramref name="configured"/>. A rule
    /// may report below its default (MESH004's unknown fields, MESH000's Go-template note); the
    /// configured level moves the rule as a whole and keeps that difference, never going below note.
    /// </summary>
    public Level LevelAt(Level configured, Level? reported = null) =>
        reported is { } specific && specific < DefaultLevel
            ? (Level)Math.Max(0, (int)configured - ((int)DefaultLevel - (int)specific))
            : configured;

    /// <summary>The published page of a built-in rule; null for a user rule, whose doc lives in its own repository.</summary>
    public string? HelpUri => Id.StartsWith("MESH", StringComparison.Ordinal) ? $"https://github.com/meshlint/meshlint/blob/main/rules/docs/{Id}.md" : null;
}

public static class MessageTemplate
{
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var result = new System.Text.StringBuilder(template.Length + 64);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }

            result.Append(template, position, open - position);
            var name = template[(open + 1)..close];
            if (values.TryGetValue(name, out var value))
            {
                result.Append(value);
            }
            else
            {
                result.Append(template, open, close - open + 1);
            }

            position = close + 1;
        }

        return result.ToString();
    }
}
