using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Rules;
using MeshLint.Scanning;
using MeshLint.Startup;

namespace MeshLint.Server.Documents;

/// <summary>
/// One lint of one buffer at one version: what <c>meshlint</c> reports for it, the pods it
/// modelled, and how its positions map to the buffer's. <see cref="Problems"/> holds what stopped
/// or spoiled the run (a configuration error, an internal error in a rule), to tell the user.
/// </summary>
public sealed record Linted(
    int Version,
    string Text,
    PositionMap Positions,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<PodStartup> Pods,
    RuleCatalog Catalog,
    MeshAssumptions Assumptions,
    string WorkingDirectory,
    IReadOnlyList<string> Problems)
{
    /// <summary>The file as the scan named it, or standard input for a buffer with no file on disk.</summary>
    public required ScanRequest Request { get; init; }
}

/// <summary>Where a buffer is linted from: the folder reports are relative to, and the folder that stands in for a work tree.</summary>
public sealed record LintPlace(string WorkingDirectory, string? ContextFolder)
{
    /// <summary>
    /// The workspace folder that holds the file (the deepest), else its git work tree, else its own
    /// folder: <c>meshlint FILE</c> run from there reports what the editor shows.
    /// </summary>
    public static LintPlace For(string path, IEnumerable<string> workspaceFolders)
    {
        var folder = workspaceFolders
            .Where(root => IsInside(path, root))
            .OrderByDescending(root => root.Length)
            .FirstOrDefault();
        if (folder is not null)
        {
            return new LintPlace(folder, folder);
        }

        return new LintPlace(WorkTreeContext.RootOf(path) ?? Path.GetDirectoryName(path) ?? "/", null);
    }

    public static bool IsInside(string path, string folder) =>
        path.StartsWith(folder, StringComparison.Ordinal) && (path.Length == folder.Length || path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));
}

/// <summary>Runs the scan that <c>meshlint FILE</c> would run for a buffer, with the other open buffers in place of their files.</summary>
public static class BufferLint
{
    public static ScanRequest RequestFor(string? path, string text, LintPlace place, IReadOnlyDictionary<string, byte[]> buffers, MeshContextCache cache)
    {
        if (path is not null && File.Exists(path))
        {
            return new ScanRequest
            {
                WorkingDirectory = place.WorkingDirectory,
                Paths = [Path.GetRelativePath(place.WorkingDirectory, path)],
                Contents = buffers,
                ContextFolder = place.ContextFolder,
                ContextCache = cache,
                ModelStartup = true,
            };
        }

        // A buffer with no file yet is linted as standard input, named as its file would be.
        var name = path is null ? "untitled.yaml" : FileDiscovery.DisplayPath(path, place.WorkingDirectory);
        return new ScanRequest
        {
            WorkingDirectory = place.WorkingDirectory,
            Paths = ["-"],
            Stdin = new StringReader(text),
            StdinFilename = name,
            Contents = buffers,
            ContextCache = cache,
            ModelStartup = true,
        };
    }

    public static Linted Run(int version, string text, ScanRequest request)
    {
        var positions = new PositionMap(text);
        var outcome = Scan.Run(request);
        if (outcome.Setup is not { } setup)
        {
            return new Linted(version, text, positions, [], [], RuleCatalog.BuiltIn, MeshAssumptions.Default, request.WorkingDirectory, outcome.SetupErrors) { Request = request };
        }

        var result = outcome.Result;
        var problems = result.InputErrors.Select(error => $"{error.Path}: {error.Message}").Concat(outcome.Notes).ToList();
        var file = outcome.Files.FirstOrDefault();
        var assumptions = file is not null && setup.Options.SettingsFor?.Invoke(file) is { } settings ? settings.Mesh : setup.Options.Mesh;
        return new Linted(version, text, positions, result.Findings, result.Pods, setup.Catalog, assumptions, request.WorkingDirectory, problems) { Request = request };
    }
}
