using System.Text;

namespace MeshLint.Diagnose;

/// <summary>"meshlint diagnose": reads exports, prints the report, returns the exit code.</summary>
public static class DiagnoseCommand
{
    public const int NothingConfirmed = 0;
    public const int CauseConfirmed = 1;
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, []);

    /// <param name="configuredRefusedPatterns">Patterns from the config file, added to the defaults and to --refused-pattern.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IReadOnlyList<RefusedConnectionPattern> configuredRefusedPatterns)
    {
        var (options, error) = DiagnoseOptions.Parse(args);
        if (options is null)
        {
            stderr.WriteLine($"meshlint diagnose: {error}");
            stderr.WriteLine("Run 'meshlint diagnose --help' for usage.");
            return BadInput;
        }

        if (options.ShowHelp)
        {
            stdout.Write(DiagnoseOptions.Usage);
            stdout.WriteLine();
            return NothingConfirmed;
        }

        var patterns = RefusedConnectionPatterns.WithExtra([.. configuredRefusedPatterns, .. options.ExtraRefusedPatterns]);
        var diagnoser = new ExportDiagnoser(patterns, options.ProbePeriod);
        var (report, errors) = diagnoser.Diagnose(options.Files, options.LogTarget);

        foreach (var warning in report.Warnings)
        {
            stderr.WriteLine($"warning: {TerminalSafeText.Clean(warning, 400)}");
        }

        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                stderr.WriteLine($"meshlint diagnose: {TerminalSafeText.Clean(message, 400)}");
            }

            return BadInput;
        }

        if (options.Format == ReportFormat.Json)
        {
            using var buffer = new MemoryStream();
            JsonReportWriter.Write(report, buffer);
            stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            TextReportWriter.Write(report, stdout);
        }

        return report.AnyConfirmed ? CauseConfirmed : NothingConfirmed;
    }
}
