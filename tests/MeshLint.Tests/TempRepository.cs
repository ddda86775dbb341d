using MeshLint.Cli;

namespace MeshLint.Tests;

/// <summary>A throw-away repository on disk (with a .git folder) and a way to run the real CLI in it.</summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "meshlint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
    }

    public string Root { get; }

    public TempRepository Write(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public RunOutcome Run(params string[] args) => RunIn(Root, args);

    public RunOutcome RunIn(string directory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // Subcommands come first; a lint run gets --no-color so reports are plain text.
        string[] line = args.FirstOrDefault() is "rules" or "explain" ? args : ["--no-color", .. args];
        var code = Program.Run(line, new StringReader(string.Empty), stdout, stderr, directory);
        return new RunOutcome(code, stdout.ToString(), stderr.ToString());
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

public sealed record RunOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The "path:line:col: level RULE" heads of the text report's finding lines.</summary>
    public IReadOnlyList<string> Findings => Stdout.Split('\n')
        .Where(line => line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal) || line.Contains(": note ", StringComparison.Ordinal))
        .Select(line => string.Join(' ', line.Split(' ').Take(3)))
        .ToList();
}

/// <summary>Manifests the tests share.</summary>
public static class Manifests
{
    /// <summary>
    /// An injected Deployment (namespace not scanned) with Vault and no hold: MESH001 at 8:5
    /// (the template's metadata key) and MESH002 at 11:9 (the agent-inject key).
    /// </summary>
    public const string VaultWorkload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels: {app: web}
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: web
                  image: web:1

        """;

    public const string MeshWideHold = """
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata:
          name: mesh
          namespace: istio-system
        spec:
          meshConfig:
            defaultConfig:
              holdApplicationUntilProxyStarts: true

        """;
}
