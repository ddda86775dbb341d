using MeshLint.Findings;
using MeshLint.Rules;

namespace MeshLint.Cli;

/// <summary><c>meshlint rules</c> and <c>meshlint explain</c>: the catalog, from the shell.</summary>
public static class RulesCommand
{
    /// <summary>Lists every rule at the level it runs at: its own, or the one <paramref name="levels"/> (the configuration) sets.</summary>
    public static int List(RuleCatalog catalog, RulesFormat format, TextWriter stdout, IReadOnlyDictionary<string, Level?>? levels = null)
    {
        foreach (var rule in catalog.Rules)
        {
            var level = levels is not null && levels.TryGetValue(rule.Id, out var configured) ? configured?.Name() ?? "off" : rule.DefaultLevel.Name();
            stdout.WriteLine($"{rule.Id}  {rule.Name,-40} {level,-8} {rule.Summary}");
        }

        return ExitCodes.Clean;
    }

    public static int Explain(RuleCatalog catalog, string ruleIdOrName, TextWriter stdout, TextWriter stderr)
    {
        if (catalog.Find(ruleIdOrName) is not { } rule)
        {
            stderr.WriteLine($"meshlint: no rule '{ruleIdOrName}'; 'meshlint rules' lists them");
            return ExitCodes.UsageOrInput;
        }

        stdout.WriteLine(rule.Documentation.Length > 0 ? rule.Documentation.TrimEnd() : $"{rule.Id}: {rule.Name}\n\n{rule.Description}");
        return ExitCodes.Clean;
    }
}
