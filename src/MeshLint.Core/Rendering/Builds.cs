using System.Collections.Concurrent;
using System.Text;
using MeshLint.Input;

namespace MeshLint.Rendering;

/// <summary>What a scan asks of the builds: where to look for the tools, how many at once, and the values files each chart is also rendered with.</summary>
/// <param name="ToolSearchPath">A PATH value: where kustomize, kubectl and helm are looked for; null finds none.</param>
internal sealed record BuildRequest(string WorkingDirectory, string? ToolSearchPath, int Jobs, Func<string, IReadOnlyList<string>> HelmValuesOf, bool Build = true);

/// <summary>The scan's files once the builds are known: linted and context files marked, build output added, and notes on what was not built.</summary>
internal sealed record BuildOutcome(IReadOnlyList<SourceFile> Linted, IReadOnlyList<SourceFile> Context, IReadOnlyList<string> Notes);

/// <summary>
/// Judges what a repository deploys rather than its raw files. Each kustomization root (one no
/// other kustomization of the scan uses) that includes a linted file is built with
/// <c>kustomize build</c> (or <c>kubectl kustomize</c>); each Helm chart is rendered with
/// <c>helm template</c>, with its <c>values.yaml</c>, each <c>ci/*-values.yaml</c> (as
/// chart-testing does) and the configured <c>helm.values</c>, one render each. Every distinct
/// build runs once, in parallel. The files a build includes are judged through its output; where
/// no build could be made, a kustomization's namespace and labels are applied in process.
/// </summary>
internal static class Builds
{
    public static BuildOutcome Prepare(IReadOnlyList<SourceFile> linted, IReadOnlyList<SourceFile> context, IReadOnlyList<string> charts, BuildRequest request)
    {
        var notes = new List<string>();
        var all = linted.Concat(context).Where(file => file.FullPath is not null).ToList();
        var lintedPaths = linted.Select(file => file.FullPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string Shown(string full) => FileDiscovery.DisplayPath(full, request.WorkingDirectory);
        var texts = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        string? Read(string full) => texts.GetOrAdd(full, path =>
        {
            try
            {
                var bytes = BoundedFile.Read(path, BoundedFile.DefaultMaxBytes);
                return bytes is null ? null : SourceText.Decode(bytes).Text;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        });

        var kustomizations = all.Where(file => Kustomization.IsKustomizationFile(file.FullPath!))
            .Select(file => Read(file.FullPath!) is { } text ? Kustomization.Read(file.FullPath!, text) : null)
            .OfType<Kustomization>()
            .ToList();
        var helmValues = kustomizations.SelectMany(k => k.HelmValuesFiles).ToHashSet(StringComparer.Ordinal);
        // --no-build reads every file as written: no root is built, nothing is applied in process.
        var roots = KustomizeGraph.Roots(request.Build ? kustomizations : [], Shown)
            .Where(root => lintedPaths.Any(path => root.Includes(path)) || root.Applied.Any(k => lintedPaths.Contains(k.FullPath)))
            .ToList();

        var chartRenders = new List<(string Chart, string? Values)>();
        var chartFolders = Charts(charts, linted);
        foreach (var chart in chartFolders)
        {
            var configured = request.HelmValuesOf(chart);
            foreach (var values in configured)
            {
                helmValues.Add(values);
            }

            chartRenders.Add((chart, null));
            var ci = Path.Combine(chart, "ci");
            if (Directory.Exists(ci))
            {
                chartRenders.AddRange(Directory.EnumerateFiles(ci)
                    .Where(file => FileDiscovery.IsYamlFile(file) && Path.GetFileNameWithoutExtension(file).EndsWith("-values", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .Select(file => (chart, (string?)file)));
            }

            chartRenders.AddRange(configured.Select(values => (chart, (string?)values)));
        }

        linted = linted.Select(file => file.FullPath is { } full && helmValues.Contains(full) ? file with { Role = FileRole.HelmValues } : file).ToList();
        var kustomize = request.Build ? KustomizeTool(request.ToolSearchPath) : null;
        var helm = request.Build ? ExternalTool.Find("helm", request.ToolSearchPath) : null;

        // Every build at once (each tool is its own process), as many as the scan's jobs.
        var kustomizeOutputs = new (string? Output, string? Error)[roots.Count];
        var helmOutputs = new (string? Output, string? Error)[chartRenders.Count];
        var work = new List<Action>();
        if (kustomize is { } tool)
        {
            for (var i = 0; i < roots.Count; i++)
            {
                var root = roots[i];
                var index = i;
                if (root.Missing.FirstOrDefault() is { } missing)
                {
                    // kustomize would fail on it; saying which file is missing is clearer, and costs no process.
                    kustomizeOutputs[i] = (null, $"{Shown(missing)} does not exist");
                    continue;
                }

                work.Add(() => kustomizeOutputs[index] = ExternalTool.Run(tool.Executable, [.. tool.Arguments, root.Kustomization.Directory], root.Kustomization.Directory));
            }
        }

        if (helm is not null)
        {
            work.AddRange(chartRenders.Select((render, i) => (Action)(() => helmOutputs[i] = ExternalTool.Run(helm, render.Values is { } values ? ["template", "meshlint", render.Chart, "-f", values] : ["template", "meshlint", render.Chart], render.Chart))));
        }

        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Jobs) }, run => run());

        var extraLinted = new List<SourceFile>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var unbuilt = new List<KustomizeRoot>();
        var sources = new SourceDocuments(Read);
        for (var i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            if (kustomize is null)
            {
                unbuilt.Add(root);
                continue;
            }

            if (kustomizeOutputs[i].Output is not { } output)
            {
                var error = kustomizeOutputs[i].Error ?? "no output";
                var reason = root.Remote.FirstOrDefault(remote => error.Contains(remote, StringComparison.Ordinal)) is { } remote
                    ? $"its remote resource {remote} could not be fetched"
                    : error;
                notes.Add($"{root.Label}: not built ({reason}); its namespace and labels were applied in process");
                unbuilt.Add(root);
                continue;
            }

            var shown = Shown(root.Kustomization.FullPath) + " (built)";
            var map = new KustomizeOutputMap(root, shown, output, Shown, sources);
            extraLinted.Add(new SourceFile(shown, root.Kustomization.FullPath + " (built)") { Content = Encoding.UTF8.GetBytes(output), Role = FileRole.Manifest, Origin = map });
            covered.UnionWith(root.ResourceChains.Keys);
            covered.UnionWith(root.PatchFiles);
        }

        if (request.Build && kustomize is null && unbuilt.Count > 0)
        {
            notes.Add($"{Count(unbuilt.Count, "kustomization")} not built ({string.Join(", ", unbuilt.Select(root => root.Label).Take(5))}{(unbuilt.Count > 5 ? ", …" : string.Empty)}): neither kustomize nor kubectl is on PATH; their namespace and labels were applied in process");
        }

        AddInProcess(unbuilt, covered, all, Read, Shown, extraLinted);

        var renderedCharts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < chartRenders.Count; i++)
        {
            var (chart, values) = chartRenders[i];
            var label = Shown(values ?? Path.Combine(chart, "values.yaml"));
            if (helm is null)
            {
                continue;
            }

            if (helmOutputs[i].Output is not { } output)
            {
                notes.Add($"{Shown(chart)}: not rendered with {label} ({helmOutputs[i].Error})");
                continue;
            }

            renderedCharts.Add(chart);
            var shown = $"{Shown(Path.Combine(chart, "Chart.yaml"))} (rendered with {label})";
            var map = new HelmOutputMap(chart, label, shown, output, Shown, Read);
            extraLinted.Add(new SourceFile(shown, Path.Combine(chart, $"Chart.yaml ({label})")) { Content = Encoding.UTF8.GetBytes(output), Role = FileRole.Manifest, Origin = map });
        }

        foreach (var chart in chartFolders)
        {
            var templates = Path.Combine(chart, "templates");
            if (renderedCharts.Contains(chart))
            {
                // The templates are judged through the renders; linted, so comments can suppress what is carried back to them.
                foreach (var template in Directory.Exists(templates) ? Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories).Where(FileDiscovery.IsYamlFile).Order(StringComparer.Ordinal).ToList() : [])
                {
                    if (!lintedPaths.Contains(template))
                    {
                        extraLinted.Add(new SourceFile(Shown(template), template) { JudgedByBuilds = true, FeedsContext = false });
                    }

                    covered.Add(template);
                }
            }
            else if (Directory.Exists(templates))
            {
                var why = !request.Build ? "files are read as written (--no-build)" : helm is null ? "helm is not on PATH" : "it could not be rendered";
                notes.Add($"{Shown(chart)}: Helm chart; its templates/ are Go templates, not YAML, and were skipped ({why}; or pipe 'helm template' into 'meshlint -')");
            }
        }

