using MeshLint.Diagnose;
using MeshLint.Reports;

namespace MeshLint.Cli;

/// <summary>"meshlint diagnose": reads exports, prints the report, returns the exit code.</summary>
internal static class DiagnoseCommand
{
    public const int NothingConfirmed = 0;
    public const int CauseConfirmed = 1;
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
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
