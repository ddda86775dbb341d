using System.Text;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>What rendering produced: manifests to lint in place of their sources, and what could not be rendered.</summary>
internal sealed record RenderOutcome(IReadOnlyList<RenderedSource> Sources, IReadOnlyList<InputError> Errors);

/// <summary>
/// Renders Helm charts (<c>helm template</c>, with the chart's own values) and builds Kustomize
/// directories (<c>kustomize build</c> or <c>kubectl kustomize</c>), then splits the output by the file
/// each document came from, so findings point at files in the repository.
/// </summary>
internal sealed class ManifestRenderer(string baseDirectory)
{
    public RenderOutcome RenderHelmCharts(IReadOnlyList<string> chartDirectories)
    {
        if (chartDirectories.Count == 0)
        {
            return new RenderOutcome([], []);
        }

        if (ExternalTool.Find("helm") is not { } helm)
        {
            return new RenderOutcome([], chartDirectories.Select(chart => new InputError(Shown(chart), "--helm was given but helm is not on PATH")).ToList());
        }

        var sources = new List<RenderedSource>();
        var errors = new List<InputError>();
        foreach (var chart in chartDirectories)
        {
            var (output, error) = ExternalTool.Run(helm, ["template", "meshlint", chart], chart);
            if (output is null)
            {
                errors.Add(new InputError(Shown(chart), error!));
                continue;
            }

            // "# Source: <chart name>/templates/x.yaml": the chart name may differ from its folder, so drop it.
            var groups = SplitDocuments(output).GroupBy(document => SourceComment(document) is { } source && source.IndexOf('/') is var slash and > 0
                ? Path.GetFullPath(source[(slash + 1)..], chart)
                : Path.Combine(chart, "Chart.yaml"));
            sources.AddRange(groups.Select(group => Source(group.Key, group)));
        }

        return new RenderOutcome(sources, errors);
    }

    public RenderOutcome BuildKustomizations(IReadOnlyList<string> directories)
    {
        if (directories.Count == 0)
        {
            return new RenderOutcome([], []);
        }

        (string Executable, string[] Arguments)? tool = ExternalTool.Find("kustomize") is { } kustomize ? (kustomize, ["build"])
            : ExternalTool.Find("kubectl") is { } kubectl ? (kubectl, ["kustomize"])
            : null;
        if (tool is null)
        {
            return new RenderOutcome([], directories.Select(directory => new InputError(Shown(directory), "--kustomize was given but neither kustomize nor kubectl is on PATH")).ToList());
        }

        var sources = new List<RenderedSource>();
        var errors = new List<InputError>();
        foreach (var directory in directories)
        {
            var (output, error) = ExternalTool.Run(tool.Value.Executable, [.. tool.Value.Arguments, directory], directory);
            if (output is null)
            {
                errors.Add(new InputError(Shown(directory), error!));
                continue;
            }

            var origins = ResourceOrigins(directory);
            var kustomization = Directory.EnumerateFiles(directory).FirstOrDefault(file => Path.GetFileName(file).StartsWith("kustomization", StringComparison.OrdinalIgnoreCase))
                ?? Path.Combine(directory, "kustomization.yaml");
            var groups = SplitDocuments(output).GroupBy(document => OriginOf(document, origins) ?? kustomization);
            sources.AddRange(groups.Select(group => Source(group.Key, group)));
        }

        return new RenderOutcome(sources, errors);
    }

    private RenderedSource Source(string sourcePath, IEnumerable<string> documents)
    {
        string? sourceText = null;
        try
        {
            sourceText = File.Exists(sourcePath) ? File.ReadAllText(sourcePath) : null;
        }
        catch (IOException)
        {
        }

        return new RenderedSource(Shown(sourcePath), string.Join("---\n", documents), sourceText);
    }

    private string Shown(string path) => FileDiscovery.DisplayPath(path, baseDirectory);

    private static List<string> SplitDocuments(string output)
    {
        var documents = new List<string>();
        var current = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.TrimEnd('\r') == "---")
            {
                Flush();
                continue;
            }

            current.Append(line).Append('\n');
        }

        Flush();
        return documents;

        void Flush()
        {
            if (current.ToString().Trim().Length > 0)
            {
                documents.Add(current.ToString());
            }

            current.Clear();
        }
    }

    private static string? SourceComment(string document)
    {
        foreach (var line in document.Split('\n'))
        {
            if (line.StartsWith("# Source: ", StringComparison.Ordinal))
            {
                return line["# Source: ".Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Kustomize keeps no source comments, so built objects are matched to resource files by kind and name.</summary>
    private static List<(string Kind, string Name, string Path)> ResourceOrigins(string directory)
    {
        var origins = new List<(string, string, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories).Where(FileDiscovery.IsYamlFile).Order(StringComparer.Ordinal))
        {
            try
            {
                foreach (var (kind, name) in KindsAndNames(File.ReadAllText(file)))
                {
                    origins.Add((kind, name, file));
                }
            }
            catch (IOException)
            {
            }
        }

        return origins;
    }

    private static string? OriginOf(string document, List<(string Kind, string Name, string Path)> origins)
    {
        foreach (var (kind, name) in KindsAndNames(document))
        {
            // Exact first; then a name prefix or suffix that the kustomization added.
            return origins.FirstOrDefault(origin => origin.Kind == kind && origin.Name == name).Path
                ?? origins.FirstOrDefault(origin => origin.Kind == kind && name.Contains(origin.Name, StringComparison.Ordinal)).Path;
        }

        return null;
    }

    private static IEnumerable<(string Kind, string Name)> KindsAndNames(string text)
    {
        foreach (var document in new YamlDocumentReader(text).Documents())
        {
            if (document.Root is YamlMapping root && root.Text("kind") is { } kind && root.Mapping("metadata")?.Text("name") is { } name)
            {
                yield return (kind, name);
            }
        }
    }
}
