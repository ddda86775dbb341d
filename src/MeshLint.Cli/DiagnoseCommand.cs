using System.CommandLine;
using System.Globalization;
using MeshLint.Diagnose;
using MeshLint.Reports;

namespace MeshLint.Cli;

/// <summary><c>meshlint diagnose</c>: reads exports, prints the report, returns the exit code.</summary>
internal static class DiagnoseCommand
{
    public const int NothingConfirmed = 0;
    public const int CauseConfirmed = 1;
    public const int BadInput = 2;

    private const string Description =
        "confirm the sidecar start-up race and the Vault Init hang from exported logs and events, offline (exit code 1 when confirmed; docs/diagnose.md)";

    private const string Files = """
        exported logs and events:
          - Cloud Logging entries:  gcloud logging read FILTER --format=json > logs.json
          - Kubernetes events:      kubectl get events -n NS -o json > events.json
          - container logs:         kubectl logs POD -c CONTAINER --timestamps > POD_CONTAINER.log
            (the pod and container come from --pod/--container, from lines written with
             kubectl logs --prefix, or from the file name: POD_CONTAINER.log or NS_POD_CONTAINER.log)
        """;

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore, Description = Files };
        files.CompletionSources.Add(completion => CompletionCommand.Paths(completion, context.WorkingDirectory, _ => true));
        var format = CliOptions.Choice("--format", "report format (default: text)",
            new Dictionary<string, DiagnoseReportFormat> { ["text"] = DiagnoseReportFormat.Text, ["json"] = DiagnoseReportFormat.Json }, DiagnoseReportFormat.Text);
        var patterns = new Option<RefusedConnectionPattern[]>("--refused-pattern")
        {
            HelpName = "REGEX",
            Description = "also treat log lines matching REGEX as refused connections (repeatable)",
            CustomParser = result =>
            {
                var found = new List<RefusedConnectionPattern>();
                foreach (var token in result.Tokens)
                {
                    if (RefusedConnectionPattern.TryCreateCustom(token.Value, found.Count + 1, out var pattern, out var error))
                    {
                        found.Add(pattern);
                    }
                    else
                    {
                        result.AddError(error);
                    }
                }

                return [.. found];
            },
        };
        var pod = CliOptions.Value("--pod", "NAME", "pod of the plain log files (overrides the file name)");
        var container = CliOptions.Value("--container", "NAME", "container of the plain log files (overrides the file name)");
        var ns = CliOptions.Value("--namespace", "NS", "namespace of the plain log files");
        var period = new Option<TimeSpan>("--probe-period")
        {
            HelpName = "SECONDS",
            Description = "istio-proxy readiness probe period when it cannot be measured (default: 2)",
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600)
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                result.AddError($"--probe-period must be a number of seconds between 0 and 3600, not '{text}'");
                return DiagnosisRequest.IstioDefaultProbePeriod;
            },
        };
        var command = new Command("diagnose", Description) { files, format, patterns, pod, container, ns, period };
        command.Validators.Add(result =>
        {
            if (result.GetValue(files) is not { Length: > 0 })
            {
                result.AddError("no input files given");
            }
        });
        command.SetAction(result =>
        {
            context.Stage = "diagnosing";
            return Run(new DiagnoseOptions(result.GetValue(files)!, result.GetValue(format), result.GetValue(patterns) ?? [], new(result.GetValue(ns), result.GetValue(pod), result.GetValue(container)), CliOptions.ValueOr(result, period, DiagnosisRequest.IstioDefaultProbePeriod)), context.Stdout, context.Stderr);
        });
        return command;
    }

    private static int Run(DiagnoseOptions options, TextWriter stdout, TextWriter stderr)
    {
        var result = ExportDiagnoser.Diagnose(new DiagnosisRequest(options.Files, options.LogTarget, options.ExtraRefusedPatterns, options.ProbePeriod));

        foreach (var warning in result.Warnings)
        {
            stderr.WriteLine($"warning: {UntrustedText.LogExcerpt(warning, 400)}");
        }

        if (result.Errors.Count > 0)
        {
            foreach (var message in result.Errors)
            {
                stderr.WriteLine($"meshlint diagnose: {UntrustedText.LogExcerpt(message, 400)}");
            }

            return BadInput;
        }

        if (options.Format == DiagnoseReportFormat.Json)
        {
            result.WriteJson(stdout);
        }
        else
        {
            result.WriteText(stdout);
        }

        return result.AnyConfirmed ? CauseConfirmed : NothingConfirmed;
    }
}
