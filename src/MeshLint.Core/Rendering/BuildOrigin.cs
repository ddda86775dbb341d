using System.Text.RegularExpressions;
using MeshLint.Findings;
using MeshLint.Input;

namespace MeshLint.Rendering;

/// <summary>How a build made the objects it stands for, for the words that name it on a finding.</summary>
internal enum BuildKind
{
    /// <summary><c>kustomize build</c> (or <c>kubectl kustomize</c>) of a kustomization.</summary>
    Kustomize,

    /// <summary><c>helm template</c> of a chart with one set of values.</summary>
    Helm,

    /// <summary>A kustomization that could not be built: its namespace and labels applied in process.</summary>
    InProcess,
}

/// <summary>
/// Output that stands in for the files it was made from (a kustomization's build, a chart's render):
/// it carries each finding in the output back to the file and line a raw scan of that file would
/// report it at, or drops it (null) when it belongs to no file the scan reports on.
/// </summary>
internal interface IBuildOrigin : IFileOrigin
{
    BuildKind Kind { get; }

    Finding? Map(Finding finding);
}

/// <summary>Findings of several builds, carried back to their sources: one per source line and rule, naming every build that produces it.</summary>
internal static partial class BuildFindings
{
    public static List<Finding> Merge(IEnumerable<(Finding Finding, IBuildOrigin Origin)> mapped)
    {
        var merged = new List<Finding>();
        foreach (var group in mapped.GroupBy(item => (item.Finding.Path, item.Finding.Start.Line, item.Finding.RuleId, Suppressed: item.Finding.IgnoredBy is not null)))
        {
            var first = group.First().Finding;
            var named = group.GroupBy(item => item.Origin.Kind).Select(kind => Describe(kind.Key, kind.Select(item => item.Origin.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
            merged.Add(first.From(string.Join("; ", named)));
        }

        return merged;
    }

    /// <summary>
    /// What tells a finding from a build apart from the others of its rule on the same source, for its
    /// fingerprint: the object (unless a build renames it, as a kustomization's namePrefix does) and
    /// the key the rule anchored it to. Never the message, whose words may change between releases.
    /// </summary>
    public static string Identity(Finding finding, bool withObject = true) =>
        withObject ? $"{finding.Object}|{finding.Anchor}" : finding.Anchor;

    /// <summary>Replaces <c>path:line</c> references to built output in a message with the source places they came from.</summary>
    public static string MapReferences(string message, string builtPath, Func<int, (string Path, int Line)?> mapLine)
    {
        if (!message.Contains(builtPath, StringComparison.Ordinal))
        {
            return message;
        }

        return Regex.Replace(message, Regex.Escape(builtPath) + @":(\d+)", match =>
            int.TryParse(match.Groups[1].Value, out var line) && mapLine(line) is { } source ? $"{source.Path}:{source.Line}" : match.Value);
    }

    /// <summary>Related locations in built output, moved to their sources (dropped where none is known).</summary>
    public static IReadOnlyList<RelatedLocation> MapRelated(IReadOnlyList<RelatedLocation> related, string builtPath, Func<int, (string Path, int Line)?> mapLine) =>
        related.Select(location => location.Path != builtPath ? location
            : mapLine(location.Line) is { } source ? location with { Path = source.Path, Line = source.Line } : null)
            .OfType<RelatedLocation>()
            .ToList();

    private static string Describe(BuildKind kind, List<string> labels) => kind switch
    {
        BuildKind.Kustomize => $"as built by kustomize in {Join(labels)}",
        BuildKind.Helm => $"as rendered by helm with {Join(labels)}",
        _ => $"with the namespace and labels of {Join(labels)}, which could not be built",
    };

    /// <summary>The builds' names, the first three of a long list (a chart with many ci values files) and how many more.</summary>
    private static string Join(List<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        > 4 => $"{string.Join(", ", items.Take(3))} and {items.Count - 3} more",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
