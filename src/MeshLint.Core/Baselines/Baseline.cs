using System.Text.Json;
using MeshLint.Engine;
using MeshLint.Findings;

namespace MeshLint.Baselines;

/// <summary>
/// The findings a repository has accepted for now, by fingerprint (rule, file, object and the key
/// concerned, never the line), so moving lines or reordering documents keeps an old finding old.
/// A fingerprint may occur more than once; each occurrence accounts for one finding.
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    private readonly IReadOnlyDictionary<string, int> counts;

    private Baseline(IReadOnlyDictionary<string, int> counts) => this.counts = counts;

    public int Count => counts.Values.Sum();

    /// <summary>
    /// Reads a baseline file; a file that is not one is a problem naming it and saying what is wrong,
    /// never an exception, whatever the JSON holds (wrong types, fractions, numbers past any integer).
    /// </summary>
    public static (Baseline? Baseline, string? Error) Read(string path, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return (null, $"{path}:{(exception.LineNumber ?? 0) + 1}: the baseline is not valid JSON");
        }

        using (document)
        {
            var (counts, problem) = Counts(document.RootElement);
            return counts is null ? (null, $"{path}: not a MeshLint baseline (version {FormatVersion}): {problem}; write one with --write-baseline") : (new Baseline(counts), null);
        }
    }

    private static (Dictionary<string, int>? Counts, string? Problem) Counts(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"the file is {Describe(root)}, not a JSON object");
        }

        if (!root.TryGetProperty("version", out var version))
        {
            return (null, "it has no \"version\"");
        }

        // TryGetInt32, not GetInt32: 1.5 or 1e400 is a wrong version, not a crash.
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != FormatVersion)
        {
            return (null, $"\"version\" must be {FormatVersion}, not {Describe(version)}");
        }

        if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            return (null, "it has no \"findings\" array");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in findings.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("fingerprint", out var fingerprint) || fingerprint.ValueKind != JsonValueKind.String)
            {
                return (null, $"entry {index} of \"findings\" is {Describe(item)}; every entry of \"findings\" needs a \"fingerprint\" string");
            }

            var key = fingerprint.GetString()!;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            index++;
        }

        return (counts, null);
    }

    // The raw number is quoted as written (at most a few characters), so a huge one stays readable.
    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText() is { Length: <= 24 } raw ? raw : "a number too long to show",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object without a \"fingerprint\" string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>
    /// Writes today's findings. Message, rule and place are kept beside each fingerprint only so a
    /// reviewer can read what was accepted; matching uses the fingerprint alone.
    /// </summary>
    public static void Write(IEnumerable<Finding> findings, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("findings");
            // Sorted by fingerprint, not line, so the file changes only when findings do.
            foreach (var finding in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", finding.Fingerprint);
                json.WriteString("ruleId", finding.RuleId);
                json.WriteString("path", finding.Path);
                if (finding.Object is { } obj)
                {
                    json.WriteString("object", obj);
                }

                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.WriteLine();
    }

    /// <summary>The run with baseline findings moved out of <see cref="LintResult.Findings"/> into <see cref="LintResult.Baseline"/>.</summary>
    public LintResult Apply(LintResult result)
    {
        var remaining = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        var fresh = new List<Finding>();
        var unchanged = new List<Finding>();
        foreach (var finding in result.Findings)
        {
            if (remaining.TryGetValue(finding.Fingerprint, out var left) && left > 0)
            {
                remaining[finding.Fingerprint] = left - 1;
                unchanged.Add(finding);
            }
            else
            {
                fresh.Add(finding);
            }
        }

        return result with { Findings = fresh, Baseline = new BaselineComparison(unchanged, remaining.Values.Sum()) };
    }
}
