using MeshLint.Reports;
using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Registry;
using MeshLint.Rules;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary><c>--fail-on</c>: the lowest level that fails the run; null for <c>never</c>.</summary>
internal sealed record FailThreshold(Level? Level);

/// <summary><c>--format</c> of <c>startup</c> and <c>context</c>.</summary>
internal enum ViewFormat
{
    Text,
    Json,
}

/// <summary>
/// Every option of the command line, each defined once with its help text, value check and
/// completions; <see cref="CommandTree"/> gives each command those that apply to it. Values are
/// checked as they are parsed, so a wrong one is a usage error that names the option.
/// </summary>
internal sealed class CliOptions
{
    private static readonly string[] ReportFormats = ["text", "json", "sarif", "github", "rdjson"];

    public CliOptions(string workingDirectory)
    {
        Select = Rules("--select", "run only these rules (ids or names, any case, comma-separated, repeatable)", workingDirectory);
        Ignore = Rules("--ignore", "do not run these rules (ids or names, any case, comma-separated, repeatable); wins over --select", workingDirectory);
    }

    // What is scanned, and with which configuration: every scanning command.
    public Option<string?> Config { get; } = Value("--config", "FILE", "use FILE instead of the nearest .meshlint.yaml", "-c");

    public Option<bool> NoConfig { get; } = Flag("--no-config", "read no .meshlint.yaml: every built-in rule at its own level");

    public Option<bool> NoRepositoryContext { get; } = Flag("--no-repo-context", "take the mesh context (Namespaces, IstioOperators) only from the named files and folders, not from their whole git work tree");

    public Option<bool> NoBuild { get; } = Flag("--no-build", "read every file as written: build no kustomization and render no chart (by default each is built with kustomize or kubectl, and helm, when on PATH)");

    /// <summary><c>--kustomize</c> and <c>--helm</c> asked for what is now the default; still accepted, not shown.</summary>
    public Option<bool> Kustomize { get; } = Flag("--kustomize", "(the default)", hidden: true);

    public Option<bool> Helm { get; } = Flag("--helm", "(the default)", hidden: true);

    public Option<string[]> Select { get; }

    public Option<string[]> Ignore { get; }

    public Option<bool> NoIgnore { get; } = Flag("--no-ignore", "also scan what .gitignore files exclude");

    public Option<bool> FollowSymlinks { get; } = Flag("--follow-symlinks", "follow symbolic links out of the scanned folders");

    public Option<long> MaxFileSize { get; } = Parsed<long>("--max-file-size", "SIZE", "skip (and report) larger files, e.g. 8MB, 512KB (default: 8MB)",
        text => FileSizeLimit.TryParse(text, out var bytes) ? bytes : null, "needs a size such as 8MB, 512KB or 100000");

    public Option<int> Jobs { get; } = Parsed<int>("--jobs", "N", "files linted at once (default: 0, one per core); the output is the same for any N",
        text => int.TryParse(text, out var n) && n >= 0 ? n : null, "needs a whole number (0 for one per core)", "-j");

    public Option<string?> StdinFilename { get; } = Value("--stdin-filename", "NAME", "the path shown for findings in standard input (default: <stdin>)");

    public Option<string?> Baseline { get; } = Value("--baseline", "FILE", "report only findings that are not in FILE");

    // Reports: a lint run's.
    public Option<OutputFormat> Format { get; } = Choice("--format", "output format (default: text)", Formats(), OutputFormat.Text, "-f");

    public Option<string?> Output { get; } = Value("--output", "FILE", "write the report to FILE (whole or not at all) instead of standard output; the summary goes to standard error", "-o");

    public Option<ReportRequest[]> Report { get; } = Reports();

    public Option<string?> SarifCategory { get; } = new("--sarif-category")
    {
        HelpName = "NAME",
        Description = "the code scanning category of the SARIF run (default: meshlint)",
        Validators = { result => Check(result, result.GetValueOrDefault<string?>() is { Length: > 0 }, "needs a non-empty name") },
    };

    public Option<bool> ShowSuppressed { get; } = Flag("--show-suppressed", "list the findings that inline ignores suppress (text output)");

    public Option<string?> WriteBaseline { get; } = Value("--write-baseline", "FILE", "record today's findings in FILE and exit 0");

