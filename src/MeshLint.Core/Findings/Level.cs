namespace MeshLint.Findings;

/// <summary>How serious a finding is; the order is the order of --fail-on.</summary>
public enum Level
{
    Note,
    Warning,
    Error,
}

public static class LevelNames
{
    public static string Name(this Level level) => level switch
    {
        Level.Error => "error",
        Level.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string text, out Level level)
    {
        switch (text)
        {
            case "error":
                level = Level.Error;
                return true;
            case "warning":
                level = Level.Warning;
                return true;
            case "note":
                level = Level.Note;
                return true;
            default:
                level = default;
                return false;
        }
    }
}
