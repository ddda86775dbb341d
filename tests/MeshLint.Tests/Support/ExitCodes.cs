namespace MeshLint.Tests.Support;

/// <summary>The CLI's exit codes, spelled out here so a change to them in the CLI fails these tests.</summary>
internal static class ExitCodesUnderTest
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageOrInput = 2;
}
