namespace MeshLint.Tests.Support;

/// <summary>Where test inputs live, in the test output folder and in the repository.</summary>
public static class FixturePaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
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
