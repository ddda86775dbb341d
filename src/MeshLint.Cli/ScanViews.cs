using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Reports;
using MeshLint.Scanning;
using MeshLint.Startup;

namespace MeshLint.Cli;

/// <summary>
/// <c>meshlint startup</c> and <c>meshlint context</c>: the same scan as a lint run, shown as what it
/// derived (each injected pod's start-up and shutdown, or the mesh context) instead of as findings.
/// </summary>
internal static class ScanViews
{
    /// <summary>The modelled start-up of every injected pod (or the one <c>--object</c> names) with its findings; exit codes as for linting, counting the shown pods' findings.</summary>
    public static int Startup(InspectCommand command, CliContext context)
    {
        if (ScanOrFail(command, context, out _) is not { } result)
        {
            return ExitCodes.UsageOrInput;
        }

        var pods = result.Pods.Where(pod => pod.Injection.On && (command.Target is not { } wanted || Matches(pod, wanted))).ToList();
        if (command.Target is { } missing && pods.Count == 0)
        {
            context.Stderr.WriteLine($"meshlint: no injected workload {UntrustedText.Printable(missing)} in the scanned files");
            return ExitCodes.UsageOrInput;
        }

        var entries = pods
            .Select(pod => new StartupEntry(pod, result.Findings.Where(finding => finding.Path == pod.Path && finding.Object == pod.Object).ToList()))
            .ToList();
        if (command.Json)
        {
            StartupReport.WriteJson(entries, context.Stdout);
        }
        else
        {
            StartupReport.WriteText(entries, context.Stdout, context.Color(command.NoColor));
        }

        if (result.InputErrors.Count > 0)
        {
            return ExitCodes.UsageOrInput;
        }

        return command.FailOn is { } threshold && entries.Any(entry => entry.Findings.Any(finding => finding.Level >= threshold)) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// The mesh context the scan derived, for all of it or for the one file <c>--for</c> names.
    /// Exit code 0, or 2 for bad usage, unreadable input or a <c>--for</c> file that does not exist.
    /// </summary>
    public static int Context(InspectCommand command, CliContext context)
    {
        var workingDirectory = context.WorkingDirectory;
        string? forPath = null;
        if (command.Target is { } file)
        {
            var full = Path.GetFullPath(file, workingDirectory);
            if (!File.Exists(full))
            {
                context.Stderr.WriteLine($"meshlint: --for {UntrustedText.Printable(file)}: no such file");
                return ExitCodes.UsageOrInput;
            }

            // The report path of the file, as the scan shows it: relative to the working directory.
            forPath = FileDiscovery.DisplayPath(full, workingDirectory);
        }

        if (ScanOrFail(command, context, out var linted) is not { } result)
        {
            return ExitCodes.UsageOrInput;
        }

        var folders = linted.Select(file => Path.GetDirectoryName(file.DisplayPath)?.Replace(Path.DirectorySeparatorChar, '/') ?? string.Empty).ToList();
        if (command.Json)
        {
            MeshContextReport.WriteJson(result, forPath, context.Stdout, folders);
        }
        else
        {
            MeshContextReport.WriteText(result, forPath, context.Stdout, folders);
        }

        return result.InputErrors.Count > 0 ? ExitCodes.UsageOrInput : ExitCodes.Clean;
    }

    /// <summary>The scan's result with its input errors told on standard error; null when the configuration could not be read (told too).</summary>
    private static LintResult? ScanOrFail(InspectCommand command, CliContext context, out IReadOnlyList<SourceFile> linted)
    {
        var outcome = Scan.Run(command.ToScanRequest(context.WorkingDirectory) with { ToolSearchPath = context.Environment("PATH") });
        linted = outcome.Files;
        if (outcome.Setup is null)
        {
            context.PrintErrors(outcome.SetupErrors);
            return null;
        }

        context.PrintInputErrors(outcome.Result.InputErrors);
        return outcome.Result;
    }

    /// <summary>KIND/NAME, the kind in any case (<c>deployment/orders</c> finds <c>Deployment/orders</c>).</summary>
    private static bool Matches(PodStartup pod, string wanted)
    {
        var slash = wanted.IndexOf('/');
        return string.Equals(pod.Kind, wanted[..slash], StringComparison.OrdinalIgnoreCase) && pod.Name == wanted[(slash + 1)..];
    }
}
