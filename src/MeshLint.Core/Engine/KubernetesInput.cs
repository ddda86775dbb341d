using System.Text;
using MeshLint.Input;

namespace MeshLint.Engine;

/// <summary>What turns a YAML file into Kubernetes objects, and so who refuses it when it is broken.</summary>
internal enum KubernetesInputKind
{
    /// <summary>A manifest applied as it is: the API server reads it.</summary>
    Manifest,

    /// <summary>A kustomization or a patch it names: kustomize reads it.</summary>
    Kustomize,

    /// <summary>A Helm values file: Helm reads it.</summary>
    HelmValues,
}

/// <summary>
/// Decides whether a file is, or builds, Kubernetes objects: only there is a syntax error
/// (MESH000) MeshLint's to report. Other YAML in a repository (mkdocs.yml, CI workflows, tool
/// configuration) is read by other tools with other rules.
/// </summary>
internal static class KubernetesInput
{
    /// <param name="declaresObject">A document of the file has <c>apiVersion</c> and <c>kind</c>.</param>
    /// <param name="text">The text, to find <c>apiVersion:</c> or <c>kind:</c> lines where the YAML did not parse.</param>
    public static KubernetesInputKind? Of(SourceFile file, bool isPatch, bool declaresObject, string text) =>
        ByRole(file, isPatch) ?? (declaresObject || HasObjectLine(text) ? KubernetesInputKind.Manifest : null);

    /// <summary>For a file that could not be decoded: its role, or an ASCII <c>apiVersion:</c> or <c>kind:</c> line.</summary>
    public static KubernetesInputKind? Of(SourceFile file, bool isPatch, bool declaresObject, ReadOnlySpan<byte> bytes) =>
        ByRole(file, isPatch) ?? (declaresObject || HasObjectLine(Encoding.Latin1.GetString(bytes)) ? KubernetesInputKind.Manifest : null);

    /// <summary>Who refuses, or silently mends, a mapping that repeats a key.</summary>
    public static string DuplicateKeys(this KubernetesInputKind kind) => kind switch
    {
        // Server-side field validation (GA in Kubernetes 1.27, kubectl's default --validate=strict) answers BadRequest.
        KubernetesInputKind.Manifest => "the API server rejects a manifest with duplicate keys",
        // kustomize reads with kyaml, on go-yaml v3, which fails with "mapping key ... already defined".
        KubernetesInputKind.Kustomize => "kustomize rejects a file with duplicate keys",
        // Helm reads values with sigs.k8s.io/yaml (go-yaml v2 underneath), where the last value of a key wins.
        _ => "Helm keeps only the last value of a duplicate key, so the earlier block is silently dropped",
    };

    private static KubernetesInputKind? ByRole(SourceFile file, bool isPatch)
    {
        switch (file.Role)
        {
            case FileRole.HelmValues:
                return KubernetesInputKind.HelmValues;
            case FileRole.Manifest:
                return KubernetesInputKind.Manifest;
        }

        var name = Path.GetFileName(file.FullPath ?? file.DisplayPath);
        if (isPatch || KustomizePatches.IsKustomization(name))
        {
            return KubernetesInputKind.Kustomize;
        }

        return file.FullPath is { } full && IsChartValues(full) ? KubernetesInputKind.HelmValues : null;
    }

    /// <summary>A chart's <c>values.yaml</c>, or a <c>ci/*-values.yaml</c> that chart-testing renders it with.</summary>
    public static bool IsChartValues(string fullPath)
    {
        var name = Path.GetFileName(fullPath);
        var folder = Path.GetDirectoryName(fullPath);
        if (folder is null)
        {
            return false;
        }

        if (name is "values.yaml" or "values.yml")
        {
            return File.Exists(Path.Combine(folder, "Chart.yaml"));
        }

        return Path.GetFileName(folder) == "ci" && FileDiscovery.IsYamlFile(name) && Path.GetFileNameWithoutExtension(name).EndsWith("-values", StringComparison.Ordinal)
            && Path.GetDirectoryName(folder) is { } chart && File.Exists(Path.Combine(chart, "Chart.yaml"));
    }

    private static bool HasObjectLine(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("apiVersion:", StringComparison.Ordinal) || line.StartsWith("kind:", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
