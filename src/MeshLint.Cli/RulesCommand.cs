using MeshLint.Findings;
using MeshLint.Registry;
using MeshLint.Rules;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary><c>meshlint rules</c> and <c>meshlint explain</c>: the catalog, from the shell.</summary>
internal static class RulesCommand
{
    /// <summary><c>meshlint rules</c>, over the rules (built-in and the user's) that the configuration gives, at the levels it sets.</summary>
    public static int List(CatalogCommand command, CliContext context) =>
        WithCatalog(command, context, setup => List(setup.Catalog, command.Format, context.Stdout, setup.Options.Levels));

    /// <summary><c>meshlint explain RULE|KEY</c>, over the rules (built-in and the user's) that the configuration gives.</summary>
    public static int Explain(CatalogCommand command, CliContext context) =>
        WithCatalog(command, context, setup => Explain(setup.Catalog, command.Rule!, context.Stdout, context.Stderr));

    private static int WithCatalog(CatalogCommand command, CliContext context, Func<ScanSetup, int> run)
    {
        var (setup, errors) = ScanSetup.Prepare(command.ToScanRequest(context.WorkingDirectory));
        if (setup is null)
        {
            context.PrintErrors(errors);
            return ExitCodes.UsageOrInput;
        }

        return run(setup);
    }

    /// <summary>Lists every rule at the level it runs at: its own, or the one <paramref name="levels"/> (the configuration) sets.</summary>
    public static int List(RuleCatalog catalog, RulesFormat format, TextWriter stdout, IReadOnlyDictionary<string, Level?>? levels = null)
    {
        if (format == RulesFormat.Markdown)
        {
            // The table the READMEs hold: each rule at the level its data gives, as documentation shows it.
            WriteMarkdown(catalog, stdout);
            return ExitCodes.Clean;
        }

        foreach (var rule in catalog.Rules)
        {
            var level = levels is not null && levels.TryGetValue(rule.Id, out var configured) ? configured?.Name() ?? "off" : rule.DefaultLevel.Name();
            stdout.WriteLine($"{rule.Id}  {rule.Name,-40} {level,-8} {rule.Summary}");
        }

        return ExitCodes.Clean;
    }

    /// <summary>The rule table as Markdown, linking each built-in rule to its published page.</summary>
    public static void WriteMarkdown(RuleCatalog catalog, TextWriter writer) =>
        writer.Write(RuleTable.Markdown(catalog.Rules, rule => rule.HelpUri));

    /// <summary>A rule's page, or else an annotation or label key's registry entry.</summary>
    public static int Explain(RuleCatalog catalog, string ruleIdOrName, TextWriter stdout, TextWriter stderr)
    {
        if (catalog.Find(ruleIdOrName) is not { } rule)
        {
            if (KeyExplanation.Describe(ruleIdOrName) is { } key)
            {
                stdout.Write(key);
                return ExitCodes.Clean;
            }

            var suggestion = (KeyExplanation.Suggest(ruleIdOrName) ?? catalog.Suggest(ruleIdOrName)) is { } near ? $"; did you mean {near}?" : string.Empty;
            stderr.WriteLine($"meshlint: no rule or annotation/label key '{ruleIdOrName}'{suggestion} ('meshlint rules' lists the rules)");
            return ExitCodes.UsageOrInput;
        }

        stdout.WriteLine(rule.Documentation.Length > 0 ? rule.Documentation.TrimEnd() : $"{rule.Id}: {rule.Name}\n\n{rule.Description}");
        return ExitCodes.Clean;
    }
}
