namespace MeshLint.Rules;

/// <summary>
/// One message of a rule, in two parts: <see cref="Summary"/>, one line that says what is wrong and
/// where (<c>{object}: …</c>, no closing period), and <see cref="Details"/>, which say why, on which
/// mesh facts and sources, and how to fix it. A message written as a plain string is a summary alone.
/// </summary>
public sealed record RuleMessage(string Summary, string Details = "")
{
    /// <summary>Both parts with their <c>{placeholders}</c> filled; unknown ones stay as written.</summary>
    public RuleMessage Fill(IReadOnlyDictionary<string, string> values) =>
        new(MessageTemplate.Fill(Summary, values), MessageTemplate.Fill(Details, values));
}
