namespace MeshLint.Rules;

/// <summary>
/// Readings of ProxyConfig texts for one run. Most repositories repeat the same few values on
/// every workload, and reading one means a YAML parse and a schema validation, so each distinct
/// text is read once. Bounded, so a repository of unique values cannot grow it without end.
/// </summary>
internal sealed class ProxyConfigReadings
{
    private const int Capacity = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProxyConfigValue> byText = new(StringComparer.Ordinal);

    public ProxyConfigValue Get(string text)
    {
        if (byText.TryGetValue(text, out var known))
        {
            return known;
        }

        var value = ProxyConfigValue.Read(text);
        if (byText.Count < Capacity)
        {
            byText.TryAdd(text, value);
        }

        return value;
    }
}
