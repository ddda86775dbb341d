using MeshLint.Baselines;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Reports;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>A lint run: hands the scan to <see cref="Scan"/>, writes the reports (or the baseline) and chooses the exit code.</summary>
internal static class LintRun
{
    public static int Run(LintCommand command, CliContext context)
    {
        // MESHLINT_TIMING=1 prints where the time went, as ESLint's TIMING does: to find a slow rule or input.
        var timings = context.Environment("MESHLINT_TIMING") is "1" or "true" ? new RunTimings() : null;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Scan.Run(command.ToScanRequest(context.WorkingDirectory, context.Stdin) with { Timings = timings, ToolSearchPath = context.Environment("PATH") });
        if (outcome.Setup is not { } setup)
        {
            context.PrintErrors(outcome.SetupErrors);
            return ExitCodes.UsageOrInput;
        }

        try
        {
            return Report(command, outcome, setup, context, timings);
        }
        finally
        {
            if (timings is not null)
            {
                var parts = timings.Parts().Sum(part => part.Milliseconds);
                var other = wall.Elapsed.TotalMilliseconds - parts;
                if (other > 0)
                {
                    timings.Add("other (rendering, summary, runtime)", (long)(other * System.Diagnostics.Stopwatch.Frequency / 1000));
                }

                timings.Write(context.Stderr, Math.Max(parts, wall.Elapsed.TotalMilliseconds));
            }
        }
    }

    private static int Report(LintCommand command, ScanOutcome outcome, ScanSetup setup, CliContext context, RunTimings? timings)
    {
        foreach (var note in outcome.Notes)
        {
            context.Stderr.WriteLine($"meshlint: note: {UntrustedText.Printable(note)}");
        }

        var result = outcome.Result;
        context.PrintInputErrors(result.InputErrors);
        var inputErrors = result.InputErrors.Count > 0;
        if (command.WriteBaselineFile is { } writeBaseline)
        {
            context.Stage = "writing the baseline";
            return WriteBaseline(writeBaseline, outcome.Unbaselined, inputErrors, context);
        }

        context.Stage = "writing the reports";
        var color = command.Reports.Any(request => request is { Format: OutputFormat.Text, File: null }) && context.Color(command.NoColor);
        var started = RunTimings.Now;
        var written = new ReportTargets(command, setup.Catalog, context.WorkingDirectory, context.Environment, color, context.TerminalWidth).WriteAll(result, context.Stdout, context.Stderr);
        timings?.AddSince("write reports", started);
        if (!written || inputErrors)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && result.Findings.Any(finding => finding.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static int WriteBaseline(string path, IReadOnlyList<Finding> findings, bool inputErrors, CliContext context)
    {
        try
        {
            AtomicFile.Write(Path.GetFullPath(path, context.WorkingDirectory), writer => Baseline.Write(findings, writer));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Stderr.WriteLine($"meshlint: cannot write {path}: {exception.Message}");
            return ExitCodes.UsageOrInput;
        }

        context.Stderr.WriteLine($"meshlint: recorded {findings.Count} findings in {path}; run with --baseline {path} to report only new ones.");
        return inputErrors ? ExitCodes.UsageOrInput : ExitCodes.Clean;
    }
}
