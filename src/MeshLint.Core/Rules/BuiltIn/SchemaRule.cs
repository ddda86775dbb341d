using MeshLint.Fixes;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// Runs a rule that is pure data: its <see cref="SchemaCheck"/> against each target it names.
/// MESH007 is written this way, and so are user rules.
/// </summary>
internal sealed class SchemaRule(RuleDescriptor rule) : IObjectRule
{
    private readonly SchemaCheck check = rule.Check ?? throw new ArgumentException($"rule {rule.Id} has no check", nameof(rule));

    public string Id => rule.Id;

    public IReadOnlyList<string> MessageKeys => [check.MessageKey];

    public void Check(ObjectCheck context)
    {
        if (check.InjectedOnly && !context.Injection.Injected)
        {
            return;
        }

        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        foreach (var target in check.Targets)
        {
            foreach (var node in context.Targets(target))
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
                    ], fix: FixOf(context, failure));
                }
            }
        }
    }

    private Fix? FixOf(ObjectCheck context, SchemaFailure failure) => check.Fix switch
    {
        SchemaFix.QuoteValue => QuoteValue(context.Edits, failure),
        _ => null,
    };

    /// <summary>
    /// <c>true</c> becomes <c>"true"</c>, <c>1.10</c> <c>"1.10"</c>: the text as written, now a string.
    /// A value reached through an alias is left alone: the anchor's other uses may want the number.
    /// </summary>
    private static Fix? QuoteValue(YamlEdits? edits, SchemaFailure failure)
    {
        if (edits is null || failure.Node is not YamlScalar { IsPlain: true, Tag: null, Type: not (ScalarType.String or ScalarType.Null) } scalar
            || YamlEdits.Before(scalar.Start, failure.At.End))
        {
            return null;
        }

        return Fix.Of($"quote {scalar.Value} as \"{scalar.Value}\"", FixSafety.Safe, edits.ReplaceScalar(scalar, YamlEdits.DoubleQuoted(scalar.Value)));
    }
}
