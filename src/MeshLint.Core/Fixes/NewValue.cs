namespace MeshLint.Fixes;

/// <summary>A value a fix inserts, written in the style of its surroundings when it is rendered.</summary>
public abstract record NewValue
{
    /// <summary>A string, quoted as the sibling values are (or as it needs to be to stay a string).</summary>
    public static NewValue String(string text) => new NewString(text);

    /// <summary>YAML written as is, e.g. <c>true</c>.</summary>
    public static NewValue Raw(string yaml) => new NewRaw(yaml);

    /// <summary>A mapping of one key, for a mapping that does not exist yet.</summary>
    public static NewValue Map(string key, NewValue value) => new NewMap(key, value);
}

internal sealed record NewString(string Text) : NewValue;

internal sealed record NewRaw(string Yaml) : NewValue;

internal sealed record NewMap(string Key, NewValue Value) : NewValue;
