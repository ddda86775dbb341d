namespace MeshLint.Tests;

/// <summary>Where test inputs live, in the test output folder and in the repository.</summary>
public static class FixturePaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MeshLint.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the repository root (MeshLint.sln) is not above the test folder");
        }
    }
}
