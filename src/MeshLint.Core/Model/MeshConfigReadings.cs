using System.Collections.Concurrent;
using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>
/// Each distinct <c>data.mesh</c> text of a run, parsed once: the mesh context reads it in the first
/// pass and MESH004 checks it in the second. The parsed nodes hold positions relative to the text,
/// never to a file, so one parse serves every object that carries the same text.
/// </summary>
internal sealed class MeshConfigReadings
{
    private readonly ConcurrentDictionary<string, Lazy<YamlMapping?>> byText = new(StringComparer.Ordinal);

    public YamlMapping? Get(string text) =>
        byText.GetOrAdd(text, key => new Lazy<YamlMapping?>(() => Count(Parse(key)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>How many texts were parsed, for the test that each is parsed once.</summary>
    internal int Parses => parses;

    private int parses;

    private YamlMapping? Count(YamlMapping? parsed)
    {
        Interlocked.Increment(ref parses);
        return parsed;
    }

    /// <summary>The text as a YAML mapping; null when it does not parse or is not a mapping.</summary>
    public static YamlMapping? Parse(string text)
    {
        var document = new YamlDocumentReader(text).Documents().FirstOrDefault();
        return document is { Problems.Count: 0, Root: YamlMapping root } ? root : null;
    }
}
