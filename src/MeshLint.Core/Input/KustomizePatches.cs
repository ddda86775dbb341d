using MeshLint.Parsing;

namespace MeshLint.Input;

/// <summary>
/// The files that a scanned kustomization (or a component, which is a kustomization too) names as
/// patches. A patch holds only what it changes: what it leaves out, its base has, so rules that
/// judge something missing do not run on it. A file that any kustomization names as a patch is a
/// patch, even if another names it as a resource.
/// </summary>
internal sealed class KustomizePatches
{
    private static readonly HashSet<string> KustomizationNames = new(StringComparer.Ordinal) { "kustomization.yaml", "kustomization.yml", "Kustomization" };

    /// <summary>The file names kustomize reads as a kustomization (api/konfig/general.go RecognizedKustomizationFileNames).</summary>
    public static bool IsKustomization(string fileName) => KustomizationNames.Contains(fileName);

    private readonly HashSet<string> patches;

    private KustomizePatches(HashSet<string> patches) => this.patches = patches;

    public static KustomizePatches None { get; } = new([]);

    public int Count => patches.Count;

    public bool Contains(SourceFile file) => file.FullPath is { } full && patches.Contains(Path.GetFullPath(full));

    /// <param name="read">Reads a file's bytes, or null when it cannot be read.</param>
    public static KustomizePatches Of(IEnumerable<SourceFile> files, Func<SourceFile, byte[]?> read)
    {
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.FullPath is not { } full || !KustomizationNames.Contains(Path.GetFileName(full))
                || read(file) is not { } bytes || SourceText.Decode(bytes).Text is not { } text)
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(full))!;
            foreach (var document in new YamlDocumentReader(text).Documents())
            {
                if (document.Root is not YamlMapping root)
                {
                    continue;
                }

                foreach (var path in PatchPaths(root))
                {
                    patches.Add(Path.GetFullPath(path, folder));
                }
            }
        }

        return new KustomizePatches(patches);
    }

    private static IEnumerable<string> PatchPaths(YamlMapping kustomization)
    {
        foreach (var field in new[] { "patches", "patchesStrategicMerge", "patchesJson6902" })
        {
            foreach (var item in kustomization.Sequence(field)?.Items ?? [])
            {
                // An inline patch (a block of YAML in a string, or patch: in a mapping) names no file.
                var path = item is YamlMapping entry ? entry.Text("path") : (item as YamlScalar)?.Text;
                if (path is { Length: > 0 } && !path.Contains('\n', StringComparison.Ordinal) && !path.Contains("://", StringComparison.Ordinal))
                {
                    yield return path;
                }
            }
        }
    }
}
