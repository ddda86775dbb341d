using System.Globalization;
using System.Text;
using MeshLint.Mesh;
using MeshLint.Registry;
using MeshLint.Server.Documents;
using MeshLint.Server.Protocol;
using MeshLint.Startup;

namespace MeshLint.Server.Features;

/// <summary>
/// Hover: on an Istio or Vault annotation or label key, its registry entry; on a pod template's
/// <c>metadata:</c> or a workload's <c>kind:</c>, the pod's modelled start-up and shutdown.
/// </summary>
internal static class Hovers
{
    /// <summary>The key under the cursor and what it is about, or null when the cursor is on nothing the server explains.</summary>
    public static (OutlineEntry Entry, ObjectContext Context)? Target(LineIndex lines, Position position)
    {
        if (position.Line < 0 || position.Line >= lines.LineCount)
        {
            return null;
        }

        var outline = YamlOutline.Of(lines, position.Line);
        if (outline.EntryAt(position.Line) is not { } entry || position.Character < entry.Column || position.Character > entry.KeyEnd)
        {
            return null;
        }

        return (entry, ObjectContext.At(outline, position.Line, entry.Column));
    }

    /// <summary>The registry entry of a key written in <c>labels</c> or <c>annotations</c>, in Markdown; null for a key the registry does not know.</summary>
    public static string? ForKey(OutlineEntry entry, ObjectContext context)
    {
        var site = context.MetadataSite;
        var kind = site?.Kind ?? (context.Path.Count > 0 && context.Path[^1] == "labels" ? KeyKind.Label : context.Path.Count > 0 && context.Path[^1] == "annotations" ? KeyKind.Annotation : (KeyKind?)null);
        if (kind is not { } keyKind || KeyRegistry.BuiltIn.Find(entry.Key, keyKind) is not { } found)
        {
            return null;
        }

        return KeyHelp.Markdown(entry.Key, found, site is { } place ? (place.LandsOn, place.Where) : null);
    }

    /// <summary>
    /// The condensed <c>meshlint startup</c> view of the pod the entry belongs to, from the newest
    /// lint of the buffer; null when that lint modelled no such pod.
    /// </summary>
    public static string? ForPod(OutlineEntry entry, ObjectContext context, Linted linted)
    {
        if (!context.HasPods || !(context.IsKind(entry.Key) || context.IsPodTemplateMetadata(entry.Key)))
        {
            return null;
        }

        var name = $"{context.Kind}/{context.Name ?? "(unnamed)"}";
        var pod = linted.Pods
            .Where(candidate => candidate.Object == name)
            .OrderBy(candidate => Math.Abs(linted.Positions.Of(candidate.At.Start).Line - entry.Line))
            .FirstOrDefault();
        return pod is null ? null : PodHelp.Markdown(pod, linted.Assumptions);
    }
}

/// <summary>A key's registry entry in Markdown: what it does, where it goes, its value, its status and where Istio or Vault reads it.</summary>
internal static class KeyHelp
{
    /// <param name="site">The kind of object the key lands on where it is written, and how to name that place.</param>
    public static string Markdown(string key, KeyEntry entry, (string LandsOn, string Where)? site)
    {
        var owner = KeyDomain.IsVault(entry.Name) ? "Vault" : "Istio";
        var word = entry.Kind == KeyKind.Annotation ? "annotation" : "label";
        var text = new StringBuilder();
        var tags = new List<string> { $"{owner} {word}" };
        if (entry.FeatureStatus is { } status)
        {
            tags.Add(status.ToString());
        }

        if (entry.Deprecated)
        {
            tags.Add("deprecated");
        }

        text.Append(CultureInfo.InvariantCulture, $"**`{key}`** · {string.Join(" · ", tags)}\n\n");
        if (entry.IsPrefix)
        {
            text.Append(CultureInfo.InvariantCulture, $"One of the `{entry.Name}NAME` family.\n\n");
        }

        text.Append(entry.Description).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **applies to:** {string.Join(", ", entry.AppliesTo)}");
        if (entry.AppliesToKind("Pod") && !entry.AppliesTo.Contains("Any"))
        {
            text.Append(CultureInfo.InvariantCulture, $" — in a workload's pod template (`spec.template.metadata.{word}s`) or a Pod's own metadata");
        }

        text.Append('\n');
        if (site is { } place && !entry.AppliesToKind(place.LandsOn))
        {
            text.Append(CultureInfo.InvariantCulture, $"- **here:** on {place.Where}, whose {word}s land on a {place.LandsOn}: {owner} does not read it there (MESH005)\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- **value:** {Value(entry.Value)}\n");
        if (entry.Deprecated)
        {
            var successor = entry.Replacement is { } replacement
                ? $"use the {(replacement.Kind == KeyKind.Annotation ? "annotation" : "label")} `{replacement.Name}` instead"
                : entry.DeprecationNote ?? "no replacement is named";
            text.Append(CultureInfo.InvariantCulture, $"- **deprecated:** {successor}\n");
        }

        if (entry.WhenInvalid is { } invalid)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **a bad value:** {invalid}\n");
        }

        if (entry.RejectedByInjector)
        {
            text.Append("- **a bad value:** the injection webhook rejects the pod\n");
        }

        if (entry.WrittenByIstio || entry.WrittenByVault)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **written by:** {(entry.WrittenByIstio ? "Istio" : "the Vault Agent injector")} itself, on the objects it manages\n");
        }

