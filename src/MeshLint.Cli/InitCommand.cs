using MeshLint.Configuration;
using MeshLint.Reports;
using MeshLint.Scanning;

namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint init [--force] [--stdout] [PATH...]</c>: scans PATH (default: the current directory)
/// and writes <c>.meshlint.yaml</c> into the current directory with the target it detected, asking
/// nothing. An existing configuration is kept unless <c>--force</c>; <c>--stdout</c> prints instead.
/// </summary>
internal static class InitCommand
{
    public static int Run(IReadOnlyList<string> paths, bool force, bool toStdout, CliContext context)
    {
        var (stdout, stderr, workingDirectory) = (context.Stdout, context.Stderr, context.WorkingDirectory);
        var file = Path.Combine(workingDirectory, MeshLintConfig.FileName);
        var other = Path.Combine(workingDirectory, MeshLintConfig.ShortFileName);
        if (!toStdout && !force && (File.Exists(file) || File.Exists(other)))
        {
            stderr.WriteLine($"meshlint: {(File.Exists(file) ? MeshLintConfig.FileName : MeshLintConfig.ShortFileName)} exists already; keep it, or replace it with 'meshlint init --force'");
            return ExitCodes.UsageOrInput;
        }

        // The scan reads no configuration: the file describes the clusters, not what an existing one says.
        var outcome = Scan.Run(new ScanRequest { Paths = paths.Count == 0 ? ["."] : paths, WorkingDirectory = workingDirectory, NoConfig = true });
        if (outcome.Setup is null)
        {
            context.PrintErrors(outcome.SetupErrors);
            return ExitCodes.UsageOrInput;
        }

        context.PrintInputErrors(outcome.Result.InputErrors);

        var text = InitConfig.Write(outcome.Result, string.Empty);
        if (toStdout)
        {
            stdout.Write(text);
            return ExitCodes.Clean;
        }

        AtomicFile.Write(file, writer => writer.Write(text));
        stderr.WriteLine($"meshlint: wrote {MeshLintConfig.FileName}; review the target, then run meshlint");
        return ExitCodes.Clean;
    }
}
