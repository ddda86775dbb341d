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
    IReadOnlySet<RuleInput> Reads,
    IReadOnlyDictionary<string, RuleMessage> Messages,
    string Documentation,
    SchemaCheck? Check)
{
    /// <summary>One line for the rule tables: what the rule finds, in lower case, Markdown allowed.</summary>
    public string Finds { get; init; } = Summary;

    /// <summary>The levels below <see cref="DefaultLevel"/> that some of its findings have (MESH004's unknown fields are warnings).</summary>
    public IReadOnlyList<Level> LowerLevels { get; init; } = [];

    /// <summary>
    /// Whether the rule judges something missing (<c>judges: missing</c>), which a Kustomize patch
    /// leaves to its base, so the engine does not run it on patches; else it judges a value present.
    /// </summary>
    public bool JudgesMissing { get; init; }

    /// <summary>Fills a message's summary and details; unknown <c>{placeholders}</c> stay as written.</summary>
    public RuleMessage Format(string messageKey, IReadOnlyDictionary<string, string> values)
    {
        if (!Messages.TryGetValue(messageKey, out var template))
        {
            throw new InvalidOperationException($"rule {Id} has no message '{messageKey}'");
        }

        return template.Fill(values);
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
