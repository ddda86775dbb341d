using MeshLint.Reports;

namespace MeshLint.Diagnose;

/// <summary>The human report: one block per workload, a timeline per pod, the fix once per workload.</summary>
internal static class TextReportWriter
{
    public static void Write(DiagnosisReport report, TextWriter output)
    {
        var workloads = report.Pods.GroupBy(p => p.Workload).ToList();
        output.WriteLine(
            $"meshlint diagnose: {report.Pods.Count} pod(s) in {workloads.Count} workload(s); " +
            $"start-up race confirmed in {report.Confirmed(DiagnosisCheck.StartupRace)}, " +
            $"Vault Init hang confirmed in {report.Confirmed(DiagnosisCheck.VaultInitHang)}");
        output.WriteLine();
        output.WriteLine("Inputs:");
        foreach (var input in report.Inputs)
        {
            output.WriteLine($"  {Safe(input.File)}: {input.Format}: {Safe(input.Detail)}");
        }

        if (report.Pods.Count == 0)
        {
            output.WriteLine();
            output.WriteLine("No pod had refused connections, istio-proxy events or Vault containers in these inputs.");
        }

        foreach (var workload in workloads)
        {
            var pods = workload.ToList();
            output.WriteLine();
            output.WriteLine($"{workload.Key.Kind} {Safe(Qualified(workload.Key.Namespace, workload.Key.Name))} ({pods.Count} pod(s))");
            foreach (var pod in pods)
            {
                output.WriteLine($"  Pod {Safe(pod.Pod)}");
                foreach (var finding in pod.Findings)
                {
                    output.WriteLine($"    {Label(finding)} {Safe(finding.Summary, 400)}");
                    foreach (var missing in finding.Missing)
                    {
                        output.WriteLine($"      missing: {Safe(missing)}");
                    }

                    if (finding.Timeline.Count > 0)
                    {
                        output.WriteLine("      Timeline (UTC):");
                        foreach (var entry in finding.Timeline)
                        {
                            output.WriteLine($"        {Rfc3339Timestamp.Format(entry.Time)}  {Safe(entry.What)}");
                        }
                    }
                }
            }

            var fixes = pods.SelectMany(p => p.Findings)
                .Where(f => f.Verdict == Verdict.Confirmed && f.Fix is not null)
                .GroupBy(f => f.Fix!.Yaml)
                .Select(g => g.First().Fix!);
            foreach (var fix in fixes)
            {
                output.WriteLine();
                output.WriteLine($"  Fix: {fix.Summary}");
                foreach (var line in fix.Yaml.Split('\n'))
                {
                    output.WriteLine($"    {line}");
                }

                foreach (var alternative in fix.Alternatives)
                {
                    output.WriteLine($"  {alternative}");
                }
            }
        }
    }

    private static string Label(Finding finding) => finding.Verdict switch
    {
        Verdict.Confirmed => "[CONFIRMED]",
        Verdict.NotTheCause => "[NOT THE CAUSE]",
        _ => "[NOT ENOUGH DATA]",
    };

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}/{name}";

    private static string Safe(string text, int max = 240) => UntrustedText.LogExcerpt(text, max);
}
