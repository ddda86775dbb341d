namespace MeshLint.Diagnose;

/// <summary>
/// Decides whether an app container's refused connections happened before its istio-proxy was ready.
///
/// Why this is the race: istio-init installs iptables rules that redirect all outbound traffic to
/// Envoy (port 15001) before any app container starts. Until Envoy is listening, every outbound
/// connect is refused. istio-proxy reports readiness on :15021/healthz/ready; kubelet logs each failed
/// probe as an "Unhealthy" event ("Readiness probe failed: HTTP probe failed with statuscode: 503").
///
/// The readiness rule, because kubelet records no event when a probe starts passing:
///  - the proxy was certainly NOT ready before its "Started" event and at every failed probe;
///  - it was certainly ready at the first "Envoy proxy is ready" line pilot-agent logged after that;
///  - otherwise it was ready at the latest one probe period after the last failed probe, provided the
///    export goes on past that point (a failure would have been recorded); the period is measured from
///    the failed probes themselves, or Istio's injected default (2 s) when fewer than two are known;
///  - if the export ends before that, the proxy was "still not ready by the last event".
/// A first refused connection at or before the last moment the proxy was certainly not ready
/// confirms the race; one at or after the moment it was certainly ready rules it out; one in between
/// falls inside a probe period and cannot be decided.
/// </summary>
internal sealed class StartupRaceAnalyzer
{
    private readonly TimeSpan _defaultProbePeriod;

    public StartupRaceAnalyzer(TimeSpan defaultProbePeriod)
    {
        _defaultProbePeriod = defaultProbePeriod;
    }

    public Finding Analyze(PodEvidence pod, DateTimeOffset? exportEnd)
    {
        var proxyEvents = pod.Events.Where(e => e.Container is { } c && ContainerRoles.Of(c) == ContainerRole.IstioProxy).ToList();
        var failures = proxyEvents.Where(IsFailedProbe).ToList();
        var started = proxyEvents.Where(e => e.Reason == "Started").Select(e => (DateTimeOffset?)e.First).Min();
        var lastFailure = failures.Select(e => (DateTimeOffset?)e.Last).Max();
        var lastNotReadyLog = pod.ProxyReadinessLines.Where(l => IsNotReadyLine(l.Text)).Select(l => (DateTimeOffset?)l.Time).Max();
        var certainlyNotReadyAt = Max(lastFailure, lastNotReadyLog);
        var period = ProbePeriod(failures);

        var readyLog = pod.ProxyReadinessLines.FirstOrDefault(l => !IsNotReadyLine(l.Text) && (certainlyNotReadyAt is null || l.Time > certainlyNotReadyAt));
        DateTimeOffset? readyBy;
        string readyHow;
        if (readyLog is not null)
        {
            readyBy = readyLog.Time;
            readyHow = "istio-proxy ready (pilot-agent logged \"Envoy proxy is ready\")";
        }
        else if ((certainlyNotReadyAt ?? started) is { } anchor && exportEnd >= anchor + period)
        {
            readyBy = anchor + period;
            readyHow = certainlyNotReadyAt is null
                ? $"istio-proxy ready at the latest (start + {Seconds(period)} s probe period; no failed probe recorded)"
                : $"istio-proxy ready at the latest (last failed probe + {Seconds(period)} s probe period; no later failure recorded)";
        }
        else
        {
            readyBy = null;
            readyHow = string.Empty;
        }

        var timeline = new List<TimelineEntry>();
        AddPodEvents(pod, timeline);
        if (pod.FirstRefused is { } refused)
        {
            timeline.Add(new TimelineEntry(refused.Time,
                $"first refused connection in {refused.Container} (pattern {refused.Pattern}; {pod.RefusedCount} refused line(s) in all): {refused.Text}",
                refused.Origin));
        }

        foreach (var line in pod.ProxyReadinessLines)
        {
            timeline.Add(new TimelineEntry(line.Time, $"istio-proxy log: {line.Text}", line.Origin));
        }

        if (readyBy is { } ready && readyLog is null)
        {
            timeline.Add(new TimelineEntry(ready, readyHow));
        }
        else if (readyBy is null && certainlyNotReadyAt is { } notReady)
        {
            timeline.Add(new TimelineEntry(notReady, "istio-proxy still not ready by the last event (the export ends before the next probe)"));
        }

        timeline.Sort((a, b) => a.Time.CompareTo(b.Time));

        if (pod.FirstRefused is null)
        {
            return pod.AppLogLines > 0
                ? Result(Verdict.NotTheCause, $"not the race: no connection-refused errors in {pod.AppLogLines} app log line(s)")
                : Result(Verdict.NotEnoughData, "not enough data: no app container logs for this pod: export container logs too",
                    missing: ["app container logs (gcloud logging read with resource.type=\"k8s_container\", or kubectl logs --timestamps)"]);
        }

        if (proxyEvents.Count == 0 && pod.ProxyReadinessLines.Count == 0)
        {
            return Result(Verdict.NotEnoughData, "not enough data: no istio-proxy events for this pod: export events too",
                missing: ["istio-proxy events (kubectl get events -o json, or the Cloud Logging \"events\" log)"]);
        }

        var firstError = pod.FirstRefused.Time;
        if ((started is { } s && firstError < s) || (certainlyNotReadyAt is { } n && firstError <= n))
        {
            var until = readyBy ?? certainlyNotReadyAt ?? started!.Value;
            var gap = (until - firstError).TotalSeconds;
            var when = readyBy is null
                ? $"while istio-proxy was still not ready by the last event ({Rfc3339Timestamp.Format(until)}): gap at least {Seconds(gap)} s"
                : $"{Seconds(gap)} s before istio-proxy was ready ({Rfc3339Timestamp.Format(until)})";
            return Result(Verdict.Confirmed, $"start-up race confirmed: the first refused connection ({Rfc3339Timestamp.Format(firstError)}) came {when}",
                gap, readyBy is null, fix: Fixes.StartupRace);
        }

        if (readyBy is { } r && firstError >= r)
        {
            var gap = (firstError - r).TotalSeconds;
            return Result(Verdict.NotTheCause,
                $"not the race: the first refused connection ({Rfc3339Timestamp.Format(firstError)}) came {Seconds(gap)} s after istio-proxy was ready; look at the destination instead",
                gap);
        }

        return readyBy is null
            ? Result(Verdict.NotEnoughData,
                $"not enough data: istio-proxy readiness after {Rfc3339Timestamp.Format((certainlyNotReadyAt ?? started)!.Value)} is unknown because the events end there; export events covering {Rfc3339Timestamp.Format(firstError)}",
                missing: ["istio-proxy events after the last failed readiness probe"])
            : Result(Verdict.NotEnoughData,
                $"not enough data: the first refused connection ({Rfc3339Timestamp.Format(firstError)}) falls inside the probe period in which istio-proxy became ready; cannot tell which came first",
                missing: ["istio-proxy logs (\"Envoy proxy is ready\") to time readiness exactly"]);

        Finding Result(Verdict verdict, string summary, double? gap = null, bool lowerBound = false, IReadOnlyList<string>? missing = null, Fix? fix = null) =>
            new(DiagnosisCheck.StartupRace, verdict, summary, gap is null ? null : Math.Round(gap.Value, 3), lowerBound, missing ?? [], timeline, fix);
    }

