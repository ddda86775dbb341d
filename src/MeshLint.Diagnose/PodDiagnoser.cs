namespace MeshLint.Diagnose;

/// <summary>Turns collected evidence into one diagnosis per pod worth reporting.</summary>
internal sealed class PodDiagnoser
{
    private readonly StartupRaceAnalyzer _race;

    public PodDiagnoser(StartupRaceAnalyzer race)
    {
        _race = race;
    }

    public IReadOnlyList<PodDiagnosis> Diagnose(EvidenceSet evidence)
    {
        var result = new List<PodDiagnosis>();
        foreach (var pod in evidence.Pods)
        {
            var hasProxy = pod.ProxyReadinessLines.Count > 0
                || pod.Events.Any(e => e.Container is { } c && ContainerRoles.Of(c) == ContainerRole.IstioProxy);
            var findings = new List<Finding>();
            if (VaultInitAnalyzer.Analyze(pod) is { } vault)
            {
                findings.Add(vault);
            }

            // A pod with neither refused connections nor a sidecar has nothing to say about the race,
            // and a Vault pod without app errors is fully described by its Vault finding.
            if (pod.FirstRefused is not null || (hasProxy && findings.Count == 0))
            {
                findings.Add(_race.Analyze(pod, evidence.ExportEnd));
            }

            if (findings.Count > 0)
            {
                result.Add(new PodDiagnosis(pod.Namespace, pod.Name, WorkloadNames.ForPod(pod.Namespace, pod.Name), findings));
            }
        }

        return result;
    }
}
