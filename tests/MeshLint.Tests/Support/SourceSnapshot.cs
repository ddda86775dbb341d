using System.Security.Cryptography;
using System.Text;

namespace MeshLint.Tests.Support;

/// <summary>
/// One copy of this work tree, committed to a git repository of its own, for the tests that
/// install MeshLint from source as its users do: the Action built from source, <c>dotnet pack</c>
/// and <c>dotnet tool install</c>, pre-commit's <c>dotnet</c> hooks. Each of those builds MeshLint
/// in Release with ReadyToRun code, a minute or more of the machine's time; sharing one copy lets
/// the builds in it be incremental and lets pre-commit build its hook environment once (its store,
/// <see cref="PreCommitHome"/>, keeps one environment per repository and commit).
/// </summary>
/// <remarks>
/// The copy lives in the temporary folder under a key made of every file's path and bytes (and
/// the .NET runtime), so it is made once per state of the sources, reused by later test runs of the
/// same sources (the second suite run of <c>.ci/run</c>, a developer's next <c>dotnet test</c>) and
/// never reused after any change. What is copied is what a commit of the work tree would hold
/// (<c>git ls-files</c>: tracked and untracked files, not ignored ones), or, outside a git work
/// tree, every file but build outputs and installed packages. Copies unused for two hours are removed.
/// </remarks>
public sealed class SourceSnapshot
{
    private static readonly Lazy<SourceSnapshot> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Folders never copied when the work tree's own list of files is not at hand (with packed .vsix files).</summary>
    private static readonly string[] NotSources = [".git", ".tools", "bin", "obj", "TestResults", "node_modules", "dist", "artifacts", "out"];

    /// <summary>Git's variables that would point a git command at another repository (set inside a git hook, say).</summary>
    private static readonly IReadOnlyDictionary<string, string?> OutsideRepository = new Dictionary<string, string?>
    {
        ["GIT_DIR"] = null,
        ["GIT_WORK_TREE"] = null,
        ["GIT_INDEX_FILE"] = null,
        ["GIT_OBJECT_DIRECTORY"] = null,
    };

    private static readonly TimeSpan UnusedFor = TimeSpan.FromHours(2);

    private readonly SemaphoreSlim inProcess = new(1);

    private SourceSnapshot(string folder, string root, string? revision)
    {
        Folder = folder;
        Root = root;
        Revision = revision;
    }

    /// <summary>The snapshot of the sources as they are now, made on first use.</summary>
    public static SourceSnapshot Current => Shared.Value;

    /// <summary>The folder of this snapshot: the copy, the pre-commit store and the lock beside it.</summary>
    public string Folder { get; }

    /// <summary>The copy of the work tree (the root of a git repository when git is installed).</summary>
    public string Root { get; }

    /// <summary>The commit that holds the copy, or null where git is not installed.</summary>
    public string? Revision { get; }

    /// <summary>The PRE_COMMIT_HOME shared by the tests of hooks from this snapshot.</summary>
    public string PreCommitHome => Path.Combine(Folder, "pre-commit");

    /// <summary>The commit of the copy; skips the running test where git is not installed.</summary>
    public string RequireRevision()
    {
        Tools.Require("git");
        return Revision ?? throw new InvalidOperationException($"the snapshot {Root} was made without git");
    }

    /// <summary>
    /// A pre-commit configuration, written to <paramref name="path"/> (best outside the repository
    /// under test, so it is not one of the files linted), that takes <paramref name="hooks"/> from this
    /// snapshot's commit: pre-commit clones that commit into its store and builds the hooks from it.
    /// </summary>
    public string WritePreCommitConfig(string path, params string[] hooks)
    {
        var config = new StringBuilder("repos:\n")
            .Append("  - repo: '").Append(Root.Replace("'", "''", StringComparison.Ordinal)).Append("'\n")
            .Append("    rev: ").Append(RequireRevision()).Append('\n')
            .Append("    hooks:\n");
        foreach (var hook in hooks)
        {
            config.Append("      - id: ").Append(hook).Append('\n');
        }

        File.WriteAllText(path, config.ToString());
        return path;
    }

    /// <summary>
    /// Sole use of the copy's build outputs while MSBuild runs in it, against the other tests of
    /// this run and other test runs of the same sources on this machine.
    /// </summary>
    public IDisposable Lock()
    {
        inProcess.Wait();
        try
        {
            return new Held(FileLock.Take(Path.Combine(Folder, "lock")), inProcess);
        }
        catch
        {
            inProcess.Release();
            throw;
        }
    }

