using MeshLint.Engine;
using MeshLint.Input;
using MeshLint.Reports;
using MeshLint.Rules;

namespace MeshLint.Cli;

/// <summary>
/// Writes one scan's reports where <c>--report</c> sends them: each file whole or not at all, at
/// most one to standard output, and for <c>github</c> also the job summary GitHub reads from
/// <c>GITHUB_STEP_SUMMARY</c>.
/// </summary>
/// <param name="width">The terminal's width for a text report on standard output; null when it is not a terminal.</param>
internal sealed class ReportTargets(LintCommand command, RuleCatalog catalog, string workingDirectory, Func<string, string?> environment, bool color, int? width = null)
{
    /// <summary>Writes every report; returns false when a file could not be written (told on <paramref name="stderr"/>).</summary>
    public bool WriteAll(LintResult result, TextWriter stdout, TextWriter stderr)
    {
        var written = true;
        foreach (var request in command.Reports)
        {
            var report = Create(request.Format, request.File is null ? width : null);
            if (request.File is { } file)
            {
                written &= TryWrite(file, stderr, writer => report.Write(result, writer), append: false);
            }
            else
            {
                report.Write(result, stdout);
            }
        }

        if (command.Reports.All(request => request.File is not null))
        {
            stderr.WriteLine(TextReport.Summary(result));
        }

        if (command.Reports.Any(request => request.Format == OutputFormat.GitHub) && environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            written &= TryWrite(summary, stderr, writer => new MarkdownSummaryReport(WorkspacePath).Write(result, writer), append: true);
        }

        return written;
    }

    private IReport Create(OutputFormat format, int? terminalWidth) => format switch
    {
        OutputFormat.Json => new JsonReport(),
        OutputFormat.Sarif => new SarifReport(catalog, Program.Version, command.SarifCategory),
        OutputFormat.GitHub => new GitHubAnnotationsReport(WorkspacePath),
        OutputFormat.Rdjson => new RdjsonReport(catalog, SourceText),
        _ => new TextReport(color, command.ShowSuppressed, command.TextStyle, terminalWidth ?? TextReport.DefaultWidth),
    };

    /// <summary>A scanned file's text, for reviewdog's byte columns; null for rendered output that is no file.</summary>
    private string? SourceText(string displayPath)
    {
        var path = Path.GetFullPath(displayPath, workingDirectory);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>GitHub places annotations by path from the workspace root, which need not be where meshlint runs.</summary>
    private string WorkspacePath(string displayPath)
    {
        if (environment("GITHUB_WORKSPACE") is not { Length: > 0 } workspace)
        {
            return displayPath;
        }

        var full = Path.GetFullPath(displayPath, workingDirectory);
        var relative = Path.GetRelativePath(workspace, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? displayPath : FileDiscovery.DisplayPath(full, workspace);
    }

    private bool TryWrite(string file, TextWriter stderr, Action<TextWriter> write, bool append)
    {
        var path = Path.GetFullPath(file, workingDirectory);
        try
        {
            // A report path such as reports/meshlint.sarif is natural in CI, where nothing made the folder yet.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (append)
            {
                using var writer = new StreamWriter(path, append: true, new System.Text.UTF8Encoding(false));
                write(writer);
            }
            else
            {
                AtomicFile.Write(path, write);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"meshlint: cannot write {file}: {exception.Message}");
            return false;
        }
    }
}
