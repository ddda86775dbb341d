using System.Text;
using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Parsing;

namespace MeshLint.Scanning;

/// <summary>
/// Applies the fixes of one file's findings to its text. Fixes whose edits touch are not applied
/// together: the first is, the others wait for the next pass, when the file has been linted again
/// and they are built on the new text.
/// </summary>
internal static class FixApplier
{
    public sealed record Applied(string Text, IReadOnlyList<Finding> Fixed);

    public static Applied Apply(string text, IEnumerable<Finding> findings)
    {
        var accepted = new List<TextEdit>();
        var taken = new List<(int Offset, int End)>();
        var fixedFindings = new List<Finding>();
        foreach (var finding in findings.Where(finding => finding.Fix is not null).OrderBy(finding => finding.Fix!.Edits.Min(edit => edit.Offset)).ThenBy(finding => finding.RuleId, StringComparer.Ordinal))
        {
            var edits = finding.Fix!.Edits;
            var footprint = finding.Fix.Footprint.ToList();
            if (edits.Any(edit => edit.Offset < 0 || edit.End > text.Length) || footprint.Any(range => taken.Any(other => Touch(range, other))) || SelfOverlapping(edits))
            {
                continue;
            }

            accepted.AddRange(edits);
            taken.AddRange(footprint);
            fixedFindings.Add(finding);
        }

        var builder = new StringBuilder(text);
        foreach (var edit in accepted.OrderByDescending(edit => edit.Offset))
        {
            builder.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.Replacement);
        }

        return new Applied(builder.ToString(), fixedFindings);
    }

    /// <summary>Whether the text reads as YAML without a problem: a file with MESH000 is never edited, and an edit never makes one.</summary>
    public static bool ReadsCleanly(string text, out int documents)
    {
        documents = 0;
        foreach (var document in new YamlDocumentReader(text).Documents())
        {
            documents++;
            if (document.Problems.Count > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Touch((int Offset, int End) a, (int Offset, int End) b) => a.Offset <= b.End && b.Offset <= a.End;

    private static bool Touch(TextEdit a, TextEdit b) => Touch((a.Offset, a.End), (b.Offset, b.End));

    private static bool SelfOverlapping(IReadOnlyList<TextEdit> edits)
    {
        for (var i = 0; i < edits.Count; i++)
        {
            for (var j = i + 1; j < edits.Count; j++)
            {
                if (Touch(edits[i], edits[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