    public Option<FailThreshold> FailOn { get; } = Choice("--fail-on", "the lowest level that makes the exit code 1 (default: error)",
        new Dictionary<string, FailThreshold> { ["error"] = new(Level.Error), ["warning"] = new(Level.Warning), ["note"] = new(Level.Note), ["never"] = new(null) }, new FailThreshold(Level.Error));

    public Option<bool> NoColor { get; } = Flag("--no-color", "no colour (colour is used only on a terminal, and never when NO_COLOR is set)");

    /// <summary>The text report's style, ruff's <c>--output-format</c>: <c>concise</c> is one line per finding.</summary>
    public Option<TextReportStyle> OutputStyle { get; } = Choice("--output-format", "text report style: full (a summary line, the details wrapped beneath) or concise (one line per finding)",
        new Dictionary<string, TextReportStyle> { ["full"] = TextReportStyle.Full, ["concise"] = TextReportStyle.Concise }, TextReportStyle.Full);

    // meshlint fix.
    public Option<bool> Diff { get; } = Flag("--diff", "change nothing; print a unified diff of every fix (exit code 1 when there is one)");

    public Option<bool> UnsafeFixes { get; } = Flag("--unsafe-fixes", "also apply fixes that change behaviour (e.g. renaming a misspelt ProxyConfig field); each rule's page says which");

    // meshlint rules, startup, context.
    public Option<RulesFormat> RulesFormat { get; } = Choice("--format", "text, or a Markdown table (default: text)",
        new Dictionary<string, RulesFormat> { ["text"] = Cli.RulesFormat.Text, ["markdown"] = Cli.RulesFormat.Markdown }, Cli.RulesFormat.Text, "-f");

    public Option<ViewFormat> InspectFormat { get; } = Choice("--format", "text or json (default: text)",
        new Dictionary<string, ViewFormat> { ["text"] = ViewFormat.Text, ["json"] = ViewFormat.Json }, ViewFormat.Text, "-f");

    public Option<string?> Object { get; } = new("--object")
    {
        HelpName = "KIND/NAME",
        Description = "only this workload, e.g. Deployment/orders (the kind in any case)",
        Validators = { result => Check(result, result.GetValueOrDefault<string?>()?.Split('/') is [{ Length: > 0 }, { Length: > 0 }], "needs KIND/NAME, e.g. Deployment/orders") },
    };

    public Option<string?> For { get; } = Value("--for", "FILE", "the context this one file is linted with");

    // meshlint init.
    public Option<bool> Force { get; } = Flag("--force", "replace an existing .meshlint.yaml");

    public Option<bool> ToStdout { get; } = Flag("--stdout", "print the file instead of writing it");

    // meshlint server.
    public Option<bool> Stdio { get; } = Flag("--stdio", "(editors add it; standard input and output is the only transport)", hidden: true);

