using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeshLint.Reports;

namespace MeshLint.Diagnose;

/// <summary>What was read from one input file, shown so users can check the tool saw what they meant.</summary>
internal sealed record InputSummary(string File, string Format, string Detail);

/// <summary>The outcome of reading one file: a summary, or a fatal error; warnings either way.</summary>
internal sealed record InputReadResult(InputSummary? Summary, string? Error, IReadOnlyList<string> Warnings);

/// <summary>
/// Maps the entries of a JSON export onto evidence: Cloud Logging LogEntry objects (container
/// logs, and Kubernetes events as GKE writes them to the "events" log) and core/v1 Event objects.
/// </summary>
internal sealed partial class JsonExportReader
{
    private readonly EvidenceCollector _collector;

    public JsonExportReader(EvidenceCollector collector)
    {
        _collector = collector;
    }

    // "spec.containers{istio-proxy}" or "spec.initContainers{vault-agent-init}".
    [GeneratedRegex(@"^spec\.(?<kind>containers|initContainers|ephemeralContainers)\{(?<name>[^}]+)\}$")]
    private static partial Regex FieldPath();

    public InputReadResult Read(string path, Stream stream)
    {
        var warnings = new List<string>();
        int logLines = 0, events = 0, ignored = 0;
        var error = JsonEntryStream.Read(stream, (index, entry) =>
        {
            switch (Classify(path, index, entry, warnings))
            {
                case EntryKind.LogLine:
                    logLines++;
                    break;
                case EntryKind.Event:
                    events++;
                    break;
                default:
                    ignored++;
                    break;
            }
        });

        if (error is not null)
        {
            return new InputReadResult(null, $"{path}: {error}", warnings);
        }

        var detail = $"{logLines} container log entries, {events} pod events" + (ignored > 0 ? $", {ignored} entries not used" : string.Empty);
        return new InputReadResult(new InputSummary(path, "JSON (Cloud Logging entries / Kubernetes events)", detail), null, warnings);
    }

    private enum EntryKind
    {
        Ignored,
        LogLine,
        Event,
    }

    private EntryKind Classify(string path, int index, JsonElement entry, List<string> warnings)
    {
        var origin = new Origin(path, $"entry [{index}]");
        if (entry.ValueKind != JsonValueKind.Object)
        {
            warnings.Add($"{origin}: expected an object, found {entry.ValueKind}; skipped");
            return EntryKind.Ignored;
        }

        if (entry.TryGetProperty("involvedObject", out _))
        {
            return ReadEvent(entry, null, origin, warnings);
        }

        if (entry.TryGetProperty("jsonPayload", out var payload) && payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty("involvedObject", out _))
        {
            return ReadEvent(payload, String(entry, "timestamp"), origin, warnings);
        }

        if (entry.TryGetProperty("resource", out var resource) || entry.TryGetProperty("logName", out _))
        {
            return ReadLogEntry(entry, resource, origin, warnings);
        }

        warnings.Add($"{origin}: neither a Cloud Logging LogEntry nor a Kubernetes Event; skipped");
        return EntryKind.Ignored;
    }

    private EntryKind ReadLogEntry(JsonElement entry, JsonElement resource, Origin origin, List<string> warnings)
    {
        // k8s_container is the current resource type; "container" is the legacy (pre-Kubernetes
        // Engine Monitoring) type, whose labels are pod_id and namespace_id instead of *_name.
        var type = resource.ValueKind == JsonValueKind.Object ? String(resource, "type") : null;
        if (type is not ("k8s_container" or "container"))
        {
            return EntryKind.Ignored;
        }

        var labels = resource.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        var pod = labels.ValueKind == JsonValueKind.Object ? String(labels, "pod_name") ?? String(labels, "pod_id") : null;
        var container = labels.ValueKind == JsonValueKind.Object ? String(labels, "container_name") : null;
        var ns = labels.ValueKind == JsonValueKind.Object ? String(labels, "namespace_name") ?? String(labels, "namespace_id") ?? string.Empty : string.Empty;
        if (pod is null || container is null)
        {
            warnings.Add($"{origin}: resource.labels has no pod_name/pod_id or container_name; skipped");
            return EntryKind.Ignored;
        }

        if (!TryTime(entry, "timestamp", origin, warnings, out var time) && !TryTime(entry, "receiveTimestamp", origin, warnings, out time))
        {
            warnings.Add($"{origin}: no usable timestamp or receiveTimestamp; skipped");
            return EntryKind.Ignored;
        }

        var text = String(entry, "textPayload") ?? PayloadText(entry);
        if (text is null)
        {
            return EntryKind.Ignored;
        }

        _collector.AddLogLine(ns, pod, container, time, text, origin);
        return EntryKind.LogLine;
    }

