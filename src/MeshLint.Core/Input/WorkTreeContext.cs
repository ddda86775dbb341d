namespace MeshLint.Input;

/// <summary>
/// The files that give a few named files their mesh context. A pre-commit hook passes only the
/// changed files, yet the Namespace and IstioOperator that decide their findings usually live
/// elsewhere in the repository: so when files are named one by one inside a git work tree, the
/// whole work tree's YAML is read for context (cheaply: a byte test skips all but the few files
/// that can contribute) while findings stay limited to the named files.
/// </summary>
internal static class WorkTreeContext
{
    /// <summary>The work tree a path lies in: the nearest folder holding <c>.git</c> (a folder, or a file in linked work trees and submodules).</summary>
    public static string? RootOf(string fullPath)
    {
        for (var directory = Path.GetDirectoryName(fullPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var marker = Path.Combine(directory, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return directory;
            }
        }

        return null;
    }

    /// <summary>
    /// The YAML files of every work tree that holds one of <paramref name="namedFiles"/>, found the
    /// way a directory scan finds them, so one file's findings equal the whole tree's for that file.
    /// Unreadable folders are skipped: context is a best effort and never fails a run. What the
    /// <paramref name="filter"/> leaves out of a scan (.gitignore, excludes) is not context either:
    /// build output or vendored YAML says nothing about the mesh, and reading it costs time.
    /// </summary>
    /// <param name="fallbackRoot">The folder that stands in for a work tree where none holds a named file (an editor's workspace folder).</param>
    /// <param name="listings">Keeps each work tree's listing between runs (the language server); null walks the trees.</param>
    public static IReadOnlyList<SourceFile> For(IEnumerable<string> namedFiles, string baseDirectory, ScanFilter? filter = null, string? fallbackRoot = null, WorkTreeListings? listings = null)
    {
        var roots = namedFiles
            .Select(path => RootOf(Path.GetFullPath(path, baseDirectory)) ?? fallbackRoot)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roots.Count == 0)
        {
            return [];
        }

        return listings is null
            ? FileDiscovery.Expand(roots, baseDirectory, filter).Files
            : roots.SelectMany(root => listings.Of(root, baseDirectory, () => FileDiscovery.Expand([root], baseDirectory, filter).Files)).ToList();
    }
}
