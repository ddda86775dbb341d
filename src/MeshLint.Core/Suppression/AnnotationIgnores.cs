using MeshLint.Findings;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Rules;

namespace MeshLint.Suppression;

/// <summary>
/// Reads <c>meshlint.dev/ignore</c> (and <c>meshlint.dev/ignore-reason</c>) from a workload's own
/// metadata and from its pod template: Helm charts often let users set only pod annotations.
/// </summary>
internal static class AnnotationIgnores
{
    public static IReadOnlyList<InlineIgnore> Of(KubeObject obj, PodTemplate? pod, RuleCatalog catalog)
    {
        var ignores = new List<InlineIgnore>(0);
        Add(obj.Metadata?.Mapping("annotations"));
        if (pod is { IsPod: false })
        {
            Add(pod.Annotations);
        }

        return ignores;

        void Add(YamlMapping? annotations)
        {
            if (annotations?.Entry(InlineIgnore.AnnotationKey) is { Value: YamlScalar { Text: { Length: > 0 } list } } entry)
            {
                var reason = annotations.Text(InlineIgnore.ReasonAnnotationKey);
                ignores.Add(new InlineIgnore(IgnoreSource.Annotation, IgnoredRules.Parse(list, catalog), reason, entry.Key.Span));
            }
        }
    }
}
