using MeshLint.Baselines;
using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Rendering;

namespace MeshLint.Scanning;

/// <summary>
/// One lint run, end to end, in the order data flows: the configuration and rule selection, the
/// baseline, the files to lint (named, found in folders, standard input), the files read only for
/// mesh context (configured, and the rest of a git work tree), Helm and Kustomize output, the
/// <see cref="Linter"/> (mesh context, rules, inline ignores), findings in rendered output moved
/// back to their sources, and the baseline. Writing reports and choosing the exit code are the caller's.
/// </summary>
public static class Scan
{
    public static ScanOutcome Run(ScanRequest request)
    {
        PreloadKeyRegistry();
        var timings = request.Timings;
        var started = RunTimings.Now;
        var (setup, setupErrors) = ScanSetup.Prepare(request);
        timings?.AddSince("configuration and rule catalog", started);
        if (setup is null)
        {
            return new ScanOutcome(null, setupErrors);
        }

        // Read before linting: a bad baseline is a usage error, and a long scan should not precede it.
        Baseline? baseline = null;
        if (request.BaselineFile is { } baselineFile)
        {
            var (read, problem) = ReadBaseline(baselineFile, request.WorkingDirectory);
            if (problem is not null)
            {
                return new ScanOutcome(null, [problem]);
            }

            baseline = read;
        }

        started = RunTimings.Now;
        var named = request.Paths.Where(path => path != "-").ToList();
        var discovery = FileDiscovery.Discover(named, request.WorkingDirectory, request.Discovery, setup.Filter);
        var files = WithContents(discovery.Files, request).ToList();
        if (request.Paths.Contains("-"))
        {
            var text = request.Stdin?.ReadToEnd() ?? string.Empty;
            files.Add(new SourceFile(request.StdinFilename, null) { Content = System.Text.Encoding.UTF8.GetBytes(text), Role = FileRole.Manifest });
        }

        var linted = files.ToList();
        timings?.AddSince("find files", started);

        // Discovery met every folder's configuration; only now are the rules and levels of all of them known.
        (var completed, setupErrors) = setup.For(files, request);
        if (completed is null)
        {
            return new ScanOutcome(null, setupErrors);
        }

        setup = completed;

        var contextFiles = setup.ContextFiles.ToList();
        if (request.RepositoryContext)
        {
            started = RunTimings.Now;
            // Files named one by one (a pre-commit hook's changed files) and folders below the top of a work
            // tree keep the context of their whole work tree: a file gets the same findings whether it is
            // scanned alone, with its folder, or with the repository.
            var namedFiles = named.Where(path => File.Exists(Path.GetFullPath(path, request.WorkingDirectory)) || Directory.Exists(Path.GetFullPath(path, request.WorkingDirectory)));
            contextFiles.AddRange(WorkTreeContext.For(namedFiles, request.WorkingDirectory, setup.Filter, request.ContextFolder, request.ContextCache?.Listings));
            timings?.AddSince("find work-tree context files", started);
        }

        contextFiles = WithContents(contextFiles, request).ToList();

        started = RunTimings.Now;
        var folders = setup.Folders;
        var config = setup.Config;
        var builds = Builds.Prepare(files, contextFiles, discovery.HelmCharts, new BuildRequest(
            request.WorkingDirectory,
            request.ToolSearchPath,
            setup.Options.EffectiveJobs,
            chart => (folders?.For(chart) ?? config).HelmValues.GetValueOrDefault(chart) ?? [],
            request.Build));
        timings?.AddSince("kustomize and helm builds", started);

        var lintResult = new Linter(setup.Options, setup.Catalog).Run(builds.Linted, builds.Context);
        var result = lintResult with { InputErrors = [.. discovery.Errors, .. lintResult.InputErrors] };
        return new ScanOutcome(setup, [])
        {
            Result = baseline?.Apply(result) ?? result,
            Unbaselined = result.Findings,
            Notes = [.. discovery.Notes, .. builds.Notes, .. lintResult.Notes],
            Files = linted,
        };
    }

    /// <summary>
    /// The first pod checked needs the key registry, and reading it takes a one-file run a tenth of
    /// its time; on another core it is read while this thread reads the rule catalog. A failure
    /// there is left for the first real use to report.
    /// </summary>
    private static void PreloadKeyRegistry()
    {
        if (Environment.ProcessorCount < 2)
        {
            return;
        }

        new Thread(static () =>
        {
            try
            {
                _ = Registry.KeyRegistry.BuiltIn;
            }
            catch (Exception)
            {
                // The type initializer's failure is thrown again, with its cause, wherever the registry is used.
            }
        })
        { IsBackground = true, Name = "meshlint key registry" }.Start();
    }

    /// <summary>The files with the contents the request holds for them in place of what is on disk.</summary>
    private static IEnumerable<SourceFile> WithContents(IEnumerable<SourceFile> files, ScanRequest request) =>
        request.Contents is not { Count: > 0 } contents ? files
            : files.Select(file => file.FullPath is { } full && contents.TryGetValue(full, out var content) ? file with { Content = content } : file);

    private static (Baseline? Baseline, string? Problem) ReadBaseline(string file, string workingDirectory)
    {
        try
        {
            return Baseline.Read(file, File.ReadAllText(Path.GetFullPath(file, workingDirectory)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"{file}: cannot read the baseline: {exception.Message}");
        }
    }
}
