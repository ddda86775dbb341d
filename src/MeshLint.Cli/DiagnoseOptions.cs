using System.Globalization;
using MeshLint.Diagnose;

namespace MeshLint.Cli;

internal enum DiagnoseReportFormat
{
    Text,
    Json,
}

/// <summary>The parsed command line of "meshlint diagnose".</summary>
internal sealed record DiagnoseOptions(
    IReadOnlyList<string> Files,
    DiagnoseReportFormat Format,
    IReadOnlyList<RefusedConnectionPattern> ExtraRefusedPatterns,
    ContainerLogTarget LogTarget,
    TimeSpan ProbePeriod,
    bool ShowHelp)
{
    public const string Usage = """
        Usage: meshlint diagnose [options] FILE...

        Confirms the sidecar start-up race and the Vault Init hang from exported logs and events,
        offline. FILE can be:
          - Cloud Logging entries:  gcloud logging read FILTER --format=json > logs.json
          - Kubernetes events:      kubectl get events -n NS -o json > events.json
          - container logs:         kubectl logs POD -c CONTAINER --timestamps > POD_CONTAINER.log
            (the pod and container come from --pod/--container, from lines written with
             kubectl logs --prefix, or from the file name: POD_CONTAINER.log or NS_POD_CONTAINER.log)

        Options:
          --format text|json        report format (default: text)
          --refused-pattern REGEX   also treat log lines matching REGEX as refused connections (repeatable)
          --pod NAME                pod of the plain log files (overrides the file name)
          --container NAME          container of the plain log files (overrides the file name)
          --namespace NS            namespace of the plain log files
          --probe-period SECONDS    istio-proxy readiness probe period when it cannot be measured (default: 2)
          -h, --help                show this help

        Exit codes: 0 nothing confirmed, 1 a start-up race or Vault Init hang confirmed,
                    2 unreadable input or bad usage.
        """;

    public static (DiagnoseOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var format = DiagnoseReportFormat.Text;
        var patterns = new List<RefusedConnectionPattern>();
        string? pod = null, container = null, ns = null;
        var period = DiagnosisRequest.IstioDefaultProbePeriod;
        var onlyFiles = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyFiles || !arg.StartsWith('-') || arg == "-")
            {
                files.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyFiles = true;
                continue;
            }

            if (arg is "-h" or "--help")
            {
                return (new DiagnoseOptions(files, format, patterns, new(ns, pod, container), period, true), null);
            }

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;
            if (name is not ("--format" or "--refused-pattern" or "--pod" or "--container" or "--namespace" or "--probe-period"))
            {
                return (null, $"unknown option '{arg}'");
            }

            var value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{name} needs a value");
                }

                value = args[++i];
            }

            switch (name)
            {
                case "--format":
                    switch (value)
                    {
                        case "text":
                            format = DiagnoseReportFormat.Text;
                            break;
                        case "json":
                            format = DiagnoseReportFormat.Json;
                            break;
                        default:
                            return (null, $"--format must be text or json, not '{value}'");
                    }

                    break;
                case "--refused-pattern":
                    if (!RefusedConnectionPattern.TryCreateCustom(value, patterns.Count + 1, out var pattern, out var patternError))
                    {
                        return (null, patternError);
                    }

                    patterns.Add(pattern);
                    break;
                case "--pod":
                    pod = value;
                    break;
                case "--container":
                    container = value;
                    break;
                case "--namespace":
                    ns = value;
                    break;
                case "--probe-period":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is <= 0 or > 3600)
                    {
                        return (null, $"--probe-period must be a number of seconds between 0 and 3600, not '{value}'");
                    }

                    period = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        if (files.Count == 0)
        {
            return (null, "no input files given");
        }

        return (new DiagnoseOptions(files, format, patterns, new(ns, pod, container), period, false), null);
    }
}
