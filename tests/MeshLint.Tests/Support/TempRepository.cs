namespace MeshLint.Tests.Support;

/// <summary>
/// A throw-away folder for one test, deleted afterwards. <c>new TempRepository()</c> is the root
/// of a repository as MeshLint sees one (it holds a <c>.git</c> folder, so config and
/// <c>.gitignore</c> lookups and the work-tree context stop there); <see cref="Folder"/> is a plain
/// folder that lies in no work tree.
/// </summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
        : this(gitRoot: true)
    {
    }

    private TempRepository(bool gitRoot)
        : this(Directory.CreateTempSubdirectory("meshlint-tests-").FullName, gitRoot)
    {
    }

    private TempRepository(string root, bool gitRoot)
    {
        Root = root;
        if (gitRoot)
        {
            Directory.CreateDirectory(Path.Combine(Root, ".git"));
        }
    }

    public string Root { get; }

    /// <summary>A folder in no work tree, for tests of what happens outside one (and for tools' scratch files).</summary>
    public static TempRepository Folder() => new(gitRoot: false);

    /// <summary>
    /// A <see cref="Folder"/> in memory (Linux's /dev/shm) where it has room for
    /// <paramref name="bytes"/>, else on disk: for a test of a hundred thousand files, whose writing
    /// and reading on a busy disk would take most of a minute and prove nothing more.
    /// </summary>
    public static TempRepository FolderInMemory(long bytes)
    {
        const string memory = "/dev/shm";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(memory))
        {
            return Folder();
        }

        // What a test run that was killed left behind would hold memory until the next boot.
        foreach (var stale in Directory.EnumerateDirectories(memory, "meshlint-tests-*").Where(folder => DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > TimeSpan.FromHours(1)))
        {
            new TempRepository(stale, gitRoot: false).Dispose();
        }

        return new DriveInfo(memory).AvailableFreeSpace > 2 * bytes
            ? new(Directory.CreateDirectory(Path.Combine(memory, "meshlint-tests-" + Path.GetRandomFileName())).FullName, gitRoot: false)
            : Folder();
    }

    /// <summary>The full path of <paramref name="relativePath"/> in this folder.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public TempRepository Write(string relativePath, string text)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Writes <see cref="Manifests.Shop"/> under <paramref name="folder"/> (relative; the root by default).</summary>
    public TempRepository WriteShop(string folder = "")
    {
        foreach (var (relativePath, text) in Manifests.Shop)
        {
            Write(Path.Combine(folder, relativePath), text);
        }

        return this;
    }

    /// <summary>Runs the CLI in process in the root; a lint run gets --no-color so reports are plain text.</summary>
    public RunOutcome Run(params string[] args) => RunIn(Root, args);

    public RunOutcome RunIn(string directory, params string[] args)
    {
        string[] line = args.FirstOrDefault() is "rules" or "explain" or "startup" or "context" or "init" or "fix" or "lint" or "diagnose" or "server" or "completion" ? args : ["--no-color", .. args];
        return CliRun.In(directory, line);
    }

    /// <summary>Runs the real git in the root (for the tests that drive pre-commit); a failure throws.</summary>
    public RunOutcome Git(params string[] args)
    {
        var run = ToolProcess.Run(Tools.Require("git"), ["-c", "user.name=MeshLint Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", .. args], Root, timeout: TimeSpan.FromMinutes(1));
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {run}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
