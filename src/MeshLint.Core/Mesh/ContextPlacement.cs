using MeshLint.Input;

namespace MeshLint.Mesh;

/// <summary>
/// Where each file of a scan stands for "nearest source wins": its path from the deepest folder that
/// holds every file of the scan (linted or read for context). Report paths depend on the working
/// directory and on how a path was written (<c>meshlint corpus</c> from above, <c>meshlint .</c> from
/// inside); distances and the "top folder" must not, or one repository would be judged two ways.
/// Files without a place on disk (standard input, rendered output) keep their report path.
/// </summary>
internal sealed class ContextPlacement
{
    private readonly Dictionary<string, string> byDisplayPath = new(StringComparer.Ordinal);

    public ContextPlacement(IEnumerable<SourceFile> files)
    {
        var all = files.ToList();
        var root = CommonFolder(all.Select(file => file.FullPath).OfType<string>().Select(path => Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/"));
        foreach (var file in all)
        {
            if (file.FullPath is { } full && root is not null)
            {
                byDisplayPath.TryAdd(file.DisplayPath, Path.GetRelativePath(root, Path.GetFullPath(full)).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
    }

    public static ContextPlacement None { get; } = new([]);

    /// <summary>The placement of the file shown as <paramref name="displayPath"/>; the report path itself for a file not on disk.</summary>
    public string Of(string displayPath) => byDisplayPath.GetValueOrDefault(displayPath) ?? displayPath;

    private static string? CommonFolder(IEnumerable<string> folders)
    {
        string? common = null;
        foreach (var folder in folders)
        {
            common = common is null ? folder : Shared(common, folder);
        }

        return common;
    }

    private static string Shared(string a, string b)
    {
        var left = a.Split(Path.DirectorySeparatorChar);
        var right = b.Split(Path.DirectorySeparatorChar);
        var count = 0;
        while (count < left.Length && count < right.Length && left[count] == right[count])
        {
            count++;
        }

        var shared = string.Join(Path.DirectorySeparatorChar, left.Take(count));
        return shared.Length == 0 ? Path.DirectorySeparatorChar.ToString() : shared;
    }
}
