using System.Globalization;

namespace MeshLint.Engine;

/// <summary>Reads and shows file size limits such as <c>8MB</c>, <c>512KB</c> or a plain byte count.</summary>
public static class FileSizeLimit
{
    public static bool TryParse(string text, out long bytes)
    {
        var trimmed = text.Trim().ToUpperInvariant();
        var (digits, scale) = trimmed switch
        {
            _ when trimmed.EndsWith("MB", StringComparison.Ordinal) => (trimmed[..^2], 1024L * 1024),
            _ when trimmed.EndsWith("KB", StringComparison.Ordinal) => (trimmed[..^2], 1024L),
            _ when trimmed.EndsWith('B') => (trimmed[..^1], 1L),
            _ => (trimmed, 1L),
        };
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 && count <= long.MaxValue / scale)
        {
            bytes = count * scale;
            return true;
        }

        bytes = 0;
        return false;
    }

    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB"
        : bytes % 1024 == 0 ? $"{bytes / 1024} KB"
        : $"{bytes} bytes";
}