    public static Option<bool> Flag(string name, string description, bool hidden = false) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero, Hidden = hidden };

    public static Option<string?> Value(string name, string helpName, string description, params string[] aliases) =>
        new(name, aliases) { HelpName = helpName, Description = description };

    /// <summary>
    /// An option whose value is one of a few words, each standing for a value; completion offers the
    /// words. Not given, it reads as <paramref name="fallback"/> (through <see cref="ValueOr"/>; the
    /// description says so, as help would print the value's C# name).
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyDictionary<string, T> words, T fallback, params string[] aliases)
    {
        var option = new Option<T>(name, aliases)
        {
            HelpName = string.Join('|', words.Keys),
            Description = description,

            CustomParser = result =>
            {
                // The words in any case, as rule ids are: --format JSON is no mistake worth a failed run.
                var word = result.Tokens[^1].Value;
                foreach (var (known, value) in words)
                {
                    if (string.Equals(known, word, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }

                result.AddError($"{name} must be {Alternatives(words.Keys)}, not '{word}'");
                return fallback;
            },
        };
        // The words, not the names of the enum values they stand for.
        option.CompletionSources.Clear();
        option.CompletionSources.Add(words.Keys.ToArray());
        return option;
    }

    /// <summary>"a, b or c".</summary>
    public static string Alternatives(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    /// <summary>The option's value where the command line gives it, else <paramref name="fallback"/>.</summary>
    public static T ValueOr<T>(ParseResult result, Option<T> option, T fallback) =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option)! : fallback;

    private static Option<T> Parsed<T>(string name, string helpName, string description, Func<string, T?> parse, string expected, params string[] aliases)
        where T : struct => new(name, aliases)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (parse(text) is { } value)
                {
                    return value;
                }

                result.AddError($"{name} {expected}, not '{text}'");
                return default;
            },
        };

    private static void Check(OptionResult result, bool valid, string expected)
    {
        if (!valid)
        {
            result.AddError($"{result.Option.Name} {expected}, not '{result.Tokens[^1].Value}'");
        }
    }

    private static Dictionary<string, OutputFormat> Formats() => new()
    {
        ["text"] = OutputFormat.Text,
        ["json"] = OutputFormat.Json,
        ["sarif"] = OutputFormat.Sarif,
        ["github"] = OutputFormat.GitHub,
        ["rdjson"] = OutputFormat.Rdjson,
    };

    /// <summary><c>--report FORMAT[=FILE]</c>, repeatable: one report of several from a single scan.</summary>
    private static Option<ReportRequest[]> Reports()
    {
        var formats = Formats();
        var option = new Option<ReportRequest[]>("--report", "-r")
        {
            HelpName = "FORMAT[=FILE]",
            Description = "one report of several from a single scan, to FILE or standard output; repeatable, e.g. --report github --report sarif=meshlint.sarif (github: Actions annotations, and a job summary when GITHUB_STEP_SUMMARY is set)",
            CustomParser = result =>
            {
                var requests = new List<ReportRequest>();
                foreach (var token in result.Tokens)
                {
                    var (format, file) = token.Value.IndexOf('=') is var separator and >= 0 ? (token.Value[..separator], token.Value[(separator + 1)..]) : (token.Value, null);
                    if (!formats.TryGetValue(format, out var known))
                    {
                        result.AddError($"--report: unknown format '{format}' (use {Alternatives(ReportFormats)})");
                    }
                    else if (file is { Length: 0 })
                    {
                        result.AddError($"--report {token.Value} needs a file name after '='");
                    }
                    else
                    {
                        requests.Add(new ReportRequest(known, file));
                    }
                }

                return [.. requests];
            },
        };
        option.CompletionSources.Add(ReportFormats.SelectMany(format => new[] { format, format + "=" }).ToArray());
        return option;
    }

    /// <summary><c>--select</c> or <c>--ignore</c>: completion offers the rule ids and names, also after a comma.</summary>
    private static Option<string[]> Rules(string name, string description, string workingDirectory)
    {
        var option = new Option<string[]>(name)
        {
            HelpName = "RULES",
            Description = description,
            CustomParser = result =>
            {
                var rules = result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
                if (rules.Length == 0)
                {
                    result.AddError($"{name} needs rule ids or names, e.g. {name} MESH001,MESH005");
                }

                return rules;
            },
        };
        option.CompletionSources.Add(context => RuleCompletions(context, workingDirectory));
        return option;
    }

    /// <summary>The rules a run from <paramref name="workingDirectory"/> knows (the user's too), after what the word has before its last comma.</summary>
    private static IEnumerable<CompletionItem> RuleCompletions(CompletionContext context, string workingDirectory)
    {
        var word = context.WordToComplete;
        var done = word.LastIndexOf(',') is var comma and >= 0 ? word[..(comma + 1)] : string.Empty;
        return KnownRules(workingDirectory).SelectMany(rule => new[] { rule.Id, rule.Name })
            .Select(name => new CompletionItem(done + name, detail: null));
    }

    /// <summary>For completion: the catalog of the configuration here, or the built-in rules when it cannot be read.</summary>
    public static IReadOnlyList<RuleDescriptor> KnownRules(string workingDirectory) =>
        ScanSetup.Prepare(new ScanRequest { WorkingDirectory = workingDirectory }).Setup?.Catalog.Rules ?? RuleCatalog.BuiltIn.Rules;

    /// <summary>For <c>meshlint explain</c>: every rule and every annotation and label key the registry knows.</summary>
    public static IEnumerable<string> ExplainTopics(string workingDirectory) =>
        KnownRules(workingDirectory).SelectMany(rule => new[] { rule.Id, rule.Name }).Concat(KeyExplanation.Keys());
}