    /// <summary>Structured logs keep the human text in message/msg and the cause in error/err.</summary>
    private static string? PayloadText(JsonElement entry)
    {
        if (!entry.TryGetProperty("jsonPayload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var name in new[] { "message", "msg", "log", "error", "err", "exception", "stack_trace" })
        {
            if (String(payload, name) is { } part)
            {
                builder.Append(builder.Length > 0 ? " " : string.Empty).Append(part);
            }
        }

        return builder.Length > 0 ? builder.ToString() : payload.GetRawText();
    }

    private EntryKind ReadEvent(JsonElement ev, string? entryTimestamp, Origin origin, List<string> warnings)
    {
        var involved = ev.GetProperty("involvedObject");
        if (involved.ValueKind != JsonValueKind.Object || String(involved, "kind") != "Pod")
        {
            return EntryKind.Ignored;
        }

        var pod = String(involved, "name");
        if (pod is null)
        {
            warnings.Add($"{origin}: event has no involvedObject.name; skipped");
            return EntryKind.Ignored;
        }

        var metadata = ev.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var ns = String(involved, "namespace") ?? (metadata.ValueKind == JsonValueKind.Object ? String(metadata, "namespace") : null) ?? string.Empty;

        string? container = null;
        var isInit = false;
        if (String(involved, "fieldPath") is { } fieldPath && FieldPath().Match(fieldPath) is { Success: true } match)
        {
            container = match.Groups["name"].Value;
            isInit = match.Groups["kind"].Value == "initContainers";
        }

        var series = ev.TryGetProperty("series", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        DateTimeOffset? Field(JsonElement owner, string name) =>
            owner.ValueKind == JsonValueKind.Object && TryTime(owner, name, origin, warnings, out var t) ? t : null;
        DateTimeOffset? EntryTime() =>
            Rfc3339Timestamp.TryParse(entryTimestamp, out var t) ? t : null;

        // Legacy events fill firstTimestamp/lastTimestamp (seconds); events created through
        // events.k8s.io fill eventTime (microseconds) and, when repeated, series instead.
        var first = Field(ev, "firstTimestamp") ?? Field(ev, "eventTime") ?? Field(ev, "lastTimestamp")
            ?? Field(series, "lastObservedTime") ?? Field(metadata, "creationTimestamp") ?? EntryTime();
        var last = Field(series, "lastObservedTime") ?? Field(ev, "lastTimestamp") ?? Field(ev, "eventTime")
            ?? Field(ev, "firstTimestamp") ?? Field(metadata, "creationTimestamp") ?? EntryTime();
        if (first is null || last is null)
        {
            warnings.Add($"{origin}: event for pod {pod} has no usable firstTimestamp, lastTimestamp, eventTime or series.lastObservedTime; skipped");
            return EntryKind.Ignored;
        }

        if (last < first)
        {
            (first, last) = (last, first);
        }

        var count = Int(series, "count") ?? Int(ev, "count") ?? 1;
        _collector.AddEvent(ns, pod, new PodEvent(
            container,
            isInit,
            String(ev, "reason") ?? string.Empty,
            String(ev, "message") ?? string.Empty,
            first.Value,
            last.Value,
            Math.Max(count, 1),
            origin));
        return EntryKind.Event;
    }

    private static bool TryTime(JsonElement owner, string name, Origin origin, List<string> warnings, out DateTimeOffset time)
    {
        time = default;
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && Rfc3339Timestamp.TryParse(value.GetString(), out time))
        {
            return true;
        }

        warnings.Add($"{origin}: {name} {UntrustedText.LogExcerpt(value.GetRawText(), 60)} is not an RFC 3339 time; ignored");
        return false;
    }

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
