using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH003. Istio and the Vault injector decode these annotations when the pod is created; a
/// value that does not parse makes the injection webhook fail or drop the setting.
/// </summary>
internal sealed partial class AnnotationJsonMalformed : IObjectRule
{
    public void Check(ObjectCheck check)
    {
        if (check.Pod?.Annotations is not { } annotations)
        {
            return;
        }

        if (check.ProxyConfig is { Malformed: { } malformed } config)
        {
            Report(check, config.Entry, "YAML", malformed);
        }

        foreach (var key in JsonAnnotation.Keys)
        {
            if (annotations.Entry(key) is { Value: YamlScalar { Text: { } text } } entry && JsonAnnotation.Problem(text) is { } problem)
            {
                Report(check, entry, "JSON", problem);
            }
        }
    }

    private void Report(ObjectCheck check, YamlEntry entry, string language, SyntaxProblem problem) =>
        check.Report(Id, Messages.Default, entry.Key.Span, entry.Key.Value, [
            ("key", entry.Key.Value),
            ("language", language),
            ("reason", problem.Message),
            ("line", problem.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("column", problem.Position.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
}
