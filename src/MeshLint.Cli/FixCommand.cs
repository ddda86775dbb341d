using MeshLint.Fixes;
using MeshLint.Reports;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint fix</c>: <see cref="FixRun"/> decides and lints the edits; this writes them (or
/// prints them as a diff), says what was fixed, lists what remains and chooses the exit code.
/// </summary>
internal static class FixCommand
{
    public const string Description =
        "apply the fixes of the findings marked [*] that a scan with the same options reports, write the changed files (as written: no build), lint again and print what remains; with PATH -, the fixed text goes to standard output";

    public static int Run(LintCommand command, CliContext context)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var outcome = FixRun.Run(new FixRequest { Scan = command.ToScanRequest(context.WorkingDirectory, context.Stdin), UnsafeFixes = command.UnsafeFixes });
        var final = outcome.Final;
        if (final.Setup is null)
        {
            context.PrintErrors(final.SetupErrors);
            return ExitCodes.UsageOrInput;
        }

        foreach (var note in final.Notes)
        {
            stderr.WriteLine($"meshlint: note: {UntrustedText.Printable(note)}");
        }

        var failed = final.Result.InputErrors.Count > 0;
        context.PrintInputErrors(final.Result.InputErrors);

        foreach (var path in outcome.Refused)
        {
            failed = true;
            stderr.WriteLine($"meshlint: {UntrustedText.Printable(path)}: a fix would not leave valid YAML, so some fixes were not applied (a MeshLint defect: please report it)");
        }

        if (command.Diff)
        {
            foreach (var file in outcome.Files)
            {
                stdout.Write(UnifiedDiff.Of(file.Path, file.Before, file.After));
            }

            stderr.WriteLine(outcome.FixedCount == 0
                ? "meshlint: nothing to fix."
                : $"meshlint: would fix {Plural(outcome.FixedCount, "finding")} in {Plural(outcome.Files.Count, "file")}; {Remaining(outcome, command.UnsafeFixes)}.");
            return failed ? ExitCodes.UsageOrInput : outcome.Files.Count > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        }

        // Standard input's fixed text is the output; the report goes to standard error beside it.
        var stdinFile = outcome.Files.FirstOrDefault(file => file.IsStdin);
        var reportTo = command.Paths.Contains("-") ? stderr : stdout;
        if (command.Paths.Contains("-"))
        {
            stdout.Write(stdinFile?.After ?? ReadBack(final));
        }

        foreach (var file in outcome.Files.Where(file => !file.IsStdin))
        {
            try
            {
                AtomicFile.WriteBytes(file.File.FullPath!, file.Bytes);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failed = true;
                stderr.WriteLine($"meshlint: cannot write {UntrustedText.Printable(file.Path)}: {exception.Message}");
                continue;
            }

            var rules = file.Fixed.GroupBy(finding => finding.RuleId, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => group.Count() == 1 ? group.Key : $"{group.Key} ×{group.Count()}");
            reportTo.WriteLine($"fixed {UntrustedText.Printable(file.Path)}: {string.Join(", ", rules)}");
        }

        new TextReport(color: false, style: command.TextStyle).Write(final.Result, reportTo);
        reportTo.WriteLine($"Fixed {Plural(outcome.FixedCount, "finding")} in {Plural(outcome.Files.Count, "file")}; {Remaining(outcome, command.UnsafeFixes)}.");
        if (failed)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && final.Result.Findings.Any(finding => finding.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>Standard input with nothing to fix goes out as it came in.</summary>
    private static string ReadBack(ScanOutcome final) =>
        final.Files.FirstOrDefault(file => file.FullPath is null)?.Content is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;

    private static string Remaining(FixOutcome outcome, bool unsafeFixes)
    {
        var remaining = outcome.Final.Result.Findings.Count;
        var hint = !unsafeFixes && outcome.UnsafeRemaining > 0 ? $" ({outcome.UnsafeRemaining} fixable with --unsafe-fixes)" : string.Empty;
        return $"{Plural(remaining, "finding")} remain{(remaining == 1 ? "s" : string.Empty)}{hint}";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
