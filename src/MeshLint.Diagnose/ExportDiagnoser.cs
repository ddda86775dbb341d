using System.Text;

namespace MeshLint.Diagnose;

/// <summary>What one diagnosis reads, and how.</summary>
/// <param name="Files">Cloud Logging exports, Kubernetes event lists and container logs, in any mix.</param>
/// <param name="LogTarget">The pod and container of plain log files that do not name their own.</param>
/// <param name="ExtraRefusedPatterns">Tried after the built-in patterns, in order.</param>
/// <param name="ProbePeriod">The istio-proxy readiness probe period, where the events do not show it.</param>
public sealed record DiagnosisRequest(
    IReadOnlyList<string> Files,
    ContainerLogTarget LogTarget,
    IReadOnlyList<RefusedConnectionPattern> ExtraRefusedPatterns,
    TimeSpan ProbePeriod)
{
    /// <summary>Istio injects the sidecar readiness probe with periodSeconds 2 unless overridden.</summary>
    public static readonly TimeSpan IstioDefaultProbePeriod = TimeSpan.FromSeconds(2);
}

/// <summary>What a diagnosis found, or the input errors that kept it from being trusted.</summary>
public sealed class DiagnosisResult
{
    internal DiagnosisResult(DiagnosisReport report, IReadOnlyList<string> errors)
    {
        Report = report;
        Errors = errors;
    }

    /// <summary>Fatal input errors: when there are any, the report is incomplete and should not be shown.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Input that was skipped without making the diagnosis wrong (e.g. an entry without a time).</summary>
    public IReadOnlyList<string> Warnings => Report.Warnings;

    public bool AnyConfirmed => Report.AnyConfirmed;

    internal DiagnosisReport Report { get; }

    public void WriteText(TextWriter output) => TextReportWriter.Write(Report, output);

    /// <summary>The JSON report and a line break.</summary>
    public void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(Report, buffer);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

/// <summary>Reads every input into one evidence set and diagnoses the pods in it.</summary>
public static class ExportDiagnoser
{
    public static DiagnosisResult Diagnose(DiagnosisRequest request)
    {
        var collector = new EvidenceCollector(RefusedConnectionPatterns.WithExtra(request.ExtraRefusedPatterns));
        var inputs = new List<InputSummary>();
        var warnings = new List<string>();
        var errors = new List<string>();

        foreach (var file in request.Files)
        {
            var result = ReadFile(file, collector, request.LogTarget);
            warnings.AddRange(result.Warnings);
            if (result.Error is not null)
            {
                errors.Add(result.Error);
            }
            else if (result.Summary is not null)
            {
                inputs.Add(result.Summary);
            }
        }

        var pods = new PodDiagnoser(new StartupRaceAnalyzer(request.ProbePeriod)).Diagnose(collector.Build());
        return new DiagnosisResult(new DiagnosisReport(inputs, pods, warnings), errors);
    }

    private static InputReadResult ReadFile(string path, EvidenceCollector collector, ContainerLogTarget logTarget)
    {
        if (Directory.Exists(path))
        {
            return Failed($"{path}: is a directory; pass the export files themselves");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var first = FirstSignificantByte(stream);
            var prefixedLog = first == '[' && StartsWithKubectlPrefix(stream);
            stream.Position = 0;
            if (first is '[' or '{' && !prefixedLog)
            {
                return new JsonExportReader(collector).Read(path, stream);
            }

            if (first is null)
            {
                return Failed($"{path}: the file is empty");
            }

            using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
            return new ContainerLogReader(collector).Read(path, text, logTarget);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed($"{path}: cannot read: {ex.Message}");
        }

        static InputReadResult Failed(string message) => new(null, message, []);
    }

    /// <summary>"kubectl logs --prefix" lines start with "[pod/", which must not be taken for a JSON array.</summary>
    private static bool StartsWithKubectlPrefix(Stream stream)
    {
        Span<byte> next = stackalloc byte[4];
        return stream.ReadAtLeast(next, next.Length, throwOnEndOfStream: false) == next.Length && next.SequenceEqual("pod/"u8);
    }

    /// <summary>Skips whitespace and a UTF-8 byte order mark to tell JSON exports from text logs.</summary>
    private static char? FirstSignificantByte(Stream stream)
    {
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return (char)b;
        }

        return null;
    }
}
