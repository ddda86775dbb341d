using System.Text;
using System.Text.Json;
using MeshLint.Engine;
using MeshLint.Mesh;

namespace MeshLint.Reports;

/// <summary>
/// <c>meshlint context</c>'s output: the mesh context a scan derived. For the whole scan, every
/// Namespace and control plane it read, with where each setting is set; for one file
/// (<c>--for</c>), the nearest Namespace of each name and, per revision, the mesh-wide settings
/// that file is linted with. Then the assumptions in force. Text for a terminal, JSON for scripts.
/// </summary>
public static class MeshContextReport
{
    private static readonly (MeshWideSetting Setting, string Label, string Json)[] SettingNames =
    [
        (MeshWideSetting.Hold, "hold", "hold"),
        (MeshWideSetting.NativeSidecars, "native sidecars", "nativeSidecars"),
        (MeshWideSetting.OutboundExclusion, "outbound exclusion", "outboundExclusion"),
        (MeshWideSetting.Cni, "CNI", "cni"),
        (MeshWideSetting.Drain, "drain", "drain"),
        (MeshWideSetting.ExitOnZero, "exit on zero", "exitOnZeroActiveConnections"),
        (MeshWideSetting.IstioRelease, "Istio release", "istioRelease"),
        (MeshWideSetting.CompatibilityVersion, "compatibility", "compatibilityVersion"),
    ];

    /// <param name="forPath">The report path of the file whose context to show; null for the whole scan.</param>
    /// <param name="folders">The folders of the linted files, for the targets section (the whole scan); empty to leave it out.</param>
    public static void WriteText(LintResult result, string? forPath, TextWriter writer, IReadOnlyList<string>? folders = null)
    {
        var sources = result.Mesh ?? MeshSources.None;
        var text = new StringBuilder();
        var namespaces = NamespacesOf(sources, forPath);
        if (forPath is not null)
        {
            text.Append("Context of ").Append(Printable(forPath)).Append(" (the nearest source of each fact)\n\n");
        }

        text.Append("Namespaces (").Append(namespaces.Count).Append(")\n");
        foreach (var facts in namespaces)
        {
            text.Append("  ").Append(Printable(facts.Name)).Append(": ").Append(Sidecar(facts)).Append(" at ").Append(Printable(facts.Source)).Append('\n');
        }

        var ambient = namespaces.Where(facts => facts.DataplaneMode == "ambient").Select(facts => Printable(facts.Name)).Distinct().ToList();
        text.Append("  ambient: ").Append(ambient.Count == 0 ? "none" : string.Join(", ", ambient)).Append('\n');
        text.Append("  any other namespace: ").Append(sources.Assumptions.AssumeInjection switch
        {
            true => "sidecar assumed (mesh.assumeInjection: true)",
            false => "no sidecar assumed (mesh.assumeInjection: false)",
            null => sources.Assumptions.DeclaresMesh
                ? "sidecar assumed (mesh.assumeInjection: auto, and the configuration declares the mesh)"
                : sources.IstioEvidence is { } evidence
                    ? $"sidecar assumed (mesh.assumeInjection: auto; Istio is in use: {Printable(evidence)})"
                    : "no sidecar assumed (mesh.assumeInjection: auto, and nothing in the scan shows Istio in use)",
        }).Append('\n');

        if (forPath is null)
        {
            var planes = PlanesOutsideTestData(sources);
            text.Append("\nControl planes (").Append(planes.Count).Append(")\n");
            foreach (var plane in planes)
            {
                text.Append("  ").Append(Printable(plane.What)).Append(", ").Append(RevisionText(plane.Revision)).Append(", at ").Append(Printable(plane.Source)).Append('\n');
                foreach (var (setting, label, _) in SettingNames.Where(name => plane.Settings.ContainsKey(name.Setting)))
                {
                    text.Append("    ").Append((label + ":").PadRight(20)).Append(SettingText(plane.Settings[setting])).Append('\n');
                }
            }

            if (folders is { Count: > 0 })
            {
                text.Append("\nTargets (of the default revision's pods, by folder)\n");
                foreach (var (context, group) in TargetsByFolder(result, sources, folders))
                {
                    AppendTarget(text, "  " + string.Join(", ", group.Take(5).Select(folder => folder.Length == 0 ? "." : Printable(folder))) + (group.Count > 5 ? $" and {group.Count - 5} more" : string.Empty), context);
                }
            }
        }
        else
        {
            var context = result.ContextFor?.Invoke(forPath) ?? sources.For(forPath);
            text.Append("\nMesh-wide settings by revision\n");
            foreach (var revision in RevisionsOf(sources))
            {
                var chosen = context.ForRevision(revision);
                text.Append("  revision ").Append(Printable(revision)).Append('\n');
                foreach (var (setting, label, _) in SettingNames)
                {
                    text.Append("    ").Append((label + ":").PadRight(20)).Append(ChosenText(chosen, setting)).Append('\n');
                }
            }

            var cni = context.Cni;
            text.Append("  Istio CNI: ").Append(cni.On ? "on" : "off").Append(cni.Source is { } source ? $" ({Printable(source.Setting)} at {Printable(source.Source)})" : " (no scanned file installs it: istio-init sets up the redirect)").Append('\n');

            text.Append("\nTarget by revision\n");
            foreach (var revision in RevisionsOf(sources))
            {
                AppendTarget(text, "  revision " + Printable(revision), context.ForRevision(revision));
            }
        }

        var assumptions = sources.Assumptions;
        text.Append("\nAssumptions\n")
            .Append("  mesh.target: ").Append(Declared(assumptions.Target)).Append('\n')
            .Append("  mesh.assumeInjection: ").Append(assumptions.AssumeInjection switch { true => "true", false => "false", null => "auto" }).Append('\n')
            .Append("  mesh.nativeSidecars: ").Append(assumptions.NativeSidecars ? "true" : "false").Append('\n')
            .Append("  mesh.cni: ").Append(assumptions.Cni is { } assumedCni ? (assumedCni ? "true" : "false") : "from the scanned files").Append('\n');
        writer.Write(text.ToString());
    }

