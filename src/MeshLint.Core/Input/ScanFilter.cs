using MAB.DotIgnore;
using Microsoft.Extensions.FileSystemGlobbing;
using Matcher = Microsoft.Extensions.FileSystemGlobbing.Matcher;

namespace MeshLint.Input;

/// <summary>
/// Decides which files a scan reads: the configuration's include/exclude globs (relative to the
/// folder holding <c>.meshlint.yaml</c>) and, while walking directories, what the repository's
/// <c>.gitignore</c> files exclude, the way git does: vendored charts, node_modules and build
/// output are full of YAML that is not the repository's own.
/// </summary>
public sealed class ScanFilter
{
    private readonly string root;
    private readonly Func<string, PathGlobs> globsFor;
    private readonly bool useGitignore;
    private readonly Dictionary<string, IgnoreList?> gitignores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> repositoryRoots = new(StringComparer.Ordinal);

    public ScanFilter(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, bool useGitignore)
    {
        this.root = Path.GetFullPath(root);
        var globs = new PathGlobs(this.root, include, this.root, exclude);
        globsFor = _ => globs;
        this.useGitignore = useGitignore;
    }

    /// <param name="globsFor">The include/exclude globs for the files of a folder (by full path): those of the folder's own configuration.</param>
    internal ScanFilter(string root, Func<string, PathGlobs> globsFor, bool useGitignore)
    {
        this.root = Path.GetFullPath(root);
        this.globsFor = globsFor;
        this.useGitignore = useGitignore;
    }

    /// <summary>Reads every file it is given (explicit files and directory walks alike).</summary>
    public static ScanFilter None(string root) => new(root, [], [], useGitignore: false);

    /// <summary>
    /// Whether a file is scanned under the include/exclude globs of its configuration. These apply to
    /// files named on the command line too, so a pre-commit hook that passes file names honours them.
    /// </summary>
    public bool Includes(string fullPath) => globsFor(Path.GetDirectoryName(fullPath) ?? fullPath).Includes(fullPath);

    /// <summary>Whether a directory walk skips an entry because a <c>.gitignore</c> (here or in a parent up to the repository root) excludes it.</summary>
    /// <summary>Whether .gitignore excludes this folder or one of the folders above it in its repository.</summary>
    public bool IsInsideIgnored(string directory)
    {
        var stop = RepositoryRootOf(directory);
        for (var current = directory; current is not null && !string.Equals(current, stop, StringComparison.Ordinal); current = Path.GetDirectoryName(current))
        {
            if (IsGitIgnored(current, isDirectory: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="fullPath">The file or folder.</param>
    /// <param name="isDirectory">Whether it is a folder (git's "dir/" patterns match only folders).</param>
    /// <param name="namedRoot">
    /// A folder the user named that .gitignore excludes itself (a build output folder, say): it is
    /// read because it was asked for, so only the .gitignore files inside it apply below it.
    /// </param>
    public bool IsGitIgnored(string fullPath, bool isDirectory, string? namedRoot = null)
    {
        if (!useGitignore)
        {
            return false;
        }

        var parent = Path.GetDirectoryName(fullPath);
        if (parent is null)
        {
            return false;
        }

        // Outside a repository git reads no .gitignore at all; we still honour those from the
        // configuration's folder down, but never one that merely sits higher up, such as /tmp's.
        var stop = namedRoot ?? RepositoryRootOf(parent) ?? (IsUnder(parent, root) ? root : parent);
        for (var directory = parent; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (GitignoreIn(directory) is { } list)
            {
                var relative = Path.GetRelativePath(directory, fullPath).Replace('\\', '/');
                if (list.IsIgnored(relative, isDirectory))
                {
                    return true;
                }
            }

            if (string.Equals(directory, stop, StringComparison.Ordinal))
            {
                break;
            }
        }

        return false;
    }

    private IgnoreList? GitignoreIn(string directory)
    {
        if (!gitignores.TryGetValue(directory, out var list))
        {
            var file = Path.Combine(directory, ".gitignore");
            try
            {
                list = File.Exists(file) ? new IgnoreList(File.ReadAllLines(file).Where(line => line.Length > 0 && !line.StartsWith('#'))) : null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                list = null;
            }

            gitignores[directory] = list;
        }

        return list;
    }

    private string? RepositoryRootOf(string directory)
    {
        if (!repositoryRoots.TryGetValue(directory, out var found))
        {
            found = IsRepositoryRoot(directory) ? directory : Path.GetDirectoryName(directory) is { } parent ? RepositoryRootOf(parent) : null;
            repositoryRoots[directory] = found;
        }

        return found;
    }

    private static bool IsUnder(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    private static bool IsRepositoryRoot(string directory)
    {
        var git = Path.Combine(directory, ".git");
        return Directory.Exists(git) || File.Exists(git);
    }
}

/// <summary>The include and exclude globs of one configuration, each relative to the folder of the file that wrote it.</summary>
internal sealed class PathGlobs
{
    private readonly string includeRoot;
    private readonly Matcher? include;
    private readonly string excludeRoot;
    private readonly Matcher? exclude;

    public PathGlobs(string includeRoot, IReadOnlyList<string> include, string excludeRoot, IReadOnlyList<string> exclude)
    {
        this.includeRoot = includeRoot;
        this.include = Globs(include);
        this.excludeRoot = excludeRoot;
        this.exclude = Globs(exclude);
    }

    public bool Includes(string fullPath) =>
        (include is null || Matches(include, includeRoot, fullPath) != false) && (exclude is null || Matches(exclude, excludeRoot, fullPath) != true);

    /// <summary>Whether one of the include globs names the file (false outside their folder, or with none).</summary>
    public bool Names(string fullPath) => include is not null && Matches(include, includeRoot, fullPath) == true;

    /// <summary>Null outside the globs' folder: they say nothing about a file there.</summary>
    private static bool? Matches(Matcher matcher, string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return matcher.Match(relative).HasMatches;
    }

    private static Matcher? Globs(IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in patterns)
        {
            // "vendor/" means everything below vendor, as in .gitignore.
            matcher.AddInclude(pattern.EndsWith('/') ? pattern + "**" : pattern);
        }

        return matcher;
    }
}
