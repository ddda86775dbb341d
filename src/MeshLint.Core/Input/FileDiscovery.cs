namespace MeshLint.Input;

/// <summary>
/// Expands the paths a user gave into the YAML files to lint, in a stable order. Directories are
/// searched recursively for *.yaml and *.yml; hidden folders (.git, .github's neighbours) and
/// symbolic links to folders are not entered, so a scan stays inside the tree it was given.
/// </summary>
public static class FileDiscovery
{
    public static (IReadOnlyList<SourceFile> Files, IReadOnlyList<Findings.InputError> Errors) Expand(IEnumerable<string> paths, string baseDirectory, ScanFilter? filter = null)
    {
        filter ??= ScanFilter.None(baseDirectory);
        var files = new List<SourceFile>();
        var errors = new List<Findings.InputError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, baseDirectory);
            if (File.Exists(full))
            {
                Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full, errors, baseDirectory, filter))
                {
                    Add(file);
                }
            }
            else
            {
                errors.Add(new Findings.InputError(path, "no such file or directory"));
            }
        }

        return (files, errors);

        void Add(string full)
        {
            if (filter.Includes(full) && seen.Add(full))
            {
                files.Add(new SourceFile(DisplayPath(full, baseDirectory), full));
            }
        }
    }

    /// <summary>Relative to the base directory when inside it, with forward slashes, so reports never show machine paths.</summary>
    public static string DisplayPath(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) && Path.IsPathRooted(fullPath) ? fullPath : relative;
        return shown.Replace('\\', '/');
    }

    public static bool IsYamlFile(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Walk(string root, List<Findings.InputError> errors, string baseDirectory, ScanFilter filter)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                errors.Add(new Findings.InputError(DisplayPath(directory, baseDirectory), "cannot read directory: " + exception.Message));
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.') || filter.IsGitIgnored(entry.FullName, entry is DirectoryInfo))
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is null)
                    {
                        subdirectories.Add(sub.FullName);
                    }
                }
                else if (IsYamlFile(entry.Name))
                {
                    yield return entry.FullName;
                }
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }
}
