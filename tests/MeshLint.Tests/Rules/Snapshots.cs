namespace MeshLint.Tests.Rules;

/// <summary>
/// Files in the repository that tests compare with what the code produces. With
/// MESHLINT_UPDATE_SNAPSHOTS=1 a test writes what it got instead of failing, so a changed message or
/// table is a diff to review.
/// </summary>
public static class Snapshots
{
    public const string UpdateVariable = "MESHLINT_UPDATE_SNAPSHOTS";

    public const string UpdateCommand = "MESHLINT_UPDATE_SNAPSHOTS=1 dotnet test --filter \"FullyQualifiedName~RuleFixture|FullyQualifiedName~RuleTable\"";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";
}
