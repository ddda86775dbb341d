using MeshLint.Fixes;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH001. Without holdApplicationUntilProxyStarts, Kubernetes starts the app container right after
/// istio-proxy is created, not after it is ready; istio-init's iptables redirect (or Istio CNI's) is
/// already in place, so the app's first outbound connections hit a closed Envoy listener
/// (ECONNREFUSED). The start-up model decides whether the app waits for a ready proxy; an app that
/// runs as UID 1337 still counts, since that takes it out of the mesh, which is another problem.
/// </summary>
internal sealed partial class ProxyStartHoldMissing : IObjectRule
{
    private const string Field = "holdApplicationUntilProxyStarts";

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Judged: true } startup || startup.AppWaitsForProxy.On)
        {
            return;
        }

        if (startup.Shape.Native)
        {
            // A native sidecar without its startup probe: the kubelet starts the app once Envoy's process runs.
            check.Report(Id, Messages.NativeWithoutProbe, startup.At, "hold", [("native", startup.Shape.Why), ("reason", startup.Injection.Why)], assumes: startup.Shape.Assumption);
            return;
        }

        var config = check.ProxyConfig;
        if (config is { Usable: true, Hold: false })
        {
            return; // an explicit false is a deliberate choice
        }

        var reason = startup.Shape.OptedOut ? $"{startup.Injection.Why}; {startup.Shape.Why}" : startup.Injection.Why;
        if (check.Mesh.Settings?.LeftUnset(MeshWideSetting.Hold) is { } unset)
        {
            reason += $"; the nearest control plane of revision {check.Mesh.Revision}, {unset}, leaves the hold unset";
        }

        var values = new[] { ("reason", reason), ("unapplied", Unapplied(check.Mesh.UnappliedHoldCover)) };
        if (config is { Usable: false })
        {
            check.Report(Id, Messages.InvalidConfig, startup.At, "hold", values, related: check.DecidingSources(MeshWideSetting.Hold), assumes: startup.Shape.Assumption);
        }
        else
        {
            var fix = check.Pod is { } pod ? Hold(check.Edits, pod, config) : null;
            check.Report(Id, check.Mesh.IsManaged ? Messages.MissingManaged : Messages.Missing, startup.At, "hold", values, fix: fix, related: check.DecidingSources(MeshWideSetting.Hold), assumes: startup.Shape.Assumption);
        }
    }

    /// <summary>
    /// Adds the hold to the pod's own proxy.istio.io/config, in the form it is written in (a YAML
    /// line, a JSON member), or adds the annotation. Safe: the app then starts once Envoy is ready,
    /// which is what the pod needs; nothing else about it changes.
    /// </summary>
    private static Fix? Hold(YamlEdits? edits, PodTemplate pod, ProxyConfigAnnotation? config)
    {
        if (edits is null)
        {
            return null;
        }

        TextEdit? edit;
        if (config is null)
        {
            edit = edits.AddAnnotation(pod, ProxyConfigAnnotation.Key, NewValue.String($"{{\"{Field}\": true}}"));
        }
        else if (pod.Annotations is not { } annotations || !YamlEdits.Owned(annotations, config.Entry) || config.Entry.Value is not YamlScalar holder)
        {
            return null;
        }
        else if (holder.Type == ScalarType.Null || holder.Value.Trim().Length == 0)
        {
            edit = edits.ReplaceScalar(holder, YamlEdits.Scalar($"{{\"{Field}\": true}}", holder.IsPlain ? YamlDotNet.Core.ScalarStyle.SingleQuoted : holder.Style));
        }
        else if (edits.InEmbedded(holder, (inner, root) => Misspelt(root) is { } typo && IsTrue(typo.Value) ? inner.RenameKey(typo.Key, Field) : null) is { } rename)
        {
            // "holdApplicationUntilProxyStart: true" meant the hold: naming it right is the hold, and
            // better than a second key beside the typo (MESH004 reports the typo, unsafe alone).
            return new Fix($"rename the misspelt field to {Field} (its value true then holds the app)", FixSafety.Safe, [rename]).Guarding(edits.Map, holder);
        }
        else
        {
            // A misspelt hold set to anything but true says what the author wanted less clearly than
            // a fix may guess: adding the hold beside "…Start: false" would overrule it.
            edit = edits.AddToEmbedded(holder, Field, NewValue.Raw("true"), unless: root => Misspelt(root) is not null);
        }

        var fix = Fix.Of($"set {Field}: true in {ProxyConfigAnnotation.Key}", FixSafety.Safe, edit);
        return config is null ? fix : fix?.Guarding(edits.Map, config.Entry.Value);
    }

    /// <summary>An unknown field whose one nearest ProxyConfig name is the hold's: a typo of it.</summary>
    private static YamlEntry? Misspelt(YamlMapping config)
    {
        var fields = ProxyConfigSchema.TopLevelFields;
        return config.Entries.FirstOrDefault(entry => entry.Key.Value != Field && !fields.Contains(entry.Key.Value)
            && ClosestName.FindUnique(entry.Key.Value, fields) == Field);
    }

    private static bool IsTrue(YamlNode value) => value is YamlScalar { Type: ScalarType.Bool } flag && YamlScalarTypes.IsTrueWord(flag.Value);

    private static string Unapplied(MeshSetting? setting) =>
        setting is null ? string.Empty : $" ({setting.Setting} at {setting.Source} does not apply there)";
}
