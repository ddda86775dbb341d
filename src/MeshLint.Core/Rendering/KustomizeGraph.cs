namespace MeshLint.Rendering;

/// <summary>
/// One kustomization that no other kustomization of the scan uses: what <c>kustomize build</c> is
/// run on. It knows every kustomization its build applies (in the order kustomize applies them:
/// resources, then components, then its own transformers) and, for each resource file, the
/// kustomizations between that file and itself.
/// </summary>
internal sealed class KustomizeRoot(Kustomization kustomization, string label)
{
    public Kustomization Kustomization { get; } = kustomization;

    /// <summary>How findings name it: the folder of the kustomization, as reports show paths.</summary>
    public string Label { get; } = label;

    /// <summary>The kustomizations the build applies, innermost first.</summary>
    public List<Kustomization> Applied { get; } = [];

    /// <summary>Each resource file with the kustomizations that act on it, innermost first (each one's components with it).</summary>
    public Dictionary<string, List<Kustomization>> ResourceChains { get; } = new(StringComparer.Ordinal);

    /// <summary>Patch files of every kustomization the build applies.</summary>
    public HashSet<string> PatchFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Remote resources somewhere in the tree: an offline build of this root fails.</summary>
    public List<string> Remote { get; } = [];

    /// <summary>Local files and folders the tree names that do not exist: no build can succeed, so none is tried.</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Whether the build reads this file as a resource or a patch.</summary>
    public bool Includes(string fullPath) => ResourceChains.ContainsKey(fullPath) || PatchFiles.Contains(fullPath);
}

/// <summary>The kustomizations of a scan and which of them are roots (no other one uses them as a resource, base or component).</summary>
internal static class KustomizeGraph
{
    public static List<KustomizeRoot> Roots(IReadOnlyList<Kustomization> kustomizations, Func<string, string> label)
    {
        var byFolder = new Dictionary<string, Kustomization>(StringComparer.Ordinal);
        foreach (var kustomization in kustomizations.OrderBy(k => k.FullPath, StringComparer.Ordinal))
        {
            byFolder.TryAdd(kustomization.Directory, kustomization);
        }

        var used = byFolder.Values.SelectMany(k => k.Folders).ToHashSet(StringComparer.Ordinal);
        var roots = new List<KustomizeRoot>();
        foreach (var kustomization in byFolder.Values.OrderBy(k => k.FullPath, StringComparer.Ordinal))
        {
            if (used.Contains(kustomization.Directory) || kustomization.IsComponent)
            {
                continue;
            }

            var root = new KustomizeRoot(kustomization, label(kustomization.Directory));
            Walk(root, kustomization, [], byFolder, new HashSet<string>(StringComparer.Ordinal));
            roots.Add(root);
        }

        return roots;
    }

    private static bool KustomizationIn(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(Kustomization.IsKustomizationFile);

    private static void Walk(KustomizeRoot root, Kustomization current, List<Kustomization> above, Dictionary<string, Kustomization> byFolder, HashSet<string> onPath)
    {
        if (!onPath.Add(current.Directory))
        {
            return;
        }

        var components = current.Components.Select(folder => byFolder.GetValueOrDefault(folder)).OfType<Kustomization>().ToList();
        List<Kustomization> chain = [current, .. components, .. above];
        root.Remote.AddRange(current.RemoteResources);
        foreach (var folder in current.ResourceFolders.Concat(current.Components))
        {
            if (byFolder.TryGetValue(folder, out var child))
            {
                if (current.ResourceFolders.Contains(folder))
                {
                    Walk(root, child, chain, byFolder, onPath);
                }
            }
            else if (!KustomizationIn(folder))
            {
                root.Missing.Add(folder);
            }
        }

        foreach (var file in current.ResourceFiles)
        {
            root.ResourceChains.TryAdd(file, chain);
            if (!File.Exists(file))
            {
                root.Missing.Add(file);
            }
        }

        foreach (var component in components)
        {
            Walk(root, component, chain, byFolder, onPath);
        }

        foreach (var patch in current.Patches)
        {
            if (patch.Path is { } path)
            {
                root.PatchFiles.Add(path);
                if (!File.Exists(path))
                {
                    root.Missing.Add(path);
                }
            }
        }

        root.Applied.Add(current);
        onPath.Remove(current.Directory);
    }
}
