using MeshLint.Findings;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;
using MeshLint.Registry.Values;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH016. Judges every Istio and Vault label and annotation value against the value type its
/// registry entry names. An error where the injection webhook denies the pod for it
/// (<c>rejectedByInjector</c>), a warning where the value is accepted and then ignored or misread.
/// A value YAML reads as a boolean or number is MESH007's; CIDR lists, JSON and ProxyConfig texts
/// are MESH006's, MESH003's and MESH004's.
/// </summary>
internal sealed partial class MeshValueInvalid : IObjectRule
{
    private const string Rejected = "rejected";

    private const string Misread = "misread";

    public string Id => "MESH016";

    public IReadOnlyList<string> MessageKeys => [Rejected, Misread];

    public void Check(ObjectCheck check)
    {
        foreach (var site in MetadataSite.Of(check.Object))
        {
            var onPod = site.LandsOnKind == "Pod";
            Judge(check, site.Annotations, KeyKind.Annotation, onPod);
            Judge(check, site.Labels, KeyKind.Label, onPod);
        }
    }

    private void Judge(ObjectCheck check, YamlMapping? map, KeyKind kind, bool onPod)
    {
        if (map is null)
        {
            return;
        }

        var context = new ValueContext(key => map.Entry(key)?.Value is YamlScalar { Type: ScalarType.String or ScalarType.Null } sibling ? sibling.Text ?? string.Empty : null);
        foreach (var entry in map.Entries)
        {
            if (entry.Value is not YamlScalar { Type: ScalarType.String or ScalarType.Null } scalar
                || KeyRegistry.BuiltIn.Find(entry.Key.Value, kind) is not { } key
                || ValueTypes.Find(key.Value.Name) is not { } type)
            {
                continue;
            }

            var value = scalar.Text ?? string.Empty;
            if (IsPlaceholder(value) || type.Check(value, key.Value, context) is not { } problem)
            {
                continue;
            }

            // Only a pod reaches the injection webhooks; elsewhere the value would be rejected once moved there.
            var vault = key.Name.StartsWith("vault.hashicorp.com/", StringComparison.Ordinal);
            var injector = vault ? "the Vault Agent injector" : "Istio's sidecar injector";
            var rejectable = key.RejectedByInjector && !problem.PassesInjector;
            var rejected = rejectable && onPod;
            var consequence = rejectable
                ? $"{injector} would reject a pod that carried it"
                : key.WhenInvalid ?? (vault
                    ? "the Vault injector passes it on unchecked and Vault Agent does not apply it as written"
                    : "Istio does not validate it, and the setting does not take effect as written");
            check.Report(
                Id,
                rejected ? Rejected : Misread,
                entry.Key.Span,
                entry.Key.Value,
                [
                    ("key", entry.Key.Value),
                    ("what", kind == KeyKind.Label ? "label" : "annotation"),
                    ("value", value),
                    ("problem", problem.Reason),
                    ("injector", injector),
                    ("consequence", consequence),
                    ("expected", type.Expected(key.Value)),
                ],
                rejected ? null : Level.Warning);
        }
    }

    /// <summary>
    /// Text that a later step replaces: a Go template action (Helm), an environment reference
    /// (envsubst, ${VAR} or $(VAR)), or an upper-case name such as MYSQL_PORT_PLACEHOLDER that a
    /// Kustomize replacement overwrites. No typed Istio or Vault value has that shape.
    /// </summary>
    private static bool IsPlaceholder(string value) =>
        value.Contains("{{", StringComparison.Ordinal) || value.Contains("${", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal)
        || UpperSnakeName().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\z")]
    private static partial System.Text.RegularExpressions.Regex UpperSnakeName();
}
