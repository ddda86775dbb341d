namespace MeshLint.Input;

/// <summary>Reads a file only when it is a regular file no larger than a limit, so no input can hang or flood a run.</summary>
internal static class BoundedFile
{
    /// <summary>The bytes, or null when the file is larger than <paramref name="maxBytes"/>. Throws IOException for what cannot be read.</summary>
    public static byte[]? Read(string path, long maxBytes)
    {
        if (FileKind.NonRegularKind(path) is { } kind)
        {
            throw new IOException($"not read: it is {kind}, not a regular file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            return null;
        }

        // The length can change under us (or lie, for /proc files), so the limit also bounds the read itself.
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, maxBytes) : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
