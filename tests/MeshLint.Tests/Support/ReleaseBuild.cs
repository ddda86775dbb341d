using Xunit;

namespace MeshLint.Tests.Support;

/// <summary>
/// A release built on this machine by <c>scripts/release-local.sh</c> (the Native AOT archive, its
/// checksum, the NuGet tool packages), named by <c>MESHLINT_RELEASE_DIST</c>. Building one takes
/// minutes, so tests of the release skip when none is named; <c>.ci/run</c> builds it first and
/// names it, and skips none.
/// </summary>
public static class ReleaseBuild
{
    public const string DistVariable = "MESHLINT_RELEASE_DIST";

    /// <summary>The folder the release was written to; skips the running test when there is none.</summary>
    public static string RequireDist()
    {
        var dist = Environment.GetEnvironmentVariable(DistVariable);
        Skip.If(string.IsNullOrEmpty(dist), $"no local release: run scripts/release-local.sh and set {DistVariable}=dist (.ci/run does both)");
        var full = Path.GetFullPath(dist!, FixturePaths.RepositoryRoot);
        if (!File.Exists(Path.Combine(full, "SHA256SUMS")))
        {
            throw new InvalidOperationException($"{DistVariable}={dist} holds no SHA256SUMS: run scripts/release-local.sh");
        }

        return full;
    }

    /// <summary>The version this checkout builds, as the release names it.</summary>
    public static string Version => MeshLint.Cli.Program.Version;

    /// <summary>This machine's platform as release archives name it (linux-x64, linux-arm64, ...).</summary>
    public static string Rid => (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-"
        + System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    public static string ArchiveName => OperatingSystem.IsWindows() ? $"meshlint-{Version}-{Rid}.zip" : $"meshlint-{Version}-{Rid}.tar.gz";

    /// <summary>The lines of the release's SHA256SUMS that name this platform's archive.</summary>
    public static string ArchiveChecksumLine(string dist) =>
        File.ReadAllLines(Path.Combine(dist, "SHA256SUMS")).Single(line => line.EndsWith("  " + ArchiveName, StringComparison.Ordinal));
}
