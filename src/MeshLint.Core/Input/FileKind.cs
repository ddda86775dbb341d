using System.Runtime.InteropServices;

namespace MeshLint.Input;

/// <summary>
/// Tells regular files from FIFOs, devices and sockets, which .NET does not: opening a FIFO blocks until
/// someone writes to it, and a device such as /dev/zero never ends, so only regular files are read.
/// </summary>
public static class FileKind
{
    /// <summary>Null for a regular file (or where the type cannot be learnt); otherwise what the path is.</summary>
    public static string? NonRegularKind(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // statx's layout is fixed by the kernel ABI on every architecture; stx_mode is a u16 at offset 28.
        var buffer = new byte[256];
        if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
        {
            return null;
        }

        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        return mode switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a directory",
            _ => "not a regular file",
        };
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
