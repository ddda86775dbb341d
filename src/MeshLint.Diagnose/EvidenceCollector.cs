using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>
/// Receives observations while the inputs stream by and keeps only what the verdicts need,
/// so memory grows with the number of pods, not with the size of the export.
/// </summary>
internal sealed partial class EvidenceCollector
{
    private readonly RefusedConnectionPatterns _refused;
    private readonly Dictionary<(string Namespace, string Pod), PodBuilder> _pods = [];
    private DateTimeOffset? _exportEnd;

    public EvidenceCollector(RefusedConnectionPatterns refused)
    {
        _refused = refused;
    }

    // pilot-agent logs these while it polls Envoy; they are the only exact record of readiness,
    // since kubelet emits no event when a probe starts passing.
    [GeneratedRegex(@"Envoy proxy is (?<not>NOT )?ready", RegexOptions.CultureInvariant)]
    private static partial Regex ProxyReadiness();

    // How vault-agent reports that it cannot reach Vault: its auth handler logs
    // "error authenticating: ... dial tcp 10.0.0.9:8200: connect: connection refused" (or a timeout).
    [GeneratedRegex(@"error authenticating|i/o timeout|context deadline exceeded|Client\.Timeout exceeded|no route to host|:8200\b.*(?:refused|timeout|reset)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VaultUnreachable();

    public void AddLogLine(string @namespace, string pod, string container, DateTimeOffset time, string text, Origin origin)
    {
        NoteTime(time);
        var builder = Pod(@namespace, pod);
        switch (ContainerRoles.Of(container))
        {
            case ContainerRole.App:
                builder.AppLogLines++;
                if (_refused.Match(text) is { } match)
                {
                    builder.RefusedCount++;
                    if (builder.FirstRefused is null || time < builder.FirstRefused.Time)
                    {
                        builder.FirstRefused = new KeptLogLine(time, container, text, origin, match.PatternName);
                    }
                }

                break;
            case ContainerRole.IstioProxy:
                if (ProxyReadiness().IsMatch(text))
                {
                    builder.ProxyReadinessLines.Add(new KeptLogLine(time, container, text, origin));
                }

                break;
            case ContainerRole.IstioInit:
                builder.IstioInitLogLines++;
                break;
            case ContainerRole.Vault:
                builder.VaultLogLines++;
                if (VaultUnreachable().IsMatch(text) || _refused.Match(text) is not null)
                {
                    builder.VaultErrorCount++;
                    if (builder.FirstVaultError is null || time < builder.FirstVaultError.Time)
                    {
                        builder.FirstVaultError = new KeptLogLine(time, container, text, origin);
                    }
                }

                break;
        }
    }

    public void AddEvent(string @namespace, string pod, PodEvent podEvent)
    {
        NoteTime(podEvent.Last);
        Pod(@namespace, pod).Events.Add(podEvent);
    }

    public EvidenceSet Build()
    {
        // kubectl logs files often carry no namespace; attach them to the only pod of that name.
        var namespacesByPod = _pods.Keys
            .Where(key => key.Namespace.Length > 0)
            .GroupBy(key => key.Pod)
            .Where(group => group.Count() == 1)
            .ToDictionary(group => group.Key, group => group.Single().Namespace);

        var merged = new Dictionary<(string, string), List<PodBuilder>>();
        foreach (var (key, builder) in _pods)
        {
            var ns = key.Namespace.Length == 0 && namespacesByPod.TryGetValue(key.Pod, out var known) ? known : key.Namespace;
            if (!merged.TryGetValue((ns, key.Pod), out var list))
            {
                merged[(ns, key.Pod)] = list = [];
            }

            list.Add(builder);
        }

        var pods = merged
            .OrderBy(pair => pair.Key.Item1, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Item2, StringComparer.Ordinal)
            .Select(pair => PodBuilder.Combine(pair.Key.Item1, pair.Key.Item2, pair.Value))
            .ToList();
        return new EvidenceSet(pods, _exportEnd);
    }

    private void NoteTime(DateTimeOffset time)
    {
        if (_exportEnd is null || time > _exportEnd)
        {
            _exportEnd = time;
        }
    }

    private PodBuilder Pod(string @namespace, string pod)
    {
        if (!_pods.TryGetValue((@namespace, pod), out var builder))
        {
            _pods[(@namespace, pod)] = builder = new PodBuilder();
        }

        return builder;
    }

    private sealed class PodBuilder
    {
        public KeptLogLine? FirstRefused { get; set; }
        public int RefusedCount { get; set; }
        public int AppLogLines { get; set; }
        public List<PodEvent> Events { get; } = [];
        public List<KeptLogLine> ProxyReadinessLines { get; } = [];
        public KeptLogLine? FirstVaultError { get; set; }
        public int VaultErrorCount { get; set; }
        public int VaultLogLines { get; set; }
        public int IstioInitLogLines { get; set; }

        public static PodEvidence Combine(string @namespace, string name, IReadOnlyList<PodBuilder> parts) => new(
            @namespace,
            name,
            parts.Select(p => p.FirstRefused).OfType<KeptLogLine>().OrderBy(l => l.Time).FirstOrDefault(),
            parts.Sum(p => p.RefusedCount),
            parts.Sum(p => p.AppLogLines),
            parts.SelectMany(p => p.Events).OrderBy(e => e.First).ThenBy(e => e.Last).ToList(),
            parts.SelectMany(p => p.ProxyReadinessLines).OrderBy(l => l.Time).ToList(),
            parts.Select(p => p.FirstVaultError).OfType<KeptLogLine>().OrderBy(l => l.Time).FirstOrDefault(),
            parts.Sum(p => p.VaultErrorCount),
            parts.Sum(p => p.VaultLogLines),
            parts.Sum(p => p.IstioInitLogLines));
    }
}
