using System.Collections.Concurrent;
using MeshLint.Input;
using MeshLint.Mesh;

namespace MeshLint.Mesh;

/// <summary>
/// What each file gave the mesh context, kept between runs by a process that lints the same tree
/// again and again (the language server). Reading the context is most of a one-file run in a large
/// repository (every YAML file of the work tree is read and byte-tested, and the candidates parsed),
/// while between two keystrokes only the edited file has changed. An entry is used again only while
/// its file is the same: the same bytes in memory, or on disk the same length and modification time,
/// and the same report path and placement, which the facts it holds were built with.
/// </summary>
public sealed class MeshContextCache(TimeSpan listingLifetime)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>A cache whose work-tree listings are walked again after 30 seconds at the latest.</summary>
    public MeshContextCache()
        : this(TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>Which YAML files each work tree holds, the context a one-file run reads.</summary>
    public WorkTreeListings Listings { get; } = new(listingLifetime);

    /// <summary>Files whose contribution is held.</summary>
    public int Count => entries.Count;

    /// <summary>Forgets everything, e.g. when a configuration or a <c>.gitignore</c> changed what a scan reads.</summary>
    public void Clear()
    {
        entries.Clear();
        Listings.Forget();
    }

    /// <summary>Forgets which YAML files each work tree holds, when files were created, deleted or renamed.</summary>
    public void ForgetListings() => Listings.Forget();

    /// <summary>
    /// What identifies a file's current contents without reading them: the array of an in-memory
    /// file (a new edit is a new array), else its length and modification time; null when the file
    /// cannot be looked at, which is then read as if there were no cache.
    /// </summary>
    internal static object? StampOf(SourceFile file)
    {
        if (file.Content is { } content)
        {
            return content;
        }

        try
        {
            var info = new FileInfo(file.FullPath!);
            return info.Exists ? new DiskStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    internal MeshContextBuilder? Find(SourceFile file, string placement, object stamp) =>
        entries.TryGetValue(KeyOf(file), out var entry) && entry.DisplayPath == file.DisplayPath && entry.Placement == placement && Same(entry.Stamp, stamp)
            ? entry.Builder
            : null;

    internal void Keep(SourceFile file, string placement, object stamp, MeshContextBuilder builder) =>
        entries[KeyOf(file)] = new Entry(file.DisplayPath, placement, stamp, builder);

    private static string KeyOf(SourceFile file) => file.FullPath ?? file.DisplayPath;

    // An array is the same contents only as the same array: comparing bytes would cost what the cache saves.
    private static bool Same(object kept, object now) => kept is byte[] ? ReferenceEquals(kept, now) : kept.Equals(now);

    private readonly record struct DiskStamp(long Length, long WrittenTicks);

    private sealed record Entry(string DisplayPath, string Placement, object Stamp, MeshContextBuilder Builder);
}
