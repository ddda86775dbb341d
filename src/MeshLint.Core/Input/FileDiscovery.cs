namespace MeshLint.Input;

/// <summary>
/// Expands the paths a user gave into the YAML files to lint, in a stable order. Directories are
/// searched recursively for *.yaml and *.yml; hidden folders (.git, .github's neighbours) and
/// symbolic links to folders are not entered, and links to files outside the scanned root are not
/// read, so a scan stays inside the tree it was given. A Helm chart's templates/ is not plain YAML:
/// it is listed for rendering (or a note) instead.
/// </summary>
public static class FileDiscovery
{
    public static (IReadOnlyList<SourceFile> Files, IReadOnlyList<InputError> Errors) Expand(IEnumerable<string> paths, string baseDirectory, ScanFilter? filter = null)
    {
        var discovery = Discover(paths, baseDirectory, new DiscoveryOptions(), filter);
        return (discovery.Files, discovery.Errors);
    }

    public static Discovery Discover(IEnumerable<string> paths, string baseDirectory, DiscoveryOptions options, ScanFilter? filter = null)
    {
        filter ??= ScanFilter.None(baseDirectory);
        var files = new List<SourceFile>();
        var errors = new List<InputError>();
        var walk = new WalkState(options, errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, baseDirectory);
            if (File.Exists(full))
            {
                Add(full, Path.GetDirectoryName(full)!);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full, walk, baseDirectory, filter))
                {
                    Add(file, full);
                }
            }
            else
            {
                errors.Add(new InputError(path, "no such file or directory"));
            }
        }

        return new Discovery(files, errors, walk.Notes, walk.HelmCharts);

        void Add(string full, string scannedRoot)
        {
            if (filter.Includes(full) && seen.Add(full))
            {
                files.Add(new SourceFile(DisplayPath(full, baseDirectory, scannedRoot), full));
            }
        }
    }

    /// <summary>
    /// Relative to the base directory when inside it, with forward slashes. Outside it, relative to the
    /// enclosing git repository (or else the scanned root), so reports never show machine paths.
    /// </summary>
    public static string DisplayPath(string fullPath, string baseDirectory, string? scannedRoot = null)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            var anchor = GitRoot(fullPath) ?? scannedRoot ?? Path.GetDirectoryName(fullPath)!;
            relative = Path.GetRelativePath(anchor, fullPath);
        }

        return relative.Replace('\\', '/');
    }

    public static bool IsYamlFile(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string? GitRoot(string fullPath)
    {
        for (var directory = Path.GetDirectoryName(fullPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(Path.Combine(directory, ".git")) || File.Exists(Path.Combine(directory, ".git")))
            {
                return directory;
            }
        }

        return null;
    }

    private static IEnumerable<string> Walk(string root, WalkState state, string baseDirectory, ScanFilter filter)
    {
        var roots = RealRoots(root);
        var namedRoot = filter.IsInsideIgnored(root) ? root : null;
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
                state.Errors.Add(new InputError(DisplayPath(directory, baseDirectory, root), "cannot read directory: " + exception.Message));
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var isChart = entries.Any(entry => entry is FileInfo && entry.Name == "Chart.yaml");
            if (isChart)
            {
                // Its templates/ are Go templates, not YAML: the chart is rendered, or noted as skipped, instead.
                state.HelmCharts.Add(directory);
            }

            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.') || (isChart && entry.Name == "templates" && entry is DirectoryInfo) || filter.IsGitIgnored(entry.FullName, entry is DirectoryInfo, namedRoot))
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is null)
                    {
                        subdirectories.Add(sub.FullName);
                    }
                    else if (state.Options.FollowSymlinks && Resolve(sub, state, baseDirectory, root) is { } target && state.VisitedLinks.Add(target))
                    {
                        subdirectories.Add(sub.FullName);
                    }
                }
                else if (IsYamlFile(entry.Name))
                {
                    if (entry.LinkTarget is not null && !state.Options.FollowSymlinks)
                    {
                        var target = Resolve(entry, state, baseDirectory, root);
                        if (target is null)
                        {
                            continue;
                        }

                        if (!roots.Any(real => IsInside(target, real)))
                        {
                            state.Notes.Add($"{DisplayPath(entry.FullName, baseDirectory, root)}: a symbolic link out of the scanned folder; not followed (use --follow-symlinks)");
                            continue;
                        }
                    }

                    yield return entry.FullName;
                }
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    /// <summary>The final target of a link, or null (with an error) for a loop or an unreadable link.</summary>
    private static string? Resolve(FileSystemInfo link, WalkState state, string baseDirectory, string root)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link.FullName;
        }
        catch (IOException exception)
        {
            state.Errors.Add(new InputError(DisplayPath(link.FullName, baseDirectory, root), "cannot follow symbolic link: " + exception.Message));
            return null;
        }
    }

    /// <summary>The root as given and, when it is itself a link, where it leads.</summary>
    private static List<string> RealRoots(string root)
    {
        var roots = new List<string> { root };
        try
        {
            if (new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                roots.Add(target.FullName);
            }
        }
        catch (IOException)
        {
        }

        return roots;
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private sealed class WalkState(DiscoveryOptions options, List<InputError> errors)
    {
        public DiscoveryOptions Options { get; } = options;

        public List<InputError> Errors { get; } = errors;

        public List<string> Notes { get; } = [];

        public List<string> HelmCharts { get; } = [];

        public HashSet<string> VisitedLinks { get; } = new(StringComparer.Ordinal);
    }
}
