namespace MeshLint.Tests;

/// <summary>Where test inputs live, in the test output folder and in the repository.</summary>
public static class FixturePaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string RepositoryRoot => TestSupport.RepositoryRoot;
}
