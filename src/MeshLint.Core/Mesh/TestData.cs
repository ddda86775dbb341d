namespace MeshLint.Mesh;

/// <summary>
/// Test data: manifests under a folder named <c>test</c>, <c>tests</c>, <c>testdata</c>, <c>fixtures</c>,
/// <c>__fixtures__</c> or <c>e2e</c> (or that <c>contextExclude</c> names) describe no cluster the
/// repository deploys to. Their Namespaces, control planes, Services and signs of Istio give context
/// only to workloads under the same folder: a fixture's Namespace must not decide a deployed pod's injection.
/// </summary>
internal static class TestData
{
    private static readonly HashSet<string> FolderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "testdata", "fixtures", "__fixtures__", "e2e",
    };

    /// <summary>
    /// The folder that makes a file test data: its path up to the first test-named folder (placement
    /// paths, forward slashes); null for a file outside test data.
    /// </summary>
    public static string? RootOf(string placement)
    {
        var end = 0;
        while (placement.IndexOf('/', end) is var slash and >= 0)
        {
            if (FolderNames.Contains(placement[end..slash]))
            {
                return placement[..slash];
            }

            end = slash + 1;
        }

        return null;
    }

    /// <summary>Whether a workload in <paramref name="folder"/> may take context from a source whose test root is <paramref name="root"/>.</summary>
    public static bool Sees(string folder, string? root) =>
        root is null || folder == root || (folder.Length > root.Length && folder[root.Length] == '/' && folder.StartsWith(root, StringComparison.Ordinal));
}
