using System.Text;
using System.Text.Json;
using MeshLint.Findings;
using MeshLint.Startup;

namespace MeshLint.Reports;

/// <summary>A modelled pod and the findings on it, as <c>meshlint startup</c> shows them.</summary>
public sealed record StartupEntry(PodStartup Pod, IReadOnlyList<Finding> Findings);

/// <summary>
/// <c>meshlint startup</c>'s output: for each injected pod, its start-up steps in a table (who put the
/// container there, when it runs, the redirect, the proxy, the network and why), then the findings
/// that follow. Text for a terminal (colour only when asked), JSON for scripts.
/// </summary>
public static class StartupReport
{
    /// <summary>The target in one line: <c>Istio 1.28 (detected: …), Kubernetes unknown (…), platform istio (assumed)</c>.</summary>
    public static string Target(Mesh.MeshTarget target) =>
        $"Istio {Part(target.Istio.Release?.ToString(), target.Istio.Origin, target.Istio.Source)}, " +
        $"Kubernetes {Part(target.Kubernetes.Release?.ToString(), target.Kubernetes.Origin, target.Kubernetes.Source)}, " +
        $"platform {Part(Mesh.MeshPlatforms.Name(target.Platform.Platform), target.Platform.Origin, target.Platform.Source)}";

    private static string Part(string? value, Mesh.TargetOrigin origin, string source) => value is null
        ? "unknown"
        : origin switch
        {
            Mesh.TargetOrigin.Configured => $"{value} ({source})",
            Mesh.TargetOrigin.Detected => $"{value} (detected: {source})",
            _ => $"{value} (assumed)",
        };

    private static string Origin(Mesh.TargetOrigin origin) => origin switch
    {
        Mesh.TargetOrigin.Configured => "configured",
        Mesh.TargetOrigin.Detected => "detected",
        _ => "assumed",
    };

    private static void Release(Utf8JsonWriter json, string name, Mesh.ReleaseFact fact)
    {
        json.WriteStartObject(name);
        json.WriteString("value", fact.Release?.ToString());
        json.WriteString("origin", Origin(fact.Origin));
        json.WriteString("source", fact.Source);
        json.WriteEndObject();
    }

