using MeshLint.Input;

namespace MeshLint.Cli;

/// <summary>Writes to a temporary file beside the target and renames it, so a reader never sees half a report.</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<TextWriter> write)
    {
        // A device, pipe or link (/dev/null, /dev/stdout, a FIFO) is written in place: renaming
        // over it would replace the device node or the link with a regular file.
        if (IsSpecialFile(path))
        {
            using var direct = new StreamWriter(new FileStream(path, FileMode.Open, FileAccess.Write), new System.Text.UTF8Encoding(false));
            write(direct);
            return;
        }

        var directory = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            {
                write(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Replaces a file's bytes through a temporary file and a rename, keeping its permissions; a link
    /// is written through, in place, so the link stays a link.
    /// </summary>
    public static void WriteBytes(string path, byte[] bytes)
    {
        if (IsSpecialFile(path))
        {
            File.WriteAllBytes(path, bytes);
            return;
        }

        var directory = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // The type comes from stat (FileKind), never from opening the target: opening a FIFO for reading
    // waits for a writer, and the only writer would be this process, so the probe itself hung.
    // Devices live under /dev and /proc; where stat is not available that path is all there is to go on.
    private static bool IsSpecialFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return false;
        }

        return info.LinkTarget is not null || path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal)
            || FileKind.NonRegularKind(path) is not null;
    }
}
