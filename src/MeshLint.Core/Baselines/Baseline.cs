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

    /// <summary>Reads a baseline file; a file that is not one is an error naming it, never an exception.</summary>
    public static (Baseline? Baseline, string? Error) Read(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion
                || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                return (null, $"{path}: not a MeshLint baseline (version {FormatVersion}); write one with --write-baseline");
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in findings.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("fingerprint", out var fingerprint) || fingerprint.ValueKind != JsonValueKind.String)
                {
                    return (null, $"{path}: every entry of \"findings\" needs a \"fingerprint\" string");
                }

                counts[fingerprint.GetString()!] = counts.GetValueOrDefault(fingerprint.GetString()!) + 1;
            }

            return (new Baseline(counts), null);
        }
        catch (JsonException exception)
        {
            return (null, $"{path}:{(exception.LineNumber ?? 0) + 1}: the baseline is not valid JSON");
        }
    }

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