    public static void WriteText(IReadOnlyList<StartupEntry> entries, TextWriter writer, bool color)
    {
        foreach (var (entry, index) in entries.Select((entry, index) => (entry, index)))
        {
            if (index > 0)
            {
                writer.WriteLine();
            }

            var pod = entry.Pod;
            var title = $"{P(pod.Object)} in namespace {P(pod.Namespace)} ({P(pod.Path)}:{pod.At.Start.Line})";
            writer.WriteLine(color ? $"\u001b[1m{title}\u001b[0m" : title);
            writer.WriteLine($"  target:           {P(Target(pod.Target))}");
            writer.WriteLine($"  injected:         {P(pod.Injection.Why)}");
            if (pod.Gateway is { } gateway)
            {
                writer.WriteLine($"  gateway:          {P(gateway)}: the pod is the proxy itself, so no lifecycle rule judges it");
            }
            writer.WriteLine($"  Istio CNI:        {OnOff(pod.Cni.On)}: {P(pod.Cni.Why)}");
            writer.WriteLine($"  native sidecars:  {OnOff(pod.NativeSidecar.On)}: {P(pod.NativeSidecar.Why)}{(pod.Shape.Assumption is { } assumed ? $" [assumed: {P(assumed)}]" : string.Empty)}");
            if (pod.NeverStarts is { } never)
            {
                writer.WriteLine($"  never starts:     {P(never)}");
            }
            writer.WriteLine($"  app waits:        {(pod.AppWaitsForProxy.On ? "yes" : "no")}: {P(pod.AppWaitsForProxy.Why)}");
            if (pod.Vault is { } vault)
            {
                writer.WriteLine($"  Vault:            port {vault.Port} ({P(vault.PortSource)}); {P(vault.Exclusion ?? "nothing excludes it from the redirect")}");
            }

            writer.WriteLine();
            var rows = new List<string[]> { new[] { "#", "container", "from", "phase", "redirect", "proxy", "network" } };
            rows.AddRange(pod.Steps.Select(step => new[]
            {
                step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                P(step.Name),
                Origin(step.Origin),
                Phase(step.Phase),
                OnOff(step.RedirectActive),
                step.Origin == ContainerOrigin.Istio ? "-" : step.ProxyReady ? "ready" : "not ready",
                (step.ReachesNetwork ? "yes: " : "NO: ") + P(step.Why),
            }));
            var widths = Enumerable.Range(0, rows[0].Length - 1).Select(column => rows.Max(row => row[column].Length)).ToArray();
            foreach (var (row, r) in rows.Select((row, r) => (row, r)))
            {
                var line = new StringBuilder("  ");
                for (var column = 0; column < widths.Length; column++)
                {
                    line.Append(row[column].PadRight(widths[column] + 2));
                }

                var network = row[^1];
                if (color && r > 0)
                {
                    network = pod.Steps[r - 1].ReachesNetwork ? network : TextReport.Paint(Level.Error, network);
                }

                line.Append(network);
                writer.WriteLine(line.ToString().TrimEnd());
            }

            writer.WriteLine();
            var shutdown = pod.Shutdown;
            writer.WriteLine($"  drain:            {shutdown.Drain.Text}: {P(shutdown.Drain.Why)}");
            writer.WriteLine($"  grace period:     {shutdown.GracePeriod.Text}: {P(shutdown.GracePeriod.Why)}");
            writer.WriteLine($"  exit on zero:     {OnOff(shutdown.ExitOnZeroActiveConnections.On)}: {P(shutdown.ExitOnZeroActiveConnections.Why)}");
            writer.WriteLine("  on deletion:");
            foreach (var moment in pod.ShutdownOrder)
            {
                writer.WriteLine($"    {(moment.At is { } at ? PodShutdown.Seconds(at) : "later"),-6} {P(moment.What)}");
            }

            writer.WriteLine();
            if (entry.Findings.Count == 0)
            {
                writer.WriteLine("  no findings");
                continue;
            }

            // As the lint report's full style shows them, two columns in, and whole: this view is for reading one pod closely.
            var layout = new TextLayout(TextLayout.DefaultWidth - 2, (level, text) => color ? TextReport.Paint(level, text) : text, detailLines: int.MaxValue);
            foreach (var finding in entry.Findings)
            {
                foreach (var line in layout.Lines(finding with { Fix = null }, finding.Level.Name(), finding.Level, details: true))
                {
                    writer.WriteLine($"  {line}");
                }
            }
        }

        var pods = entries.Count == 1 ? "1 injected pod" : $"{entries.Count} injected pods";
        var findings = entries.Sum(entry => entry.Findings.Count);
        writer.WriteLine(entries.Count == 0 ? "No injected pods in the scanned files." : $"{pods}, {findings} {(findings == 1 ? "finding" : "findings")}.");
    }

