namespace MeshLint.Input;

/// <summary>
/// A file to lint. <see cref="DisplayPath"/> is what reports show (repository-relative, forward
/// slashes); <see cref="FullPath"/> is where to read it, or null when <see cref="Content"/> holds it
/// (standard input).
/// </summary>
public sealed record SourceFile(string DisplayPath, string? FullPath)
{
    public byte[]? Content { get; init; }

    /// <summary>What the file is to the tools that read it, where its content alone does not say (a Helm values file).</summary>
    public FileRole Role { get; init; }

    /// <summary>Build output (a kustomization built, a chart rendered): its findings are carried back to the files it was made from.</summary>
    internal IFileOrigin? Origin { get; init; }

    /// <summary>Applied to each document before it is read: a kustomization's namespace and labels, where it could not be built.</summary>
    internal Func<Parsing.YamlMapping, Parsing.YamlMapping>? Transform { get; init; }

    /// <summary>The file's objects are judged through the builds that include it: its own object findings give way to theirs.</summary>
    internal bool JudgedByBuilds { get; init; }

    /// <summary>Read for the mesh context; false where a build's output stands in for the file.</summary>
    internal bool FeedsContext { get; init; } = true;
}

/// <summary>What reads a file besides the API server; it decides whether a syntax error matters and why.</summary>
public enum FileRole
{
    /// <summary>Decided from the content: a document with <c>apiVersion</c> and <c>kind</c> is a manifest; a kustomization or a patch by how kustomize names it.</summary>
    Unknown,

    /// <summary>Manifests whatever the content: standard input and rendered output, which are piped in to be read as Kubernetes objects.</summary>
    Manifest,

    /// <summary>A Helm values file: a chart's <c>values.yaml</c> or <c>ci/*-values.yaml</c>, one a kustomization's <c>helmCharts</c> or <c>helm.values</c> names.</summary>
    HelmValues,
}
