using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Rules;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using MeshFix = MeshLint.Fixes.Fix;

namespace MeshLint.Reports;

/// <summary>
/// SARIF 2.1.0 through Sarif.Sdk's object model: every rule with its documentation, results with
/// repository-relative locations under %SRCROOT% and line-independent partial fingerprints.
/// </summary>
/// <param name="category">
/// GitHub code scanning keeps one set of alerts per category (automationDetails.id), so two scans
/// of one repository with different categories do not replace each other's alerts.
/// </param>
public sealed class SarifReport(RuleCatalog catalog, string toolVersion, string category = SarifReport.DefaultCategory) : IReport
{
    public const string FingerprintKey = "meshlint/v1";

    public const string DefaultCategory = "meshlint";

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Serializes the SARIF SDK's model, whose assembly and Newtonsoft.Json the Native AOT build keeps whole (MeshLint.Cli.csproj, Aot.Roots.xml); the whole test suite runs against that binary, SARIF output included.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Serializes the SARIF SDK's model, whose assembly and Newtonsoft.Json the Native AOT build keeps whole (MeshLint.Cli.csproj, Aot.Roots.xml); the whole test suite runs against that binary, SARIF output included.")]
    public void Write(LintResult result, TextWriter writer)
    {
        var log = Build(result);
        var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };
        writer.Write(JsonConvert.SerializeObject(log, settings));
        writer.WriteLine();
    }

    public SarifLog Build(LintResult result)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var descriptors = new List<ReportingDescriptor>();
        foreach (var rule in catalog.Rules)
        {
            ruleIndex[rule.Id] = descriptors.Count;
            descriptors.Add(new ReportingDescriptor
            {
                Id = rule.Id,
                Name = rule.Name,
                ShortDescription = new MultiformatMessageString { Text = rule.Summary },
                FullDescription = new MultiformatMessageString { Text = rule.Description },
                Help = new MultiformatMessageString { Text = rule.Description, Markdown = rule.Documentation.Length > 0 ? rule.Documentation : rule.Description },
                HelpUri = rule.HelpUri is { } help ? new Uri(help) : null,
                DefaultConfiguration = new ReportingConfiguration { Level = ToSarif(rule.DefaultLevel) },
            });
        }

        // With a baseline, accepted findings stay in the log marked "unchanged" and new ones "new";
        // inline-ignored findings stay too, with an inSource suppression, as code scanning expects.
        BaselineState? state = result.Baseline is null ? null : BaselineState.New;
        var results = result.Findings.Select(finding => ToResult(finding, ruleIndex, state))
            .Concat((result.Baseline?.Unchanged ?? []).Select(finding => ToResult(finding, ruleIndex, BaselineState.Unchanged)))
            .Concat(result.Suppressed.Select(finding => ToResult(finding, ruleIndex, null)))
            .ToList();

        return new SarifLog
        {
            SchemaUri = new Uri("https://json.schemastore.org/sarif-2.1.0.json"),
            Version = SarifVersion.Current,
            Runs =
            [
                new Run
                {
                    Tool = new Tool
                    {
                        Driver = new ToolComponent
                        {
                            Name = "MeshLint",
                            Version = toolVersion,
                            SemanticVersion = toolVersion,
                            InformationUri = new Uri("https://github.com/meshlint/meshlint"),
                            Rules = descriptors,
                        },
                    },
                    OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>
                    {
                        ["%SRCROOT%"] = new ArtifactLocation { Description = new Message { Text = "The directory MeshLint was run from." } },
                    },
                    Results = results,
                    AutomationDetails = new RunAutomationDetails { Id = $"{category.TrimEnd('/')}/" },
                    ColumnKind = ColumnKind.Utf16CodeUnits,
                },
            ],
        };
    }

    /// <summary>The SARIF result property that carries a finding's assumed target (<see cref="Finding.Assumption"/>).</summary>
    public const string AssumptionProperty = "meshlint/assumedTarget";

    /// <summary>The SARIF result properties that carry a finding's one-line summary and its details; <c>message.text</c> is both, summary first.</summary>
    public const string SummaryProperty = "meshlint/summary";

    public const string DetailsProperty = "meshlint/details";

    private static Result ToResult(Finding finding, IReadOnlyDictionary<string, int> ruleIndex, BaselineState? state)
    {
        var sarif = NewResult(finding, ruleIndex, state);
        sarif.SetProperty(SummaryProperty, finding.Summary);
        sarif.SetProperty(DetailsProperty, finding.Details);
        if (finding.Assumption is { } assumption)
        {
            sarif.SetProperty(AssumptionProperty, assumption);
        }

        return sarif;
    }

    private static Result NewResult(Finding finding, IReadOnlyDictionary<string, int> ruleIndex, BaselineState? state) => new()
    {
        RuleId = finding.RuleId,
        RuleIndex = ruleIndex.GetValueOrDefault(finding.RuleId, -1),
        Level = ToSarif(finding.Level),
        Message = new Message { Text = finding.Message },
        Locations =
        [
            new Location
            {
                PhysicalLocation = new PhysicalLocation
                {
                    ArtifactLocation = new ArtifactLocation { Uri = RelativeUri(finding.Path), UriBaseId = "%SRCROOT%" },
                    Region = new Region
                    {
                        StartLine = finding.Span.Start.Line,
                        StartColumn = finding.Span.Start.Column,
                        EndLine = Math.Max(finding.Span.End.Line, finding.Span.Start.Line),
                        EndColumn = finding.Span.End.Line > finding.Span.Start.Line || finding.Span.End.Column > finding.Span.Start.Column
                            ? finding.Span.End.Column
                            : finding.Span.Start.Column + 1,
                    },
                },
            },
        ],
        // The Namespace and control plane settings that decided it, so that code scanning can link to them.
        RelatedLocations = finding.Related.Count == 0 ? null : finding.Related.Select((related, index) => new Location
        {
            Id = index + 1,
            Message = new Message { Text = related.Description },
            PhysicalLocation = new PhysicalLocation
            {
                ArtifactLocation = new ArtifactLocation { Uri = RelativeUri(related.Path), UriBaseId = "%SRCROOT%" },
                Region = new Region { StartLine = related.Line },
            },
        }).ToList(),
        PartialFingerprints = new Dictionary<string, string> { [FingerprintKey] = finding.Fingerprint },
        BaselineState = state ?? BaselineState.None,
        Fixes = finding.Fix is { } fix ? [ToSarif(fix, finding.Path)] : null,
        Suppressions = finding.IgnoredBy is { } ignore
            ? [new Microsoft.CodeAnalysis.Sarif.Suppression { Kind = SuppressionKind.InSource, Status = SuppressionStatus.Accepted, Justification = ignore.Justification }]
            : null,
    };

    /// <summary>
    /// The fix as artifact changes that a SARIF viewer can apply: each edit deletes a region (empty
    /// for an insertion) and inserts text. Positions are on the file as it was scanned.
    /// </summary>
    private static Microsoft.CodeAnalysis.Sarif.Fix ToSarif(MeshFix fix, string path)
    {
        var sarif = new Microsoft.CodeAnalysis.Sarif.Fix
        {
            Description = new Message { Text = fix.IsSafe ? fix.Description : $"{fix.Description} (unsafe: review the change in behaviour)" },
            ArtifactChanges =
            [
                new ArtifactChange
                {
                    ArtifactLocation = new ArtifactLocation { Uri = RelativeUri(path), UriBaseId = "%SRCROOT%" },
                    Replacements = fix.Edits.Select(edit => new Replacement
                    {
                        DeletedRegion = new Region
                        {
                            StartLine = edit.Span.Start.Line,
                            StartColumn = edit.Span.Start.Column,
                            EndLine = edit.Span.End.Line,
                            EndColumn = edit.Span.End.Column,
                        },
                        InsertedContent = new ArtifactContent { Text = edit.Replacement },
                    }).ToList(),
                },
            ],
        };
        sarif.SetProperty("safety", fix.IsSafe ? "safe" : "unsafe");
        return sarif;
    }

    private static Uri RelativeUri(string path)
    {
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return new Uri(escaped, UriKind.RelativeOrAbsolute);
    }

    private static FailureLevel ToSarif(Level level) => level switch
    {
        Level.Error => FailureLevel.Error,
        Level.Warning => FailureLevel.Warning,
        _ => FailureLevel.Note,
    };
}