    public static void WriteJson(IReadOnlyList<StartupEntry> entries, TextWriter writer)
    {
        using (var output = new JsonTextOutput(writer))
        {
            var json = output.Json;
            json.WriteStartArray();
            foreach (var entry in entries)
            {
                var pod = entry.Pod;
                json.WriteStartObject();
                json.WriteString("object", pod.Object);
                json.WriteString("kind", pod.Kind);
                json.WriteString("name", pod.Name);
                json.WriteString("namespace", pod.Namespace);
                json.WriteString("path", pod.Path);
                json.WriteNumber("line", pod.At.Start.Line);
                Fact(json, "injected", pod.Injection);
                Fact(json, "cni", pod.Cni);
                Fact(json, "nativeSidecar", pod.NativeSidecar);
                json.WriteString("assumption", pod.Shape.Assumption);
                json.WriteString("neverStarts", pod.NeverStarts);
                json.WriteString("gateway", pod.Gateway);
                json.WriteStartObject("target");
                Release(json, "istio", pod.Target.Istio);
                Release(json, "kubernetes", pod.Target.Kubernetes);
                json.WriteStartObject("platform");
                json.WriteString("value", Mesh.MeshPlatforms.Name(pod.Target.Platform.Platform));
                json.WriteString("origin", Origin(pod.Target.Platform.Origin));
                json.WriteString("source", pod.Target.Platform.Source);
                json.WriteEndObject();
                json.WriteEndObject();
                Fact(json, "appWaitsForProxy", pod.AppWaitsForProxy);
                if (pod.Vault is { } vault)
                {
                    json.WriteStartObject("vault");
                    json.WriteString("port", vault.Port);
                    json.WriteString("portSource", vault.PortSource);
                    json.WriteBoolean("initFirst", vault.InitFirst);
                    json.WriteString("exclusion", vault.Exclusion);
                    json.WriteEndObject();
                }

                json.WriteStartArray("steps");
                foreach (var step in pod.Steps)
                {
                    json.WriteStartObject();
                    json.WriteNumber("step", step.Number);
                    json.WriteString("container", step.Name);
                    json.WriteString("origin", Origin(step.Origin));
                    json.WriteString("phase", Phase(step.Phase));
                    json.WriteBoolean("redirectActive", step.RedirectActive);
                    json.WriteBoolean("proxyReady", step.ProxyReady);
                    json.WriteBoolean("reachesNetwork", step.ReachesNetwork);
                    json.WriteString("why", step.Why);
                    if (step.Destination is { } destination)
                    {
                        json.WriteString("destination", destination);
                    }

                    if (step.At is { } at)
                    {
                        json.WriteNumber("line", at.Start.Line);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                var shutdown = pod.Shutdown;
                json.WriteStartObject("shutdown");
                json.WriteNumber("drainSeconds", shutdown.Drain.Seconds);
                json.WriteString("drainWhy", shutdown.Drain.Why);
                json.WriteNumber("gracePeriodSeconds", shutdown.GracePeriod.Seconds);
                json.WriteString("gracePeriodWhy", shutdown.GracePeriod.Why);
                Fact(json, "exitOnZeroActiveConnections", shutdown.ExitOnZeroActiveConnections);
                json.WriteStartArray("order");
                foreach (var moment in pod.ShutdownOrder)
                {
                    json.WriteStartObject();
                    if (moment.At is { } at)
                    {
                        json.WriteNumber("atSeconds", at);
                    }
                    else
                    {
                        json.WriteNull("atSeconds");
                    }

                    json.WriteString("what", moment.What);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartArray("findings");
                foreach (var finding in entry.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("path", finding.Path);
                    json.WriteNumber("line", finding.Start.Line);
                    json.WriteNumber("column", finding.Start.Column);
                    json.WriteString("ruleId", finding.RuleId);
                    json.WriteString("ruleName", finding.RuleName);
                    json.WriteString("level", finding.Level.Name());
                    json.WriteString("message", finding.Message);
                    json.WriteString("summary", finding.Summary);
                    json.WriteString("details", finding.Details);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

    }

    private static void Fact(Utf8JsonWriter json, string name, StartupFact fact)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("on", fact.On);
        json.WriteString("why", fact.Why);
        json.WriteEndObject();
    }

    private static string P(string text) => UntrustedText.Printable(text);

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string Origin(ContainerOrigin origin) => origin switch
    {
        ContainerOrigin.Pod => "pod",
        ContainerOrigin.Istio => "Istio",
        _ => "Vault",
    };

    private static string Phase(StartupPhase phase) => phase switch
    {
        StartupPhase.Init => "init",
        StartupPhase.Sidecar => "native sidecar",
        _ => "app",
    };
}
