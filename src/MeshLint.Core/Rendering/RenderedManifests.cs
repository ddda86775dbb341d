using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;

namespace MeshLint.Rendering;

/// <summary>The Helm and Kustomize output of a run, as files to lint and a way back to their sources.</summary>
internal sealed class RenderedManifests
{
    private readonly Dictionary<string, RenderedSource> byPath = new(StringComparer.Ordinal);

    private RenderedManifests(RenderOutcome outcome)
    {
        Errors = outcome.Errors;
        foreach (var source in outcome.Sources)
        {
            byPath.TryAdd(source.DisplayPath, source);
        }

        Files = byPath.Values
            .Select(source => new SourceFile(source.DisplayPath, null) { Content = System.Text.Encoding.UTF8.GetBytes(source.RenderedText) })
            .ToList();
    }

    public IReadOnlyList<SourceFile> Files { get; }

    public IReadOnlyList<InputError> Errors { get; }

    public static RenderedManifests Render(Discovery discovery, string workingDirectory)
    {
        var renderer = new ManifestRenderer(workingDirectory);
        var helm = renderer.RenderHelmCharts(discovery.HelmCharts);
        var kustomize = renderer.BuildKustomizations(discovery.Kustomizations);
        return new RenderedManifests(new RenderOutcome([.. helm.Sources, .. kustomize.Sources], [.. helm.Errors, .. kustomize.Errors]));
    }

    /// <summary>Moves findings in rendered output to the lines of the files they came from.</summary>
    public LintResult Remap(LintResult result)
    {
        if (byPath.Count == 0)
        {
            return result;
        }

        var findings = result.Findings.Select(finding => byPath.TryGetValue(finding.Path, out var source) ? source.Remap(finding) with { Fix = null } : finding).ToList();
        findings.Sort(FindingOrder.Instance);
        return result with { Findings = findings };
    }
}