    private static SourceSnapshot Create()
    {
        var repository = FixturePaths.RepositoryRoot;
        var git = Tools.Find("git");
        var files = ListSources(repository, git);
        var key = Key(repository, files, git is not null);
        var parent = Path.Combine(Path.GetTempPath(), "meshlint-test-sources");
        var folder = Path.Combine(parent, key);
        Directory.CreateDirectory(folder);
        var root = Path.Combine(folder, "source");
        var done = Path.Combine(folder, "source.done");
        string? revision;
        using (FileLock.Take(Path.Combine(folder, "lock")))
        {
            File.WriteAllText(Path.Combine(folder, "last-used"), DateTime.UtcNow.ToString("O"));
            if (!File.Exists(done) || !Directory.Exists(root))
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                foreach (var file in files)
                {
                    var target = Path.Combine(root, file);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Path.Combine(repository, file), target);
                }

                revision = git is null ? null : Commit(git, root);
                File.WriteAllText(done, revision ?? string.Empty);
            }
            else
            {
                revision = File.ReadAllText(done) is { Length: > 0 } recorded ? recorded : null;
            }
        }

        RemoveUnused(parent, folder);
        return new SourceSnapshot(folder, root, revision);
    }

    /// <summary>The work tree's files, relative to its root, in ordinal order.</summary>
    private static List<string> ListSources(string repository, string? git)
    {
        var isWorkTree = Directory.Exists(Path.Combine(repository, ".git")) || File.Exists(Path.Combine(repository, ".git"));
        IEnumerable<string> files;
        if (git is not null && isWorkTree)
        {
            var listed = ToolProcess.Run(git, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], repository, OutsideRepository, TimeSpan.FromMinutes(1));
            if (listed.ExitCode != 0)
            {
                throw new InvalidOperationException($"git ls-files failed in {repository}: {listed}");
            }

            files = listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            files = Walk(repository).Select(file => Path.GetRelativePath(repository, file));
        }

        // Tracked files deleted from the work tree are listed too, and a link (.tools made a link to
        // an installed copy, say) is not a source.
        return files
            .Where(file => new FileInfo(Path.Combine(repository, file)) is { Exists: true, LinkTarget: null })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(file => !file.EndsWith(".vsix", StringComparison.Ordinal)))
        {
            yield return file;
        }

        foreach (var directory in Directory.EnumerateDirectories(folder).Where(directory => !NotSources.Contains(Path.GetFileName(directory))))
        {
            foreach (var file in Walk(directory))
            {
                yield return file;
            }
        }
    }

    private static string Key(string repository, List<string> files, bool committed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}\0{committed}\0"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Replace('\\', '/') + "\0"));
            var bytes = File.ReadAllBytes(Path.Combine(repository, file));
            hash.AppendData(BitConverter.GetBytes(bytes.LongLength));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Commits the copy with a fixed author and date, so the same sources make the same commit.</summary>
    private static string Commit(string git, string root)
    {
        var environment = new Dictionary<string, string?>(OutsideRepository)
        {
            ["GIT_AUTHOR_DATE"] = "2000-01-01T00:00:00Z",
            ["GIT_COMMITTER_DATE"] = "2000-01-01T00:00:00Z",
        };
        string[] identity = ["-c", "user.name=MeshLint Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"];
        foreach (var args in new[] { ["init", "--quiet"], ["add", "--all", "--force"], new[] { "commit", "--quiet", "--no-verify", "-m", "snapshot" } })
        {
            var run = ToolProcess.Run(git, [.. identity, .. args], root, environment, TimeSpan.FromMinutes(2));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {root}: {run}");
            }
        }

        return ToolProcess.Run(git, ["rev-parse", "HEAD"], root, OutsideRepository).Stdout.Trim();
    }

    /// <summary>Removes the snapshots of other sources that no test run has used for a while.</summary>
    private static void RemoveUnused(string parent, string current)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent).Where(folder => folder != current))
        {
            var stamp = Path.Combine(folder, "last-used");
            var lastUsed = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : Directory.GetLastWriteTimeUtc(folder);
            if (DateTime.UtcNow - lastUsed < UnusedFor)
            {
                continue;
            }

            try
            {
                using (FileLock.TryTake(Path.Combine(folder, "lock")) ?? throw new IOException("in use"))
                {
                    foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Where(entry => Path.GetFileName(entry) != "lock"))
                    {
                        if (Directory.Exists(entry))
                        {
                            Directory.Delete(entry, recursive: true);
                        }
                        else
                        {
                            File.Delete(entry);
                        }
                    }
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // In use, or being removed by another run: left for a later one.
            }
        }
    }

    private sealed class Held(FileStream file, SemaphoreSlim inProcess) : IDisposable
    {
        public void Dispose()
        {
            file.Dispose();
            inProcess.Release();
        }
    }
}

/// <summary>
/// A lock file held open for sole use: .NET takes an advisory lock on a file opened with
/// <see cref="FileShare.None"/>, which other processes (and other opens in this one) respect.
/// </summary>
internal static class FileLock
{
    public static FileStream Take(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (TryTake(path) is { } taken)
            {
                return taken;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"{path} stayed locked for {waited.Elapsed}");
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(250));
        }
    }

    public static FileStream? TryTake(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
