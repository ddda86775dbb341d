using System.Collections.Concurrent;

namespace MeshLint.Parsing;

/// <summary>
/// Each distinct text of one kind read once in a run: a <c>proxy.istio.io/config</c> value, a mesh
/// config's <c>data.mesh</c>. Repositories repeat the same few values on every workload, and
/// reading one means a YAML parse (and for ProxyConfig a schema validation), so the reading is
/// shared. What is read must hold positions relative to the text, never to a file, so that one
/// reading serves every object carrying that text. Bounded, so that a repository of unique values
/// cannot grow it without end; past the bound, texts are read each time.
/// </summary>
internal sealed class TextReadings<T>(Func<string, T> read, int capacity = 4096)
{
    private readonly Func<string, T> read = read;
    private readonly ConcurrentDictionary<string, Reading> byText = new(StringComparer.Ordinal);
    private int reads;

    /// <summary>How many texts were read, for the tests that each is read once.</summary>
    internal int Reads => reads;

    public T Get(string text)
    {
        if (byText.TryGetValue(text, out var known))
        {
            return known.Value;
        }

        var reading = new Reading(this, text);
        return byText.Count < capacity ? byText.GetOrAdd(text, reading).Value : reading.Value;
    }

    /// <summary>One text's reading, made by the first thread that asks while the others wait for it.</summary>
    private sealed class Reading(TextReadings<T> owner, string text)
    {
        private T? value;
        private bool done;
        private object? gate;

        public T Value => LazyInitializer.EnsureInitialized(ref value, ref done, ref gate, () =>
        {
            Interlocked.Increment(ref owner.reads);
            return owner.read(text);
        })!;
    }
}
