namespace MeshLint.Server.Documents;

/// <summary>Between LSP's document URIs and the file system's paths.</summary>
public static class Uris
{
    /// <summary>The local path of a <c>file:</c> URI (percent-escapes decoded), or null for any other scheme or a malformed URI.</summary>
    public static string? ToPath(string? uri)
    {
        if (uri is null || !System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(parsed.LocalPath);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    public static string FromPath(string path) => new System.Uri(path).AbsoluteUri;
}
