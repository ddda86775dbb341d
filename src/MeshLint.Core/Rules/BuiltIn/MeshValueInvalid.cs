using MeshLint.Findings;
using MeshLint.Fixes;
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
/// are MESH006's, MESH003's and MESH004's. Keys whose value belongs to another system
/// (<c>foreignValue</c>: Prometheus' <c>prometheus.io/*</c>, which Istio 1.30's
/// <c>pkg/kube/inject/webhook.go</c> <c>applyPrometheusMerge</c> copies into the proxy's environment
/// unchecked and <c>validate.go</c>'s <c>AnnotationValidation</c> never reads) are not judged.
/// </summary>
internal sealed partial class MeshValueInvalid : IObjectRule
{
    private const string InterceptionMode = "sidecar.istio.io/interceptionMode";

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
                || KeyRegistry.BuiltIn.Find(entry.Key.Value, kind) is not { ForeignValue: false } key
                || ValueTypes.Find(key.Value.Name) is not { } type)
            {
                continue;
            }

            // What sidecar.istio.io/nativeSidecar's value does depends on the release (1.24-1.26 take only
            // "true", 1.27 and later anything but "false"): MESH017 judges it against the target.
            if (onPod && key.Name == Startup.PodShape.AnnotationKey)
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
                rejected ? Messages.Rejected : Messages.Misread,
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
                rejected ? null : Level.Warning,
                Repair(check, scalar, key, type, context));
        }
    }

    /// <summary>
    /// The value as it was meant, when that is beyond doubt: a port or interface list without the
    /// spaces and empty items around its names, or interceptionMode in the case Istio compares. Safe:
    /// the list keeps its items and the mode its word. Offered only when the result passes the type,
    /// so the fix always removes the finding.
    /// </summary>
    private static Fix? Repair(ObjectCheck check, YamlScalar scalar, KeyEntry key, IValueType type, ValueContext context)
    {
        var value = scalar.Text ?? string.Empty;
        var repaired = type.Name switch
        {
            "port-list" or "interface-list" => string.Join(',', value.Split(',', StringSplitOptions.TrimEntries).Where(item => item.Length > 0)),
            "enum" when key.Name == InterceptionMode => key.Value.Words("values").SingleOrDefault(word => string.Equals(word, value.Trim(), StringComparison.OrdinalIgnoreCase)),
            _ => null,
        };
        if (repaired is null || repaired == value || repaired.Length == 0 || type.Check(repaired, key.Value, context) is not null)
        {
            return null;
        }

        var description = type.Name == "enum" ? $"write {key.Name} as {repaired}" : $"drop the spaces and empty items of {key.Name}";
        return Fix.Of(description, FixSafety.Safe, check.Edits?.ReplaceScalar(scalar, YamlEdits.Scalar(repaired, scalar.Style)));
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
