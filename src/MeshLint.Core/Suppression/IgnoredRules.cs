using MeshLint.Rules;

namespace MeshLint.Suppression;

/// <summary>The rule list of an ignore annotation or comment.</summary>
internal static class IgnoredRules
{
    /// <summary>Reads a rule list such as <c>MESH001,proxy-start-hold-missing</c> or <c>*</c>.</summary>
    public static IReadOnlyList<string> Parse(string list, RuleCatalog catalog)
    {
        var rules = new List<string>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*")
            {
                return [];
            }

            var id = catalog.Find(part)?.Id ?? part;
            if (!rules.Contains(id, StringComparer.Ordinal))
            {
                rules.Add(id);
            }
        }

        return rules;
    }
}