        if (Releases(entry.History) is { } releases)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **releases:** {releases}\n");
        }

        if (entry.Hidden)
        {
            text.Append("- hidden from Istio's reference documentation\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- **read by:** {Source(entry)}\n");
        return text.ToString();
    }

    /// <summary>When Istio began to read the key, deprecated it and stopped reading it; null when no release is known (read in every one).</summary>
    private static string? Releases(KeyHistory history)
    {
        var parts = new List<string>();
        if (history.FirstRead is { } first)
        {
            parts.Add($"read since Istio {first}");
        }
        else if (history.Added is { } added)
        {
            parts.Add($"read since Istio {added} or earlier");
        }

        if (history.DeprecatedIn is { } deprecated)
        {
            parts.Add($"deprecated in {deprecated}");
        }

        if (history.GoneIn is { } gone)
        {
            parts.Add($"not read from {gone}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Source(KeyEntry entry)
    {
        if (KeyDomain.IsVault(entry.Name))
        {
            return "the Vault Agent injector (hashicorp/vault-k8s `agent-inject/agent/annotations.go`)";
        }

        return entry.Registered
            ? $"Istio; registered in istio/api (`{(entry.Kind == KeyKind.Annotation ? "annotation/annotations.yaml" : "label/labels.yaml")}`)"
            : $"istio/istio {string.Join(", ", entry.ReadBy.Select(file => $"`{file}`"))} (not in istio/api's registry)";
    }

    /// <summary>The value type in words, with the values an enumeration allows.</summary>
    public static string Value(Registry.ValueType value)
    {
        var values = value.Words("values");
        var details = value.Parameters.Where(pair => pair.Key != "values")
            .Select(pair => $"{pair.Key}: {(pair.Value is IReadOnlyList<string> list ? string.Join(", ", list) : Convert.ToString(pair.Value, CultureInfo.InvariantCulture)?.ToLowerInvariant())}")
            .ToList();
        var text = $"`{value.Name}`";
        if (values.Count > 0)
        {
            text += $", one of {string.Join(", ", values.Select(word => $"`{word}`"))}";
        }

        return details.Count > 0 ? $"{text} ({string.Join("; ", details)})" : text;
    }
}

/// <summary>A pod's modelled start-up and shutdown, condensed for a hover, and the target the model assumes.</summary>
public static class PodHelp
{
    public static string Markdown(PodStartup pod, MeshAssumptions assumptions)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**{pod.Object}** in namespace `{pod.Namespace}`: start-up as MeshLint models it\n\n");
        if (!pod.Injection.On)
        {
            text.Append(CultureInfo.InvariantCulture, $"No Istio sidecar: {pod.Injection.Why}.\n\n");
            AppendTarget(text, pod, assumptions);
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"- **injected:** {pod.Injection.Why}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **app waits for the proxy:** {(pod.AppWaitsForProxy.On ? "yes" : "no")}: {pod.AppWaitsForProxy.Why}\n");
        if (pod.Vault is { } vault)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Vault:** port {vault.Port} ({vault.PortSource}); {vault.Exclusion ?? "nothing excludes it from the redirect"}\n");
        }

        text.Append("\n```text\n");
        var rows = new List<string[]> { new[] { "#", "container", "from", "phase", "redirect", "proxy", "network" } };
        rows.AddRange(pod.Steps.Select(step => new[]
        {
            step.Number.ToString(CultureInfo.InvariantCulture),
            step.Name,
            step.Origin switch { ContainerOrigin.Pod => "pod", ContainerOrigin.Istio => "Istio", _ => "Vault" },
            step.Phase switch { StartupPhase.Init => "init", StartupPhase.Sidecar => "sidecar", _ => "app" },
            step.RedirectActive ? "on" : "off",
            step.Origin == ContainerOrigin.Istio ? "-" : step.ProxyReady ? "ready" : "not ready",
            step.ReachesNetwork ? "yes" : "NO",
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        }

        text.Append("```\n\n");
        foreach (var step in pod.Steps.Where(step => !step.ReachesNetwork))
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{step.Name}` cannot reach the network: {step.Why}\n");
        }

        var shutdown = pod.Shutdown;
        text.Append(CultureInfo.InvariantCulture, $"\n**On deletion** (drain {shutdown.Drain.Text}: {shutdown.Drain.Why}; grace period {shutdown.GracePeriod.Text}: {shutdown.GracePeriod.Why})\n\n```text\n");
        foreach (var moment in pod.ShutdownOrder)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(moment.At is { } at ? PodShutdown.Seconds(at) : "later"),-6} {moment.What}\n");
        }

        text.Append("```\n\n");
        AppendTarget(text, pod, assumptions);
        return text.ToString();
    }

    private static void AppendTarget(StringBuilder text, PodStartup pod, MeshAssumptions assumptions)
    {
        text.Append("**Target:** ").Append(string.Join("; ", AssumedTarget.Describe(pod, assumptions))).Append('\n');
    }
}

/// <summary>
/// The cluster the model takes the pod to run on, in words: the one place that says which mesh and
/// Kubernetes a pod's start-up was modelled for.
/// </summary>
public static class AssumedTarget
{
    public static IReadOnlyList<string> Describe(PodStartup pod, MeshAssumptions assumptions) =>
    [
        Reports.StartupReport.Target(pod.Target),
        $"Istio CNI {(pod.Cni.On ? "on" : "off")} ({pod.Cni.Why})",
        $"native sidecars {(pod.NativeSidecar.On ? "on" : "off")} ({pod.NativeSidecar.Why})" + (pod.Shape.Assumption is { } assumed ? $" [assumed: {assumed}]" : string.Empty),
    ];
}