        var markedLinted = linted.Select(file => Mark(file, covered)).Concat(extraLinted).ToList();
        var markedContext = context.Select(file => Mark(file, covered)).ToList();
        return new BuildOutcome(markedLinted, markedContext, notes);
    }

    /// <summary>For the roots that could not be built: each file they include, with each distinct effect of their kustomizations on it.</summary>
    private static void AddInProcess(List<KustomizeRoot> unbuilt, HashSet<string> covered, List<SourceFile> all, Func<string, string?> read, Func<string, string> shown, List<SourceFile> extraLinted)
    {
        var byFile = new Dictionary<string, List<(InProcessKustomize Effect, string Label)>>(StringComparer.Ordinal);
        foreach (var root in unbuilt)
        {
            foreach (var (file, chain) in root.ResourceChains)
            {
                if (!byFile.TryGetValue(file, out var effects))
                {
                    byFile[file] = effects = [];
                }

                effects.Add((InProcessKustomize.Of(chain), root.Label));
            }
        }

        var known = all.GroupBy(file => file.FullPath!, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var (file, effects) in byFile.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!known.TryGetValue(file, out var source))
            {
                continue;
            }

            var distinct = effects.GroupBy(effect => effect.Effect.Identity).ToList();
            if (!covered.Contains(file) && distinct.Count == 1 && distinct[0].First().Effect.IsEmpty)
            {
                // Nothing the kustomizations do changes what the file says: it is linted as it is.
                continue;
            }

            if (read(file) is not { } text)
            {
                continue;
            }

            foreach (var group in distinct)
            {
                var effect = group.First().Effect;
                var label = string.Join(", ", group.Select(item => item.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                var variant = new SourceFile(source.DisplayPath, $"{file} ({label})")
                {
                    Content = Encoding.UTF8.GetBytes(text),
                    Transform = effect.Apply,
                    Origin = new InProcessOrigin(label, effect, shown),
                };
                // Linted even when only context: a finding about a value the kustomization wrote belongs to the kustomization.
                extraLinted.Add(variant);
            }

            covered.Add(file);
        }
    }

    private static SourceFile Mark(SourceFile file, HashSet<string> covered) =>
        file.FullPath is { } full && covered.Contains(full) ? file with { JudgedByBuilds = true, FeedsContext = false } : file;

    /// <summary>The chart folders to render: those the scan found, and those that hold a named file (a template a pre-commit hook passes). Subcharts render with their parent.</summary>
    private static List<string> Charts(IReadOnlyList<string> found, IReadOnlyList<SourceFile> linted)
    {
        var charts = new SortedSet<string>(found, StringComparer.Ordinal);
        foreach (var file in linted)
        {
            for (var folder = file.FullPath is { } full ? Path.GetDirectoryName(full) : null; folder is not null; folder = Path.GetDirectoryName(folder))
            {
                if (File.Exists(Path.Combine(folder, "Chart.yaml")) && file.FullPath!.StartsWith(Path.Combine(folder, "templates") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    charts.Add(folder);
                    break;
                }
            }
        }

        return charts.Where(chart => !IsSubchart(chart)).ToList();
    }

    private static bool IsSubchart(string chart) =>
        Path.GetDirectoryName(chart) is { } parent && Path.GetFileName(parent) == "charts" && Path.GetDirectoryName(parent) is { } owner && File.Exists(Path.Combine(owner, "Chart.yaml"));

    /// <summary>kustomize when it is on PATH, else kubectl's built-in kustomize.</summary>
    private static (string Executable, string[] Arguments)? KustomizeTool(string? searchPath) =>
        ExternalTool.Find("kustomize", searchPath) is { } kustomize ? (kustomize, ["build"])
        : ExternalTool.Find("kubectl", searchPath) is { } kubectl ? (kubectl, ["kustomize"])
        : null;

    private static string Count(int count, string what) => count == 1 ? $"1 {what} was" : $"{count} {what}s were";

    /// <summary>
    /// A file of a kustomization that could not be built, read with its namespace and labels:
    /// findings stay where they are, except those about a value the kustomization added, which go
    /// to where the kustomization writes it.
    /// </summary>
    private sealed class InProcessOrigin(string label, InProcessKustomize effect, Func<string, string> shown) : IBuildOrigin
    {
        public BuildKind Kind => BuildKind.InProcess;

        public string Label { get; } = label;

        public Findings.Finding? Map(Findings.Finding finding)
        {
            if (effect.WriterAt(finding.Start.Line) is not { } writer)
            {
                return finding;
            }

            if (Kustomization.IsCopyToPods(finding.RuleId, writer.Field))
            {
                return null;
            }

            var path = shown(writer.Path);
            return finding with
            {
                Path = path,
                Span = Parsing.SourceSpan.At(writer.At),
                Fingerprint = Findings.Fingerprint.Of(finding.RuleId, path, null, BuildFindings.Identity(finding)),
            };
        }
    }
}
