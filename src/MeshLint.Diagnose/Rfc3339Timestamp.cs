using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>
/// Parses the timestamps found in exports: Cloud Logging writes RFC 3339 with up to nine fractional
/// digits (nanoseconds), Kubernetes writes whole seconds (firstTimestamp/lastTimestamp) or
/// microseconds (eventTime, series.lastObservedTime), and kubelet log lines carry nanoseconds.
/// .NET keeps only 100 ns ticks, so digits beyond the seventh are truncated here instead of
/// rejected, which is what DateTimeOffset.Parse would do.
/// </summary>
internal static partial class Rfc3339Timestamp
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        int Part(int group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

        var offset = TimeSpan.Zero;
        var zone = match.Groups[8].Value;
        if (zone is not ("Z" or "z"))
        {
            var hours = int.Parse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = offset.Negate();
            }
        }

        long fractionTicks = 0;
        if (match.Groups[7].Success)
        {
            var digits = match.Groups[7].Value;
            var ticksDigits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
            fractionTicks = long.Parse(ticksDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        try
        {
            // Leap second 60 is legal in RFC 3339 but not in .NET; fold it into the next second.
            var second = Part(6);
            var extraSecond = second == 60 ? 1 : 0;
            var local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), second - extraSecond, DateTimeKind.Unspecified)
                .AddTicks(fractionTicks)
                .AddSeconds(extraSecond);
            value = new DateTimeOffset(local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
