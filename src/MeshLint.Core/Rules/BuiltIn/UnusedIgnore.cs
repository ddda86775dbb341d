using MeshLint.Findings;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH008. An ignore annotation or comment that covers no finding: reported by the engine once every
/// other rule has run on the object or file, since only then is it known what each ignore covered.
/// </summary>
internal sealed partial class UnusedIgnore : IEngineRule
{
    public string ReportedBy => "the ignore ledger, after every rule has run";

    /// <summary>Reports the object's <c>meshlint.dev/ignore</c> annotations that covered nothing (<paramref name="unused"/>: each ignore with the rule it names, null for all).</summary>
    public static void ReportAnnotations(ObjectCheck check, IEnumerable<(InlineIgnore Ignore, string? Rule)> unused, Func<string, Level?> levelOf)
    {
        foreach (var (ignore, rule) in unused)
        {
            if (rule is not null && check.Catalog.Find(rule) is null)
            {
                check.Report(RuleId, Messages.UnknownRule, ignore.At, "ignore:" + rule, [("rule", rule), ("where", $"{check.Object.DisplayName}: {InlineIgnore.AnnotationKey}")]);
            }
            else if (rule is null || levelOf(rule) is not null)
            {
                // A rule the configuration turns off reports nothing by design; its ignore is not stale.
                check.Report(RuleId, rule is null ? Messages.AnnotationAll : Messages.Annotation, ignore.At, "ignore:" + (rule ?? "*"), [("rule", rule ?? "*"), ("annotation", InlineIgnore.AnnotationKey)]);
            }
        }
    }

    /// <summary>The findings for a file's <c># meshlint:ignore</c> comments that covered nothing.</summary>
    public static IEnumerable<Finding> ReportComments(RuleCatalog catalog, Level configured, string path, IEnumerable<(InlineIgnore Ignore, string? Rule)> unused, Func<string, Level?> levelOf)
    {
        var rule = catalog[RuleId];
        foreach (var (ignore, ruleId) in unused)
        {
            var key = ruleId is null ? Messages.CommentAll : catalog.Find(ruleId) is null ? Messages.UnknownRule : Messages.Comment;
            if (key == Messages.Comment && levelOf(ruleId!) is null)
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["rule"] = ruleId ?? "*", ["where"] = "this meshlint:ignore comment" };
            // Comments have no object to anchor to; the reason text keeps two stale comments in a file apart.
            yield return RuleFindings.Make(rule, configured, key, values, path, ignore.At, $"comment:{ruleId ?? "*"}:{ignore.Reason}");
        }
    }
}
