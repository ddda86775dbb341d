using System.Diagnostics;
using System.Text;

namespace MeshLint.Rendering;

/// <summary>Runs kustomize, kubectl or helm with a time limit and collects their output.</summary>
internal static class ExternalTool
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>The full path of an executable in one of the folders of <paramref name="searchPath"/> (a PATH value), or null.</summary>
    public static string? Find(string name, string? searchPath)
    {
        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Standard output on success; otherwise the reason, from the tool's own error output.</summary>
    public static (string? Output, string? Error) Run(string executable, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeLimit))
        {
            process.Kill(entireProcessTree: true);
            return (null, $"{Path.GetFileName(executable)} did not finish within {TimeLimit.TotalSeconds:0} seconds");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var reason = error.Result.Trim();
            return (null, $"{Path.GetFileName(executable)} failed (exit code {process.ExitCode}): {(reason.Length > 0 ? FirstError(reason) : "no message")}");
        }

        return (output.Result, null);
    }

    /// <summary>The line of a tool's error output that says what went wrong (kustomize and helm start with it, kubectl may print usage after).</summary>
    private static string FirstError(string reason)
    {
        // kubectl logs through klog: 'E1206 00:45:56.668842 14260 run.go:72] "command failed" err="…"', or
        // 'err=<' with the cause on the lines after; kustomize v5 warns of deprecated fields first.
        var lines = new List<string>();
        foreach (var text in reason.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var isKlog = text.Length > 5 && text[0] is 'E' or 'W' or 'I' or 'F' && char.IsDigit(text[1]) && text.Contains("] ", StringComparison.Ordinal);
            if (isKlog && text.IndexOf(" err=\"", StringComparison.Ordinal) is var quoted and > 0)
            {
                lines.Add(text[(quoted + 6)..].TrimEnd('"'));
            }
            else if (!isKlog && text != ">" && !text.StartsWith("# Warning", StringComparison.Ordinal))
            {
                lines.Add(text);
            }
        }

        var line = lines.FirstOrDefault(text => text.StartsWith("Error", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? reason.Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
