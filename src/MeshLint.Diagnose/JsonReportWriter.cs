using System.Text.Json;

namespace MeshLint.Diagnose;

/// <summary>The machine-readable report; field names are part of the CLI contract.</summary>
internal static class JsonReportWriter
{
    public static void Write(DiagnosisReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();

        json.WriteStartObject("summary");
        json.WriteNumber("pods", report.Pods.Count);
        json.WriteNumber("startupRaceConfirmed", report.Confirmed(DiagnosisCheck.StartupRace));
        json.WriteNumber("vaultInitHangConfirmed", report.Confirmed(DiagnosisCheck.VaultInitHang));
        json.WriteEndObject();

        json.WriteStartArray("inputs");
        foreach (var input in report.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("file", input.File);
            json.WriteString("format", input.Format);
            json.WriteString("detail", input.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("workloads");
        foreach (var workload in report.Pods.GroupBy(p => p.Workload))
        {
            json.WriteStartObject();
            json.WriteString("kind", workload.Key.Kind);
            json.WriteString("namespace", workload.Key.Namespace);
            json.WriteString("name", workload.Key.Name);
            json.WriteStartArray("pods");
            foreach (var pod in workload)
            {
                json.WriteStartObject();
                json.WriteString("name", pod.Pod);
                json.WriteStartArray("findings");
                foreach (var finding in pod.Findings)
                {
                    WriteFinding(json, finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("check", finding.Check == DiagnosisCheck.StartupRace ? "startup-race" : "vault-init-hang");
        json.WriteString("verdict", finding.Verdict switch
        {
            Verdict.Confirmed => "confirmed",
            Verdict.NotTheCause => "not-the-cause",
            _ => "not-enough-data",
        });
        json.WriteString("summary", finding.Summary);
        if (finding.GapSeconds is { } gap)
        {
            json.WriteNumber("gapSeconds", gap);
            json.WriteBoolean("gapIsLowerBound", finding.GapIsLowerBound);
        }

        json.WriteStartArray("missing");
        foreach (var missing in finding.Missing)
        {
            json.WriteStringValue(missing);
        }

        json.WriteEndArray();
        json.WriteStartArray("timeline");
        foreach (var entry in finding.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("time", entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("event", entry.What);
            if (entry.Origin is { } origin)
            {
                json.WriteString("source", origin.ToString());
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (finding.Fix is { } fix)
        {
            json.WriteStartObject("fix");
            json.WriteString("summary", fix.Summary);
            json.WriteString("yaml", fix.Yaml);
            json.WriteStartArray("alternatives");
            foreach (var alternative in fix.Alternatives)
            {
                json.WriteStringValue(alternative);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
