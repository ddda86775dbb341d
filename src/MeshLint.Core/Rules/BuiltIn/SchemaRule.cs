using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// Runs a rule that is pure data: its <see cref="SchemaCheck"/> against each target it names.
/// MESH005 and MESH007 are written this way, and so are user rules.
/// </summary>
public sealed class SchemaRule(RuleDescriptor rule) : IObjectRule
{
    private readonly SchemaCheck check = rule.Check ?? throw new ArgumentException($"rule {rule.Id} has no check", nameof(rule));

    public string Id => rule.Id;

    public void Check(ObjectCheck context)
    {
        if (check.InjectedOnly && (context.Pod is null || !context.Injection.Injected))
        {
            return;
        }

        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        foreach (var target in check.Targets)
        {
            foreach (var node in Nodes(context, target))
            {
                if (!seen.Add(node))
                {
                    continue;
                }

                foreach (var failure in check.Failures(node))
                {
                    context.Report(Id, check.MessageKey, failure.At, failure.JsonPath, [
                        ("key", failure.Key),
                        ("path", failure.JsonPath),
                        ("valueType", failure.ValueType),
                        ("property", failure.Property ?? failure.Key),
                    ]);
                }
            }
        }
    }

    private static IEnumerable<YamlNode> Nodes(ObjectCheck context, CheckTarget target)
    {
        var pod = context.Pod;
        switch (target)
        {
            case CheckTarget.ObjectMetadata when context.Object.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.WorkloadMetadata when pod is { IsPod: false } && context.Object.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.PodTemplateMetadata when pod?.Metadata is { } metadata:
                yield return metadata;
                break;
            case CheckTarget.PodSpec when pod?.Spec is { } spec:
                yield return spec;
                break;
            case CheckTarget.Container when pod?.Spec is { } spec:
                foreach (var list in new[] { "initContainers", "containers" })
                {
                    foreach (var container in spec.Sequence(list)?.Items ?? [])
                    {
                        yield return container;
                    }
                }

                break;
            case CheckTarget.IstioOperator when Mesh.MeshContextBuilder.IsIstioOperator(context.Object) && context.Object.Root.Mapping("spec") is { } spec:
                yield return spec;
                break;
        }
    }
}
