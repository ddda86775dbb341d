using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>Which pod and container a plain log file belongs to, as given on the command line.</summary>
public sealed record ContainerLogTarget(string? Namespace, string? Pod, string? Container);

/// <summary>
/// Reads text logs: "kubectl logs --timestamps" lines ("2024-05-14T10:41:15.550123456Z msg"),
/// optionally with "--prefix" ("[pod/NAME/CONTAINER] 2024-... msg"), and kubelet's CRI files
/// from /var/log/containers ("2024-... stdout F msg").
/// </summary>
internal sealed partial class ContainerLogReader
{
    private readonly EvidenceCollector _collector;

    public ContainerLogReader(EvidenceCollector collector)
    {
        _collector = collector;
    }

    [GeneratedRegex(@"^\[pod/(?<pod>[^/\]]+)/(?<container>[^\]]+)\] (?<rest>.*)$")]
    private static partial Regex KubectlPrefix();

    [GeneratedRegex(@"^(?<time>\S+) (?:(?:stdout|stderr) [FP] )?(?<text>.*)$")]
    private static partial Regex TimestampedLine();

    // /var/log/containers/<pod>_<namespace>_<container>-<64 hex container id>.log
    [GeneratedRegex(@"^(?<pod>[a-z0-9.-]+)_(?<ns>[a-z0-9-]+)_(?<container>[a-z0-9-]+)-[0-9a-f]{64}$")]
    private static partial Regex KubeletFileName();

    // <namespace>_<pod>_<container> or <pod>_<container>: '_' cannot occur in either name.
    [GeneratedRegex(@"^(?:(?<ns>[a-z0-9-]+)_)?(?<pod>[a-z0-9.-]+)_(?<container>[a-z0-9-]+)$")]
    private static partial Regex ConventionFileName();

    public InputReadResult Read(string path, TextReader text, ContainerLogTarget target)
    {
        var warnings = new List<string>();
        var fromName = FromFileName(path);
        var ns = target.Namespace ?? fromName?.Namespace ?? string.Empty;
        var pod = target.Pod ?? fromName?.Pod;
        var container = target.Container ?? fromName?.Container;
        var source = (target.Pod ?? target.Container) is not null ? "from --pod/--container" : "from the file name";

        int lineNumber = 0, used = 0, untimed = 0;
        var prefixed = false;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var linePod = pod;
            var lineContainer = container;
            if (KubectlPrefix().Match(line) is { Success: true } prefix)
            {
                prefixed = true;
                linePod = prefix.Groups["pod"].Value;
                lineContainer = prefix.Groups["container"].Value;
                line = prefix.Groups["rest"].Value;
            }

            var match = TimestampedLine().Match(line);
            if (!match.Success || !Rfc3339Timestamp.TryParse(match.Groups["time"].Value, out var time))
            {
                if (used == 0 && untimed == 0 && lineNumber == 1)
                {
                    return new InputReadResult(null,
                        $"{path}: line 1 does not start with an RFC 3339 timestamp; export container logs with 'kubectl logs --timestamps'",
                        warnings);
                }

                untimed++;
                continue;
            }

            if (linePod is null || lineContainer is null)
            {
                return new InputReadResult(null,
                    $"{path}: line {lineNumber}: cannot tell which pod and container this log belongs to; name the file POD_CONTAINER.log, pass --pod and --container, or export with 'kubectl logs --prefix'",
                    warnings);
            }

            _collector.AddLogLine(ns, linePod, lineContainer, time, match.Groups["text"].Value, new Origin(path, $"line {lineNumber}"));
            used++;
        }

        if (used == 0)
        {
            return new InputReadResult(null, $"{path}: no timestamped log lines; export container logs with 'kubectl logs --timestamps'", warnings);
        }

        if (untimed > 0)
        {
            warnings.Add($"{path}: {untimed} line(s) without a timestamp skipped");
        }

        var detail = prefixed
            ? $"{used} lines; pod and container from the --prefix on each line"
            : $"{used} lines; pod {pod}, container {container} ({source})";
        return new InputReadResult(new InputSummary(path, "kubectl logs --timestamps", detail), null, warnings);
    }

    private static ContainerLogTarget? FromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var extension in new[] { ".log", ".txt" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
            }
        }

        if (KubeletFileName().Match(name) is { Success: true } kubelet)
        {
            return new ContainerLogTarget(kubelet.Groups["ns"].Value, kubelet.Groups["pod"].Value, kubelet.Groups["container"].Value);
        }

        if (ConventionFileName().Match(name) is { Success: true } convention)
        {
            var ns = convention.Groups["ns"].Success ? convention.Groups["ns"].Value : null;
            return new ContainerLogTarget(ns, convention.Groups["pod"].Value, convention.Groups["container"].Value);
        }

        return null;
    }
}
