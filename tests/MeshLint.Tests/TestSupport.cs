using Xunit;
using System.Text;
using MeshLint.Cli;
using MeshLint.Engine;
using MeshLint.Input;

namespace MeshLint.Tests;

/// <summary>Runs the linter and the CLI the way users do, and finds the repository and outside tools.</summary>
public static class TestSupport
{
    /// <summary>A Deployment that MESH001 and MESH002 both report: injected, Vault agent, no hold, no exclusion.</summary>
    public const string VaultDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/inject: "true"
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: app
                  image: app:1
        """;

    public static LintResult Lint(string text) => new Linter(new LintOptions { Jobs = 1 }).RunText("input.yaml", text);

    public static LintResult LintBytes(byte[] bytes, LintOptions? options = null) =>
        new Linter(options ?? new LintOptions { Jobs = 1 }).Run([new SourceFile("input.yaml", null) { Content = bytes }]);

    public static MeshLint.Tests.Cli.CliRun RunCli(string workingDirectory, params string[] args) => MeshLint.Tests.Cli.CliRun.In(workingDirectory, args);

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "MeshLint.sln")))
                {
                    return directory;
                }
            }

            throw new InvalidOperationException("tests must run inside the repository");
        }
    }

    public static string CorpusRoot => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    /// <summary>An outside tool on PATH or in the repository's .tools/bin (where .ci/install-tools puts it).</summary>
    public static string? Tool(string name)
    {
        var local = Path.Combine(RepositoryRoot, ".tools", "bin");
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append(local))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A scratch folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("meshlint-zoo-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A test that needs an outside tool; skipped, saying why, when the tool is missing.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        if (TestSupport.Tool(tool) is null)
        {
            Skip = $"{tool} is not installed (run .ci/install-tools)";
        }
    }
}

/// <summary>A test that needs a Linux facility (FIFOs, statx); skipped elsewhere, saying why.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
    }
}
