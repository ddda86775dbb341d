using MeshLint.Findings;
using MeshLint.Server.Documents;
using MeshLint.Server.Protocol;

namespace MeshLint.Server.Features;

/// <summary>The words an editor shows for a finding, chosen in one place.</summary>
public static class DiagnosticText
{
    /// <summary>
    /// The diagnostic's message: the summary on its first line, which editors show inline and in their
    /// lists (Neovim's virtual text, VS Code's Problems panel), the details on the next, which the hover
    /// and the expanded entry show in full. LSP has no field for details, and servers such as
    /// rust-analyzer and tsserver put them in the message after a line break too.
    /// </summary>
    public static string Of(Finding finding) => finding.Details.Length == 0 ? finding.Summary : $"{finding.Summary}\n{finding.Details}";
}

/// <summary>Findings as LSP diagnostics: level, rule id with a link to its page, message, and the places that decided it.</summary>
public static class Diagnostics
{
    public const string Source = "meshlint";

    public static Diagnostic Of(Finding finding, Linted linted, Func<string, string?> uriOfPath)
    {
        var rule = linted.Catalog.Find(finding.RuleId);
        var related = finding.Related
            .Select(place => uriOfPath(place.Path) is { } uri ? new DiagnosticRelatedInformation(new Location(uri, LineRange(place.Line)), place.Description) : null)
            .OfType<DiagnosticRelatedInformation>()
            .ToList();
        return new Diagnostic(linted.Positions.Of(finding.Span), Severity(finding.Level), finding.RuleId, Source, DiagnosticText.Of(finding))
        {
            CodeDescription = rule?.HelpUri is { } help ? new CodeDescription(help) : null,
            Tags = Tags(finding.RuleId),
            RelatedInformation = related.Count > 0 ? related : null,
        };
    }

    public static int Severity(Level level) => level switch
    {
        Level.Error => Lsp.SeverityError,
        Level.Warning => Lsp.SeverityWarning,
        _ => Lsp.SeverityInformation,
    };

    /// <summary>An unused ignore is dead text and a deprecated key is deprecated: editors fade or strike them.</summary>
    private static IReadOnlyList<int>? Tags(string ruleId) => ruleId switch
    {
        "MESH008" => [Lsp.TagUnnecessary],
        "MESH015" => [Lsp.TagDeprecated],
        _ => null,
    };

    /// <summary>A related place is known by its line (1-based) only: the start of that line.</summary>
    private static Protocol.Range LineRange(int line) => new(new Position(Math.Max(0, line - 1), 0), new Position(Math.Max(0, line - 1), 0));

    /// <summary>Whether two finding lists would show the same diagnostics, so an unchanged result is not sent again.</summary>
    public static bool Same(IReadOnlyList<Finding> left, IReadOnlyList<Finding> right) =>
        left.Count == right.Count && left.Zip(right).All(pair => pair.First.Span == pair.Second.Span && pair.First.RuleId == pair.Second.RuleId
            && pair.First.Level == pair.Second.Level && pair.First.Message == pair.Second.Message && pair.First.Related.SequenceEqual(pair.Second.Related));
}
