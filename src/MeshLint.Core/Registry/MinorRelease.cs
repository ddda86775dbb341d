using System.Globalization;

namespace MeshLint.Registry;

/// <summary>
/// A minor release of Istio or Kubernetes (<c>1.28</c>): what decides how a pod is built, which keys
/// exist and which fields a ProxyConfig has. Patch releases never change any of these, so only the
/// minor is kept: <c>1.27.2</c>, <c>v1.27.2</c>, <c>1.27.2-distroless</c> and <c>1-27-2</c> all read as 1.27.
/// </summary>
public readonly record struct MinorRelease(int Major, int Minor) : IComparable<MinorRelease>
{
    public int CompareTo(MinorRelease other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(MinorRelease left, MinorRelease right) => left.CompareTo(right) < 0;

    public static bool operator >(MinorRelease left, MinorRelease right) => left.CompareTo(right) > 0;

    public static bool operator <=(MinorRelease left, MinorRelease right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MinorRelease left, MinorRelease right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";

    /// <summary>
    /// Reads a release as configurations, image tags, chart versions and revision names write it:
    /// an optional <c>v</c>, then major and minor separated by <c>.</c> or <c>-</c>, then anything
    /// (a patch, a suffix such as <c>-distroless</c> or <c>-latest</c>). Null for anything else.
    /// </summary>
    public static MinorRelease? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span is ['v' or 'V', ..])
        {
            span = span[1..];
        }

        var separator = span.IndexOfAny('.', '-');
        if (separator <= 0 || !int.TryParse(span[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        var rest = span[(separator + 1)..];
        var end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        if (end == 0 || end > 4 || !int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return null;
        }

        // After the minor only a patch, a pre-release or build suffix, or nothing may follow.
        if (end < rest.Length && rest[end] is not ('.' or '-' or '+' or '_'))
        {
            return null;
        }

        return new MinorRelease(major, minor);
    }
}
