namespace MeshLint.Tests.Ci;

/// <summary>
/// A small repository of manifests: the Namespace that turns on injection lives in one folder,
/// a bad Deployment (findings only because of that Namespace) and a good one in another.
/// </summary>
public static class TestRepository
{
    public const string Namespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            istio-injection: enabled
        """;

    public const string Bad = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                vault.hashicorp.com/agent-inject: "true"
            spec:
              containers:
                - name: payments
                  image: example/payments:1
        """;

    public const string Good = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
            spec:
              containers:
                - name: catalog
                  image: example/catalog:1
        """;

    /// <summary>Writes the manifests under <paramref name="root"/>; with <paramref name="git"/> also makes it a git work tree.</summary>
    public static void Create(string root, bool git)
    {
        Write(root, "platform/namespace.yaml", Namespace);
        Write(root, "apps/bad.yaml", Bad);
        Write(root, "apps/good.yaml", Good);
        if (git)
        {
            Git(root, "init", "--quiet");
        }
    }

    public static void Write(string root, string relative, string content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content + "\n");
    }

    public static ToolRun Git(string root, params string[] args)
    {
        var run = ToolProcess.Run("git", ["-c", "user.name=MeshLint Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", .. args], root, timeout: TimeSpan.FromMinutes(1));
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {run}");
    }
}
