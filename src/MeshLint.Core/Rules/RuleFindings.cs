using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Parsing;

namespace MeshLint.Rules;

/// <summary>The one way a rule's finding is made, by object rules and engine rules alike.</summary>
internal static class RuleFindings
{
    /// <summary>
    /// The rule's message <paramref name="messageKey"/> filled with <paramref name="values"/>, at the
    /// level the configuration gives the rule (lowered as far as a finding's own level is below the
    /// rule's default), with the fingerprint baselines match: the rule, the file, the object and the
    /// <paramref name="anchor"/> that tells this finding from the object's others, never positions.
    /// </summary>
    public static Finding Make(
        RuleDescriptor rule,
        Level configured,
        string messageKey,
        IReadOnlyDictionary<string, string> values,
        string path,
        SourceSpan at,
        string anchor,
        Level? reported = null,
        ObjectIdentity? subject = null,
        Fix? fix = null,
        IReadOnlyList<RelatedLocation>? related = null,
        string? assumes = null)
    {
        var message = rule.Format(messageKey, values);
        var (summary, details) = Finding.Assumed(message.Summary, message.Details, assumes);
        return new Finding(path, at, rule.Id, rule.Name, rule.LevelAt(configured, reported), summary, subject?.Display, Fingerprint.Of(rule.Id, path, subject?.Id, anchor))
        {
            Details = details,
            Related = related ?? [],
            Fix = fix,
            Assumption = assumes,
            Anchor = anchor,
        };
    }
}

/// <summary>The object a finding is about: as findings show it (<c>Deployment/payments</c>), and as fingerprints hash it (kind/namespace/name).</summary>
internal sealed record ObjectIdentity(string Display, string Id);
