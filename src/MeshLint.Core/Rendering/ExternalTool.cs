using System.Diagnostics;
using System.Text;

namespace MeshLint.Rendering;

/// <summary>Runs helm or kubectl with a time limit and collects their output; nothing is run unless the user asked for rendering.</summary>
internal static class ExternalTool
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
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
            return (null, $"{Path.GetFileName(executable)} failed (exit code {process.ExitCode}): {(reason.Length > 0 ? reason.Split('\n')[0] : "no message")}");
        }

        return (output.Result, null);
    }
}