    /// <param name="forPath">The report path of the file whose context to show; null for the whole scan.</param>
    /// <param name="folders">The folders of the linted files, for the targets (the whole scan); empty to leave them out.</param>
    public static void WriteJson(LintResult result, string? forPath, TextWriter writer, IReadOnlyList<string>? folders = null)
    {
        var sources = result.Mesh ?? MeshSources.None;
        using (var output = new JsonTextOutput(writer))
        {
            var json = output.Json;
            json.WriteStartObject();
            if (forPath is null)
            {
                json.WriteNull("for");
            }
            else
            {
                json.WriteString("for", forPath);
            }

            json.WriteStartArray("namespaces");
            foreach (var facts in NamespacesOf(sources, forPath))
            {
                json.WriteStartObject();
                json.WriteString("name", facts.Name);
                json.WriteBoolean("sidecar", GetsSidecar(facts));
                WriteNullable(json, "revision", GetsSidecar(facts) ? facts.Revision : null);
                WriteNullable(json, "istioInjection", facts.InjectionLabel);
                WriteNullable(json, "istioRev", facts.RevisionLabel);
                WriteNullable(json, "dataplaneMode", facts.DataplaneMode);
                json.WriteString("source", facts.Source);
                json.WriteStartArray("sources");
                foreach (var source in facts.Sources)
                {
                    json.WriteStringValue(source);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (forPath is null)
            {
                json.WriteStartArray("controlPlanes");
                foreach (var plane in PlanesOutsideTestData(sources))
                {
                    json.WriteStartObject();
                    json.WriteString("what", plane.What);
                    WriteNullable(json, "revision", plane.Revision);
                    json.WriteString("source", plane.Source);
                    json.WriteStartObject("settings");
                    foreach (var (setting, _, name) in SettingNames.Where(name => plane.Settings.ContainsKey(name.Setting)))
                    {
                        WriteSetting(json, name, plane.Settings[setting]);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
            else
            {
                var context = sources.For(forPath);
                json.WriteStartArray("revisions");
                foreach (var revision in RevisionsOf(sources))
                {
                    var chosen = context.ForRevision(revision);
                    json.WriteStartObject();
                    json.WriteString("revision", revision);
                    foreach (var (setting, _, name) in SettingNames)
                    {
                        json.WriteStartObject(name);
                        WriteSetting(json, "value", Value(chosen, setting));
                        json.WriteStartArray("decidedBy");
                        foreach (var plane in chosen.Settings?.Nearest.GetValueOrDefault(setting) ?? [])
                        {
                            json.WriteStringValue(plane.Source);
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                var cni = context.Cni;
                json.WriteStartObject("cni");
                json.WriteBoolean("on", cni.On);
                WriteSetting(json, "setting", cni.Source);
                json.WriteEndObject();
            }

            if (forPath is not null)
            {
                var context = result.ContextFor?.Invoke(forPath) ?? sources.For(forPath);
                json.WriteStartArray("targets");
                foreach (var revision in RevisionsOf(sources))
                {
                    WriteTarget(json, context.ForRevision(revision), revision, null);
                }

                json.WriteEndArray();
            }
            else if (folders is { Count: > 0 })
            {
                json.WriteStartArray("targets");
                foreach (var (context, group) in TargetsByFolder(result, sources, folders))
                {
                    WriteTarget(json, context, null, group);
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("assumptions");
            json.WriteString("mode", sources.Assumptions.Mode == MeshMode.Managed ? "managed" : "in-cluster");
            json.WriteStartObject("target");
            WriteNullable(json, "istio", sources.Assumptions.Target.Istio?.ToString());
            WriteNullable(json, "kubernetes", sources.Assumptions.Target.Kubernetes?.ToString());
            WriteNullable(json, "platform", sources.Assumptions.Target.Platform is { } declaredPlatform ? MeshPlatforms.Name(declaredPlatform) : null);
            json.WriteEndObject();
            if (sources.Assumptions.AssumeInjection is { } assume)
            {
                json.WriteBoolean("assumeInjection", assume);
            }
            else
            {
                json.WriteString("assumeInjection", "auto");
            }

            WriteNullable(json, "istioEvidence", sources.IstioEvidence);
            json.WriteBoolean("nativeSidecars", sources.Assumptions.NativeSidecars);
            if (sources.Assumptions.Cni is { } assumedCni)
            {
                json.WriteBoolean("cni", assumedCni);
            }
            else
            {
                json.WriteNull("cni");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

    }

    /// <summary>Every scanned Namespace in path order, or for one file the nearest of each name, by name.</summary>
    private static List<NamespaceFacts> NamespacesOf(MeshSources sources, string? forPath) => forPath is null
        ? [.. sources.AllNamespaces.Where(facts => facts.TestRoot is null)]
        : [.. sources.For(forPath).Namespaces.Values.OrderBy(facts => facts.Name, StringComparer.Ordinal)];

    /// <summary>The whole scan's control planes, without those in test data, which give context only to the workloads under them.</summary>
    private static List<ControlPlane> PlanesOutsideTestData(MeshSources sources) => [.. sources.ControlPlanes.Where(plane => plane.TestRoot is null)];

    /// <summary>The default revision, then every other one a control plane or a Namespace names, in order.</summary>
    private static IEnumerable<string> RevisionsOf(MeshSources sources) =>
        new[] { ControlPlane.DefaultRevision }
            .Concat(sources.ControlPlanes.Select(plane => plane.Revision).Concat(sources.AllNamespaces.Select(facts => facts.RevisionLabel)).OfType<string>().Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);

    private static bool GetsSidecar(NamespaceFacts facts) => facts.Injects && facts.DataplaneMode != "ambient";

    private static string Sidecar(NamespaceFacts facts)
    {
        var labels = string.Join(", ", new[]
        {
            facts.InjectionLabel is { } injection ? $"istio-injection={injection}" : null,
            facts.RevisionLabel is { } rev ? $"istio.io/rev={rev}" : null,
            facts.DataplaneMode is { } mode ? $"istio.io/dataplane-mode={mode}" : null,
        }.OfType<string>().Select(Printable));
        var verdict = GetsSidecar(facts) ? $"sidecar, revision {Printable(facts.Revision!)}"
            : facts.DataplaneMode == "ambient" ? "no sidecar (ambient: ztunnel)"
            : "no sidecar";
        return labels.Length == 0 ? $"{verdict} (no injection label)" : $"{verdict} ({labels})";
    }

    /// <summary>What mesh.target declares, part by part.</summary>
    private static string Declared(DeclaredTarget target) => target.IsEmpty
        ? "none declared (the Istio release is detected where a scanned file names it; Kubernetes is unknown)"
        : string.Join(", ", new[]
        {
            target.Istio is { } istio ? $"istio {istio}" : null,
            target.Kubernetes is { } kubernetes ? $"kubernetes {kubernetes}" : null,
            target.Platform is { } platform ? $"platform {MeshPlatforms.Name(platform)}" : null,
        }.OfType<string>());

    /// <summary>A target, where each part came from, and the shape a pod that says nothing itself gets.</summary>
    private static void AppendTarget(StringBuilder text, string heading, MeshContext context)
    {
        var shape = Startup.PodShape.Decide(annotation: null, context);
        text.Append(heading).Append('\n')
            .Append("    target:           ").Append(Printable(StartupReport.Target(context.Target))).Append('\n')
            .Append("    native sidecars:  ").Append(shape.Native ? "on" : "off").Append(": ").Append(Printable(shape.Why))
            .Append(shape.Assumption is { } assumed ? $" [assumed: {Printable(assumed)}]" : string.Empty).Append('\n');
    }

    /// <summary>The linted files' folders grouped by the target their default revision's pods get, in path order.</summary>
    private static List<(MeshContext Context, List<string> Folders)> TargetsByFolder(LintResult result, MeshSources sources, IReadOnlyList<string> folders)
    {
        var groups = new List<(MeshContext Context, List<string> Folders)>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = folder.Length == 0 ? "file" : folder + "/file";
            var context = result.ContextFor?.Invoke(path) ?? sources.For(path);
            var key = StartupReport.Target(context.Target) + Startup.PodShape.Decide(annotation: null, context).Why;
            var same = groups.FindIndex(group => StartupReport.Target(group.Context.Target) + Startup.PodShape.Decide(annotation: null, group.Context).Why == key);
            if (same >= 0)
            {
                groups[same].Folders.Add(folder);
            }
            else
            {
                groups.Add((context, [folder]));
            }
        }

        return groups;
    }

    private static string RevisionText(string? revision) => revision is null ? "every revision" : $"revision {Printable(revision)}";

    private static string SettingText(MeshSetting? setting) => setting is null ? "unset" : $"{Printable(setting.Setting)} at {Printable(setting.Source)}";

    private static MeshSetting? Value(MeshContext context, MeshWideSetting setting) => setting switch
    {
        MeshWideSetting.Hold => context.HoldCover,
        MeshWideSetting.NativeSidecars => context.NativeSidecars,
        MeshWideSetting.OutboundExclusion => context.OutboundExclusion,
        MeshWideSetting.Drain => context.Shutdown.Drain,
        MeshWideSetting.ExitOnZero => context.Shutdown.ExitOnZero,
        MeshWideSetting.IstioRelease => context.IsManaged ? null : context.Settings?.IstioRelease,
        MeshWideSetting.CompatibilityVersion => context.IsManaged ? null : context.Settings?.CompatibilityVersion,
        _ => context.CniSetting,
    };

    private static string ChosenText(MeshContext context, MeshWideSetting setting)
    {
        if (Scanned(context, setting) is { } scanned)
        {
            return Value(context, setting) is null ? $"{SettingText(scanned)}, not applied (a managed Cloud Service Mesh)" : SettingText(scanned);
        }

        var deciding = context.Settings?.Nearest.GetValueOrDefault(setting) ?? [];
        return deciding.Count == 0
            ? "unset (no scanned control plane of this revision decides it)"
            : $"unset by {string.Join(" and ", deciding.Where(plane => plane.Settings[setting] is null).Select(plane => $"{Printable(plane.What)} at {Printable(plane.Source)}"))}";
    }

    /// <summary>The setting as the nearest control planes set it, whatever the mode.</summary>
    private static MeshSetting? Scanned(MeshContext context, MeshWideSetting setting) => context.Settings is not { } chosen ? null : setting switch
    {
        MeshWideSetting.Hold => chosen.Hold,
        MeshWideSetting.NativeSidecars => chosen.NativeSidecars,
        MeshWideSetting.OutboundExclusion => chosen.OutboundExclusion,
        MeshWideSetting.Drain => chosen.Drain,
        MeshWideSetting.ExitOnZero => chosen.ExitOnZero,
        MeshWideSetting.IstioRelease => chosen.IstioRelease,
        MeshWideSetting.CompatibilityVersion => chosen.CompatibilityVersion,
        _ => chosen.Cni,
    };

    private static void WriteTarget(Utf8JsonWriter json, MeshContext context, string? revision, IReadOnlyList<string>? folders)
    {
        var shape = Startup.PodShape.Decide(annotation: null, context);
        json.WriteStartObject();
        if (revision is not null)
        {
            json.WriteString("revision", revision);
        }

        if (folders is not null)
        {
            json.WriteStartArray("folders");
            foreach (var folder in folders)
            {
                json.WriteStringValue(folder);
            }

            json.WriteEndArray();
        }

        WriteRelease(json, "istio", context.Target.Istio);
        WriteRelease(json, "kubernetes", context.Target.Kubernetes);
        json.WriteStartObject("platform");
        json.WriteString("value", MeshPlatforms.Name(context.Target.Platform.Platform));
        json.WriteString("origin", context.Target.Platform.Origin.ToString().ToLowerInvariant());
        json.WriteString("source", context.Target.Platform.Source);
        json.WriteEndObject();
        json.WriteStartObject("nativeSidecars");
        json.WriteBoolean("on", shape.Native);
        json.WriteString("why", shape.Why);
        WriteNullable(json, "assumption", shape.Assumption);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRelease(Utf8JsonWriter json, string name, ReleaseFact fact)
    {
        json.WriteStartObject(name);
        WriteNullable(json, "value", fact.Release?.ToString());
        json.WriteString("origin", fact.Origin.ToString().ToLowerInvariant());
        json.WriteString("source", fact.Source);
        json.WriteEndObject();
    }

    private static void WriteSetting(Utf8JsonWriter json, string name, MeshSetting? setting)
    {
        if (setting is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("setting", setting.Setting);
        json.WriteString("source", setting.Source);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Printable(string text) => UntrustedText.Printable(text);
}
