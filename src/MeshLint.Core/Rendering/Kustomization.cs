using MeshLint.Input;
using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>A patch a kustomization applies: a file (or an inline text) and the objects it targets.</summary>
/// <param name="Path">The patch file's full path; null for an inline patch.</param>
/// <param name="Inline">An inline patch's text and where its first line sits in the kustomization.</param>
/// <param name="Target">The <c>target:</c> selector; null when the patch names its target itself (a strategic merge patch).</param>
/// <param name="Json6902">The patch is a JSON 6902 list of operations rather than a strategic merge patch.</param>
internal sealed record KustomizePatch(string? Path, (string Text, int FirstLine, int Indent)? Inline, PatchTarget? Target, bool Json6902);

/// <summary>A patch's <c>target:</c>: kind and name (kustomize reads the name as a regular expression) and a label selector.</summary>
internal sealed record PatchTarget(string? Kind, string? Name, string? LabelSelector);

/// <summary>One of kustomize's <c>labels:</c> entries: its pairs, and whether they reach pod templates.</summary>
internal sealed record KustomizeLabels(IReadOnlyDictionary<string, string> Pairs, bool ReachesTemplates);

/// <summary>
/// A kustomization file as far as MeshLint follows it: what it includes (resources, bases,
/// components, patches) and the transformers that decide a pod's namespace and labels.
/// Fields follow kustomize's <c>api/types/kustomization.go</c> (v5.8.1).
/// </summary>
internal sealed class Kustomization
{
    private Kustomization(string fullPath, YamlMapping root)
    {
        FullPath = fullPath;
        Directory = System.IO.Path.GetDirectoryName(fullPath)!;
        Root = root;
    }

    public string FullPath { get; }

    public string Directory { get; }

    public YamlMapping Root { get; }

    /// <summary><c>kind: Component</c>: applied to the resources of the kustomization that names it.</summary>
    public bool IsComponent => Root.Text("kind") == "Component";

    /// <summary>Local resource files (full paths), in order.</summary>
    public List<string> ResourceFiles { get; } = [];

    /// <summary>Local kustomization folders among <c>resources</c> and <c>bases</c> (full paths), in order.</summary>
    public List<string> ResourceFolders { get; } = [];

    /// <summary>Remote resources (a URL or <c>github.com/…?ref=</c>): nothing offline builds them.</summary>
    public List<string> RemoteResources { get; } = [];

    public List<string> Components { get; } = [];

    public List<KustomizePatch> Patches { get; } = [];

    /// <summary>Values files that <c>helmCharts</c> names: Helm reads them.</summary>
    public List<string> HelmValuesFiles { get; } = [];

    public string? Namespace { get; private set; }

    public string? NamePrefix { get; private set; }

    public string? NameSuffix { get; private set; }

    public Dictionary<string, string> CommonLabels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> CommonAnnotations { get; } = new(StringComparer.Ordinal);

    public List<KustomizeLabels> Labels { get; } = [];

    /// <summary>Where each transformer value is written: <c>namespace</c>, <c>commonLabels/KEY</c>, <c>commonAnnotations/KEY</c>, <c>labels/KEY</c>.</summary>
    public Dictionary<string, SourcePosition> WrittenAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Every local file or folder it refers to, to tell which kustomizations others use.</summary>
    public IEnumerable<string> Folders => ResourceFolders.Concat(Components);

    /// <summary>The first kustomization document of the file, or null when it is not one (unreadable, not a mapping).</summary>
    public static Kustomization? Read(string fullPath, string text)
    {
        YamlMapping? root = null;
        foreach (var document in new YamlDocumentReader(text).Documents())
        {
            root = document.Root as YamlMapping;
            break;
        }

        if (root is null)
        {
            return null;
        }

        var kustomization = new Kustomization(fullPath, root);
        kustomization.ReadFields(text);
        return kustomization;
    }

