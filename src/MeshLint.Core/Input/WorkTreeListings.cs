using System.Collections.Concurrent;

namespace MeshLint.Input;

/// <summary>
/// Which YAML files each work tree holds, kept between runs by a process that lints the same tree
/// again and again (the language server). Walking a large tree costs more than the rest of a warm
/// run, so a listing is kept until <see cref="Forget"/> is called or it is older than the lifetime
/// the listings were made with (for a client that does not report created or deleted files).
/// </summary>
public sealed class WorkTreeListings(TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<(string Root, string BaseDirectory), Listing> listings = new();

    /// <summary>Forgets every listing, when files were created, deleted or renamed.</summary>
    public void Forget() => listings.Clear();

    /// <summary>The YAML files of a work tree, walked again only when forgotten or expired.</summary>
    internal IReadOnlyList<SourceFile> Of(string root, string baseDirectory, Func<IReadOnlyList<SourceFile>> walk)
    {
        var now = Environment.TickCount64;
        if (listings.TryGetValue((root, baseDirectory), out var kept) && now - kept.Taken < (long)lifetime.TotalMilliseconds)
        {
            return kept.Files;
        }

        var files = walk();
        listings[(root, baseDirectory)] = new Listing(now, files);
        return files;
    }

    private sealed record Listing(long Taken, IReadOnlyList<SourceFile> Files);
}
