using MeshLint.Input;

namespace MeshLint.Configuration;

/// <summary>
/// The configuration of each folder of a scan: the nearest <c>.meshlint.yaml</c> in it or above it
/// (up to the repository root), as ruff finds its own, with what it extends merged under it. Each
/// folder is looked up once and each file read once; problems gather in <see cref="Errors"/>.
/// Used while discovery walks folders, on one thread.
/// </summary>
internal sealed class FolderConfigs(string workingDirectory)
{
    private readonly Dictionary<string, MeshLintConfig> byFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MeshLintConfig> byFile = new(StringComparer.Ordinal);
    private readonly List<string> errors = [];

    /// <summary>What a folder without a configuration is linted with: the defaults, as when no file exists at all.</summary>
    private readonly MeshLintConfig none = new() { BaseDirectory = workingDirectory };

    public IReadOnlyList<string> Errors => errors;

    /// <summary>The configuration of a folder; the defaults where its file has an error (named in <see cref="Errors"/>).</summary>
    public MeshLintConfig For(string directory)
    {
        if (byFolder.TryGetValue(directory, out var known))
        {
            return known;
        }

        var (path, ambiguous) = ConfigReader.Find(directory, workingDirectory);
        MeshLintConfig config;
        if (ambiguous is not null)
        {
            AddError(ambiguous);
            config = none;
        }
        else if (path is null)
        {
            config = none;
        }
        else if (!byFile.TryGetValue(path, out config!))
        {
            var (loaded, problems) = ConfigReader.Load(path, FileDiscovery.DisplayPath(path, workingDirectory), workingDirectory);
            foreach (var problem in problems)
            {
                AddError(problem.ToString());
            }

            config = loaded ?? none;
            byFile[path] = config;
        }

        byFolder[directory] = config;
        return config;
    }

    private void AddError(string error)
    {
        if (!errors.Contains(error, StringComparer.Ordinal))
        {
            errors.Add(error);
        }
    }
}