    /// <summary>Whether a path (as a resource entry) is remote: kustomize fetches URLs and <c>host/org/repo</c> forms with git.</summary>
    public static bool IsRemote(string entry) =>
        entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("github.com/", StringComparison.Ordinal)
        || entry.StartsWith("git@", StringComparison.Ordinal) || entry.Contains("?ref=", StringComparison.Ordinal)
        || entry.Contains(".git//", StringComparison.Ordinal);

    private void ReadFields(string text)
    {
        foreach (var field in new[] { "resources", "bases" })
        {
            foreach (var entry in Strings(Root.Sequence(field)))
            {
                if (IsRemote(entry))
                {
                    RemoteResources.Add(entry);
                    continue;
                }

                // "base/" and "base" are one folder; the key by which others find it has no trailing separator.
                var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(entry, Directory));
                if (System.IO.Directory.Exists(full))
                {
                    ResourceFolders.Add(full);
                }
                else
                {
                    ResourceFiles.Add(full);
                }
            }
        }

        foreach (var entry in Strings(Root.Sequence("components")))
        {
            if (IsRemote(entry))
            {
                RemoteResources.Add(entry);
            }
            else
            {
                Components.Add(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(entry, Directory)));
            }
        }

        // patchesStrategicMerge, then patches, then patchesJson6902: the order kustomize's builtin
        // transformers run in (api/internal/target/kusttarget_configplugin.go, configureBuiltinTransformers).
        foreach (var item in Root.Sequence("patchesStrategicMerge")?.Items ?? [])
        {
            if (item is YamlScalar { Text: { } value } scalar)
            {
                Patches.Add(PatchOf(value, scalar, null, json6902: false, text));
            }
        }

        foreach (var item in Root.Sequence("patches")?.Items ?? [])
        {
            if (item is YamlMapping entry)
            {
                var target = TargetOf(entry.Mapping("target"));
                if (entry.Text("path") is { Length: > 0 } path)
                {
                    Patches.Add(new KustomizePatch(System.IO.Path.GetFullPath(path, Directory), null, target, Json6902: false));
                }
                else if (entry.Scalar("patch") is { Text: { } inline } scalar)
                {
                    Patches.Add(PatchOf(inline, scalar, target, json6902: false, text));
                }
            }
            else if (item is YamlScalar { Text: { } value } scalar)
            {
                Patches.Add(PatchOf(value, scalar, null, json6902: false, text));
            }
        }

        foreach (var item in Root.Sequence("patchesJson6902")?.Items ?? [])
        {
            if (item is YamlMapping entry && TargetOf(entry.Mapping("target")) is { } target)
            {
                if (entry.Text("path") is { Length: > 0 } path)
                {
                    Patches.Add(new KustomizePatch(System.IO.Path.GetFullPath(path, Directory), null, target, Json6902: true));
                }
                else if (entry.Scalar("patch") is { Text: { } inline } scalar)
                {
                    Patches.Add(PatchOf(inline, scalar, target, json6902: true, text));
                }
            }
        }

        foreach (var chart in Root.Sequence("helmCharts")?.Items.OfType<YamlMapping>() ?? [])
        {
            if (chart.Text("valuesFile") is { Length: > 0 } values && !IsRemote(values))
            {
                HelmValuesFiles.Add(System.IO.Path.GetFullPath(values, Directory));
            }

            foreach (var more in Strings(chart.Sequence("additionalValuesFiles")))
            {
                HelmValuesFiles.Add(System.IO.Path.GetFullPath(more, Directory));
            }
        }

        Namespace = Root.Text("namespace") is { Length: > 0 } ns ? ns : null;
        if (Root.Entry("namespace") is { } namespaceEntry)
        {
            WrittenAt["namespace"] = namespaceEntry.Key.Start;
        }

        NamePrefix = Root.Text("namePrefix") is { Length: > 0 } prefix ? prefix : null;
        NameSuffix = Root.Text("nameSuffix") is { Length: > 0 } suffix ? suffix : null;
        Pairs(Root.Mapping("commonLabels"), CommonLabels, "commonLabels");
        Pairs(Root.Mapping("commonAnnotations"), CommonAnnotations, "commonAnnotations");
        foreach (var entry in Root.Sequence("labels")?.Items.OfType<YamlMapping>() ?? [])
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            Pairs(entry.Mapping("pairs"), pairs, "labels");
            // kustomize adds a labels entry to pod templates with includeTemplates, and with
            // includeSelectors too, whose field specs (commonLabels') take in the template labels
            // (kusttarget_configplugin.go LabelTransformer; builtinpluginconsts/commonlabels.go).
            var reaches = entry.Text("includeTemplates") == "true" || entry.Text("includeSelectors") == "true";
            Labels.Add(new KustomizeLabels(pairs, reaches));
        }
    }

    /// <summary>A patch written as a file name, or inline: a string with a newline holds the patch itself.</summary>
    private KustomizePatch PatchOf(string value, YamlScalar scalar, PatchTarget? target, bool json6902, string text)
    {
        if (!value.Contains('\n', StringComparison.Ordinal))
        {
            return new KustomizePatch(System.IO.Path.GetFullPath(value, Directory), null, target, json6902);
        }

        // A block scalar's text starts on the line after its indicator, indented as its first line is.
        var lines = text.Split('\n');
        var first = scalar.Start.Line + (scalar.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? 1 : 0);
        var indent = first - 1 < lines.Length ? lines[first - 1].Length - lines[first - 1].TrimStart().Length : 0;
        var isList = value.TrimStart().StartsWith('-');
        return new KustomizePatch(null, (value, first, indent), target, json6902 || isList);
    }

    private static PatchTarget? TargetOf(YamlMapping? target) =>
        target is null ? null : new PatchTarget(target.Text("kind"), target.Text("name"), target.Text("labelSelector"));

    private static IEnumerable<string> Strings(YamlSequence? sequence) =>
        sequence?.Items.OfType<YamlScalar>().Select(item => item.Text).OfType<string>().Where(text => text.Length > 0) ?? [];

    private void Pairs(YamlMapping? mapping, Dictionary<string, string> into, string field)
    {
        foreach (var entry in mapping?.Entries ?? [])
        {
            if (entry.Value is YamlScalar scalar)
            {
                into[entry.Key.Value] = scalar.Value;
                WrittenAt.TryAdd($"{field}/{entry.Key.Value}", entry.Key.Start);
            }
        }
    }

    /// <summary>Where this kustomization writes the value a transformer put at a path of a built object (its last two keys), and with which field; null when it does not.</summary>
    public (SourcePosition At, string Field)? Writes(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        if (keys is [.., "metadata", "namespace"] && Namespace is not null)
        {
            return (WrittenAt.GetValueOrDefault("namespace"), "namespace");
        }

        if (keys.Count >= 2 && keys[^2] is "annotations" && CommonAnnotations.ContainsKey(keys[^1]))
        {
            return (WrittenAt.GetValueOrDefault($"commonAnnotations/{keys[^1]}"), "commonAnnotations");
        }

        if (keys.Count >= 2 && keys[^2] is "labels" or "matchLabels" or "selector")
        {
            return WrittenAt.TryGetValue($"commonLabels/{keys[^1]}", out var common) && CommonLabels.ContainsKey(keys[^1]) ? (common, "commonLabels")
                : WrittenAt.TryGetValue($"labels/{keys[^1]}", out var label) ? (label, "labels")
                : null;
        }

        return null;
    }

    /// <summary>
    /// kustomize's commonAnnotations write every annotation to the workload and to its pod template
    /// alike (builtinpluginconsts/commonannotations.go): the pods have it, and the workload's copy is
    /// the transformer's doing, not a misplaced key (MESH005) to move.
    /// </summary>
    public static bool IsCopyToPods(string ruleId, string field) => ruleId == "MESH005" && field == "commonAnnotations";

    /// <summary>Whether a file name is one kustomize reads as a kustomization.</summary>
    public static bool IsKustomizationFile(string path) => KustomizePatches.IsKustomization(System.IO.Path.GetFileName(path));
}
