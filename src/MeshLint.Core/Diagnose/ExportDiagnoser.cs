namespace MeshLint.Diagnose;

/// <summary>Reads every input into one evidence set and diagnoses the pods in it.</summary>
public sealed class ExportDiagnoser
{
    private readonly RefusedConnectionPatterns _refusedPatterns;
    private readonly TimeSpan _probePeriod;

    public ExportDiagnoser(RefusedConnectionPatterns refusedPatterns, TimeSpan probePeriod)
    {
        _refusedPatterns = refusedPatterns;
        _probePeriod = probePeriod;
    }

    /// <returns>The report, and the fatal input errors (non-empty means exit code 2).</returns>
    public (DiagnosisReport Report, IReadOnlyList<string> Errors) Diagnose(IReadOnlyList<string> files, ContainerLogTarget logTarget)
    {
        var collector = new EvidenceCollector(_refusedPatterns);
        var inputs = new List<InputSummary>();
        var warnings = new List<string>();
        var errors = new List<string>();

        foreach (var file in files)
        {
            var result = ReadFile(file, collector, logTarget);
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

        var pods = new PodDiagnoser(new StartupRaceAnalyzer(_probePeriod)).Diagnose(collector.Build());
        return (new DiagnosisReport(inputs, pods, warnings), errors);
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
