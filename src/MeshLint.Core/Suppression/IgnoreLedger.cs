using MeshLint.Findings;

namespace MeshLint.Suppression;

/// <summary>
/// Applies inline ignores to findings and remembers which rule of which ignore covered anything,
/// so an ignore that no longer matches can be reported instead of piling up.
/// </summary>
internal sealed class IgnoreLedger
{
    private readonly Dictionary<InlineIgnore, HashSet<string>> used = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks each not-yet-ignored finding from index <paramref name="from"/> on that one of the ignores covers.</summary>
    public void Apply(IReadOnlyList<InlineIgnore> ignores, List<Finding> findings, int from, Func<Finding, InlineIgnore, bool> applies)
    {
        if (ignores.Count == 0)
        {
            return;
        }

        for (var i = from; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (finding.IgnoredBy is not null)
            {
                continue;
            }

            foreach (var ignore in ignores)
            {
                if (ignore.Covers(finding.RuleId) && applies(finding, ignore))
                {
                    findings[i] = finding with { IgnoredBy = ignore };
                    if (!used.TryGetValue(ignore, out var rules))
                    {
                        used[ignore] = rules = new HashSet<string>(StringComparer.Ordinal);
                    }

                    rules.Add(finding.RuleId);
                    break;
                }
            }
        }
    }

    /// <summary>The ignores (and, for a rule list, the rules in them) that covered nothing; Rule is null for <c>*</c>.</summary>
    public IEnumerable<(InlineIgnore Ignore, string? Rule)> Unused(IEnumerable<InlineIgnore> ignores)
    {
        foreach (var ignore in ignores)
        {
            var rules = used.GetValueOrDefault(ignore);
            if (ignore.CoversAll)
            {
                if (rules is null)
                {
                    yield return (ignore, null);
                }

                continue;
            }

            foreach (var rule in ignore.Rules)
            {
                if (rules is null || !rules.Contains(rule))
                {
                    yield return (ignore, rule);
                }
            }
        }
    }
}
