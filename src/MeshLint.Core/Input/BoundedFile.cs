namespace MeshLint.Input;

/// <summary>Reads a file only when it is a regular file no larger than a limit, so no input can hang or flood a run.</summary>
internal static class BoundedFile
{
    /// <summary>The largest file read unless a run says otherwise (--max-file-size): the largest real manifest seen is about 1 MB.</summary>
    public const long DefaultMaxBytes = 8L * 1024 * 1024;

    /// <summary>The bytes, or null when the file is larger than <paramref name="maxBytes"/>. Throws IOException for what cannot be read.</summary>
    public static byte[]? Read(string path, long maxBytes)
    {
        if (FileKind.NonRegularKind(path) is { } kind)
        {
            throw new IOException($"not read: it is {kind}, not a regular file");
        }

        // The common case in one allocation of the file's size: a regular file whose length holds.
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan))
        {
            var length = RandomAccess.GetLength(handle);
            if (length > maxBytes || length > Array.MaxLength)
            {
                return null;
            }

            var bytes = new byte[length];
            var filled = 0;
            int read;
            while (filled < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(filled), filled)) > 0)
            {
                filled += read;
            }

            Span<byte> more = stackalloc byte[1];
            if (RandomAccess.Read(handle, more, filled) == 0)
            {
                return filled == bytes.Length ? bytes : bytes[..filled];
            }
        }

        return ReadGrowing(path, maxBytes);
    }

    /// <summary>
    /// A file that grew while it was read, or whose length lies (a /proc file says 0): read in
    /// chunks, with the limit bounding the read itself.
    /// </summary>
    private static byte[]? ReadGrowing(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
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
