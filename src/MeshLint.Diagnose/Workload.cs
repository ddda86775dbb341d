using System.Text.RegularExpressions;

namespace MeshLint.Diagnose;

/// <summary>The controller a pod most likely belongs to, inferred from its generated name.</summary>
internal sealed record Workload(string Kind, string Namespace, string Name)
{
    public string Key => $"{Kind}/{Namespace}/{Name}";
}

/// <summary>
/// Recovers the owning workload from a pod name. Kubernetes builds generated names from
/// rand.SafeEncodeString, whose alphabet "bcdfghjklmnpqrstvwxz2456789" has no vowels or 0/1/3,
/// so requiring that alphabet keeps ordinary hyphenated names from being mistaken for hashes.
/// </summary>
internal static partial class WorkloadNames
{
    private const string Safe = "[bcdfghjklmnpqrstvwxz2456789]";

    // Deployment -> ReplicaSet "<deploy>-<pod-template-hash>" -> Pod "<rs>-<5 chars>".
    [GeneratedRegex($"^(?<name>.+)-{Safe}{{6,10}}-{Safe}{{5}}$")]
    private static partial Regex DeploymentPod();

    // CronJob -> Job "<cronjob>-<scheduled time in minutes>" -> Pod "<job>-<5 chars>".
    [GeneratedRegex($"^(?<name>.+)-[0-9]{{8,10}}-{Safe}{{5}}$")]
    private static partial Regex CronJobPod();

    // StatefulSet pods are "<sts>-<ordinal>".
    [GeneratedRegex(@"^(?<name>.+)-(?:0|[1-9][0-9]{0,4})$")]
    private static partial Regex StatefulSetPod();

    // Job and DaemonSet pods are both "<owner>-<5 chars>"; the name alone cannot tell them apart.
    [GeneratedRegex($"^(?<name>.+)-{Safe}{{5}}$")]
    private static partial Regex JobOrDaemonSetPod();

    public static Workload ForPod(string @namespace, string podName)
    {
        if (Try(DeploymentPod(), "Deployment", out var workload)
            || Try(CronJobPod(), "CronJob", out workload)
            || Try(StatefulSetPod(), "StatefulSet", out workload)
            || Try(JobOrDaemonSetPod(), "Job/DaemonSet", out workload))
        {
            return workload!;
        }

        return new Workload("Pod", @namespace, podName);

        bool Try(Regex regex, string kind, out Workload? result)
        {
            var match = regex.Match(podName);
            result = match.Success ? new Workload(kind, @namespace, match.Groups["name"].Value) : null;
            return match.Success;
        }
    }
}