    /// <summary>Readiness and startup probe failures; Istio 1.23+ native sidecars use a startup probe.</summary>
    private static bool IsFailedProbe(PodEvent e) =>
        e.Reason == "Unhealthy"
        && (e.Message.StartsWith("Readiness probe failed", StringComparison.Ordinal) || e.Message.StartsWith("Startup probe failed", StringComparison.Ordinal));

    private static bool IsNotReadyLine(string text) => text.Contains("Envoy proxy is NOT ready", StringComparison.Ordinal);

    /// <summary>Kubelet aggregates repeated failures, so (last - first) / (count - 1) is the probe period.</summary>
    private TimeSpan ProbePeriod(IReadOnlyList<PodEvent> failures)
    {
        var aggregated = failures.Where(f => f.Count > 1 && f.Last > f.First)
            .Select(f => (f.Last - f.First) / (f.Count - 1))
            .ToList();
        if (aggregated.Count > 0)
        {
            return Clamp(aggregated.Min());
        }

        var times = failures.Select(f => f.Last).Distinct().Order().ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Where(g => g > TimeSpan.Zero).ToList();
        return gaps.Count > 0 ? Clamp(gaps.Min()) : _defaultProbePeriod;

        static TimeSpan Clamp(TimeSpan measured) => TimeSpan.FromSeconds(Math.Max(1, Math.Round(measured.TotalSeconds)));
    }

    internal static void AddPodEvents(PodEvidence pod, List<TimelineEntry> timeline)
    {
        // Image pulls say nothing about readiness and would bury the lines that matter.
        foreach (var e in pod.Events.Where(e => e.Reason is not ("Pulled" or "Pulling")))
        {
            var who = e.Container ?? "pod";
            var what = e.Reason switch
            {
                "Created" or "Started" or "Killing" when e.Container is not null => $"{who} {e.Reason.ToLowerInvariant()}",
                "Unhealthy" when e.Message.Length > 0 => $"{who} {char.ToLowerInvariant(e.Message[0])}{e.Message[1..]}",
                _ => $"{who} {e.Reason}: {e.Message}",
            };
            if (e.Count > 1)
            {
                what += $" (x{e.Count} until {Rfc3339Timestamp.Format(e.Last)})";
            }

            timeline.Add(new TimelineEntry(e.First, what, e.Origin));
        }
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    internal static string Seconds(double seconds) => seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => Seconds(span.TotalSeconds);
}
