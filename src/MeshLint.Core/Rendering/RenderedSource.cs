using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>
/// Rendered manifests standing in for the file they came from (a Helm template, a Kustomize resource).
/// Rendered lines do not match the source's, so a finding is moved to the source line with the same
/// text (the usual case: annotations are written literally), or else to the file's first line.
/// </summary>
internal sealed class RenderedSource(string displayPath, string renderedText, string? sourceText)
{
    private readonly string[] renderedLines = Lines(renderedText);
    private readonly string[] sourceLines = sourceText is null ? [] : Lines(sourceText);

    public string DisplayPath { get; } = displayPath;

    public string RenderedText { get; } = renderedText;

    public Finding Remap(Finding finding)
    {
        var start = Map(finding.Span.Start);
        var end = finding.Span.End.Line == finding.Span.Start.Line ? new SourcePosition(start.Line, Math.Max(start.Column, start.Column + finding.Span.End.Column - finding.Span.Start.Column)) : start;
        return finding with { Span = new SourceSpan(start, end) };
    }

    private SourcePosition Map(SourcePosition rendered)
    {
        if (rendered.Line < 1 || rendered.Line > renderedLines.Length)
        {
            return SourcePosition.Start;
        }

        var line = renderedLines[rendered.Line - 1];
        var text = line.Trim();
        if (text.Length == 0)
        {
            return SourcePosition.Start;
        }

        for (var i = 0; i < sourceLines.Length; i++)
        {
            if (sourceLines[i].Trim() == text)
            {
                var shift = Indent(sourceLines[i]) - Indent(line);
                return new SourcePosition(i + 1, Math.Max(1, rendered.Column + shift));
            }
        }

        return SourcePosition.Start;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static string[] Lines(string text) => text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
}
