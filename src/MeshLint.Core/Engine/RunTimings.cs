using System.Diagnostics;

namespace MeshLint.Engine;

/// <summary>
/// Where a run's time went, part by part, when asked for (<c>MESHLINT_TIMING=1</c>): the reading,
/// the parse, the mesh context, each rule, the reports. Times are thread time summed over threads,
/// so on many threads they add up to more than the wall time. The pod's start-up model has a row of
/// its own; another fact several rules share (a proxy configuration) is computed once and charged to
/// the first rule that asks for it.
/// </summary>
public sealed class RunTimings
{
    private readonly Lock gate = new();
    private readonly List<string> order = [];
    private readonly Dictionary<string, long> ticks = new(StringComparer.Ordinal);

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Now"/> reading) to a part.</summary>
    public void AddSince(string part, long since) => Add(part, Now - since);

    public void Add(string part, long elapsedTicks)
    {
        lock (gate)
        {
            if (ticks.TryGetValue(part, out var sum))
            {
                ticks[part] = sum + elapsedTicks;
            }
            else
            {
                order.Add(part);
                ticks[part] = elapsedTicks;
            }
        }
    }

    /// <summary>Each part in the order it was first timed, in milliseconds.</summary>
    public IReadOnlyList<(string Part, double Milliseconds)> Parts()
    {
        lock (gate)
        {
            return order.Select(part => (part, ticks[part] * 1000.0 / Stopwatch.Frequency)).ToList();
        }
    }

    /// <summary>The table printed on stderr: one row per part with its share of the total.</summary>
    public void Write(TextWriter writer, double totalMilliseconds)
    {
        var parts = Parts();
        var width = parts.Select(part => part.Part.Length).Append("total".Length).Max();
        writer.WriteLine("Timing (milliseconds of thread time, summed over threads):");
        foreach (var (part, milliseconds) in parts.Append(("total", totalMilliseconds)))
        {
            var share = totalMilliseconds > 0 ? 100 * milliseconds / totalMilliseconds : 0;
            writer.WriteLine(FormattableString.Invariant($"  {part.PadRight(width)}  {milliseconds,10:F1} ms  {share,5:F1}%"));
        }
    }
}
