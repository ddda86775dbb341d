using System.CommandLine;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>The output form of <c>meshlint rules</c>.</summary>
internal enum RulesFormat
{
    Text,
    Markdown,
}

/// <summary>The parsed command line of <c>meshlint rules</c> or <c>meshlint explain</c>: which configuration supplies the rules.</summary>
internal sealed record CatalogCommand
{
    public string? ConfigFile { get; set; }

    public bool NoConfig { get; set; }

    public RulesFormat Format { get; set; } = RulesFormat.Text;

    /// <summary>The rule <c>explain</c> is asked about.</summary>
    public string? Rule { get; set; }

    /// <summary>The command line of <c>rules</c> (no <paramref name="rule"/>) or <c>explain</c>.</summary>
    public static CatalogCommand From(ParseResult result, CliOptions options, string? rule) => new()
    {
        ConfigFile = result.GetValue(options.Config),
        NoConfig = result.GetValue(options.NoConfig),
        Format = rule is null ? result.GetValue(options.RulesFormat) : RulesFormat.Text,
        Rule = rule,
    };

    public ScanRequest ToScanRequest(string workingDirectory) => new() { WorkingDirectory = workingDirectory, ConfigFile = ConfigFile, NoConfig = NoConfig };
}
