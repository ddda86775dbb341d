using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH004. Istio decodes proxy.istio.io/config (and an IstioOperator's meshConfig.defaultConfig)
/// into ProxyConfig with protobuf's JSON rules: a wrong type makes the injection webhook reject
/// the pod; an unknown field is dropped without a word, and so is a field the target's Istio release
/// does not have yet, or no longer has.
/// </summary>
internal sealed partial class ProxyConfigInvalid : IIstioReleaseRule
{
    public void Check(ObjectCheck check) => Check(check, null);

    public void Check(ObjectCheck check, MinorRelease? istio)
    {
        if (check.ProxyConfig is { Malformed: null } config)
        {
            foreach (var issue in config.IssuesIn(istio))
            {
                var fix = check.Pod?.Annotations is { } annotations && YamlEdits.Owned(annotations, config.Entry) && config.Entry.Value is YamlScalar holder
                    ? Embedded(check.Edits, holder, [], issue.Repair)
                    : null;
                check.Report(Id, Messages.Annotation, config.Entry.Key.Span, issue.Field, Values(issue, "The sidecar injector rejects the pod."), issue.Level, fix);
            }
        }

        var meshConfig = check.MeshConfigObject;
        var (meshDefault, where) = meshConfig switch
        {
            { IsIstioOperator: true } obj => (obj.Root.At("spec", "meshConfig", "defaultConfig"), "spec.meshConfig.defaultConfig"),
            { IsIstiodValues: true } obj => (obj.Root.At("meshConfig", "defaultConfig"), "meshConfig.defaultConfig"),
            _ => (null, string.Empty),
        };
        if (meshDefault is not (null or YamlScalar { Type: ScalarType.Null }))
        {
            Report(check, ProxyConfigSchema.Validate(meshDefault, istio), where, span => span, repair => check.Edits is { } edits ? Repair(edits, meshDefault, repair) : null);
        }

        if (check.MeshConfigText is { } mesh
            && mesh.Root["defaultConfig"] is { } configMapDefault and not YamlScalar { Type: ScalarType.Null })
        {
            Report(check, ProxyConfigSchema.Validate(configMapDefault, istio), "data.mesh defaultConfig", mesh.Place, repair => mesh.Entry.Value is YamlScalar holder ? Embedded(check.Edits, holder, ["defaultConfig"], repair) : null);
        }
    }

    private void Report(ObjectCheck check, IReadOnlyList<ProxyConfigIssue> issues, string where, Func<SourceSpan, SourceSpan> place, Func<ProxyConfigRepair, Fix?> fix)
    {
        foreach (var issue in issues)
        {
            check.Report(Id, Messages.MeshDefault, place(issue.At), "defaultConfig." + issue.Field, [.. Values(issue, "Istio cannot decode this mesh config, so the install is rejected."), ("where", where)], issue.Level, issue.Repair is { } repair ? fix(repair) : null);
        }
    }

    /// <summary>A repair inside a YAML or JSON text held in a string (an annotation, data.mesh), under <paramref name="under"/>.</summary>
    private static Fix? Embedded(YamlEdits? edits, YamlScalar holder, IReadOnlyList<string> under, ProxyConfigRepair? repair)
    {
        if (edits is null || repair is null)
        {
            return null;
        }

        Fix? inner = null;
        var edit = edits.InEmbedded(holder, (innerEdits, root) =>
        {
            inner = Walk(root, under) is { } config ? Repair(innerEdits, config, repair) : null;
            return inner?.Edits is [var only] ? only : null;
        });
        return inner is null || edit is null ? null : new Fix(inner.Description, inner.Safety, [edit]).Guarding(edits.Map, holder);
    }

    /// <summary>
    /// Renaming a typo is unsafe: the field then takes effect, which the author meant but has never
    /// seen happen. A quoted boolean to a boolean is safe: Istio reads the value the author wrote.
    /// </summary>
    private static Fix? Repair(YamlEdits edits, YamlNode config, ProxyConfigRepair repair)
    {
        if (Walk(config, repair.Path.SkipLast(1).ToList()) is not YamlMapping parent || parent.Entry(repair.Path[^1]) is not { } entry || !YamlEdits.Owned(parent, entry))
        {
            return null;
        }

        return repair switch
        {
            RenameField rename when parent.Entry(rename.To) is null =>
                Fix.Of($"rename \"{entry.Key.Value}\" to \"{rename.To}\"", FixSafety.Unsafe, edits.RenameKey(entry.Key, rename.To)),
            UnquoteBoolean when entry.Value is YamlScalar { IsPlain: false, Value: "true" or "false" } quoted =>
                Fix.Of($"write \"{quoted.Value}\" as the boolean {quoted.Value}", FixSafety.Safe, edits.ReplaceScalar(quoted, quoted.Value)),
            _ => null,
        };
    }

    private static YamlNode? Walk(YamlNode node, IReadOnlyList<string> path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMapping mapping || mapping.Entry(key) is not { } entry || !YamlEdits.Owned(mapping, entry))
            {
                return null;
            }

            node = entry.Value;
        }

        return node;
    }

    /// <summary>
    /// The issue's words: its field and whether it is invalid or has no effect for the summary; the problem
    /// as a sentence, and for an error what Istio does then (<paramref name="rejection"/>), for the details.
    /// </summary>
    private static (string, string)[] Values(ProxyConfigIssue issue, string rejection) =>
    [
        ("problem", Sentence(issue.Message)),
        ("effect", issue.Level == Level.Error ? " " + rejection : string.Empty),
        ("field", issue.Field.Length == 0 ? "the value" : $"\"{issue.Field}\""),
        ("outcome", issue.Level == Level.Error ? "is invalid" : "has no effect"),
    ];

    private static string Sentence(string clause) =>
        (clause.Length > 0 && char.IsLower(clause[0]) ? char.ToUpperInvariant(clause[0]) + clause[1..] : clause) + (clause.EndsWith('?') ? string.Empty : ".");
}
