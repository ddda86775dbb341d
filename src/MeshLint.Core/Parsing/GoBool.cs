namespace MeshLint.Parsing;

/// <summary>Go's strconv.ParseBool, which the Vault injector uses for its annotations.</summary>
internal static class GoBool
{
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "TRUE" or "true" or "True";

    public static bool IsFalse(string? value) => value is "0" or "f" or "F" or "FALSE" or "false" or "False";
}
