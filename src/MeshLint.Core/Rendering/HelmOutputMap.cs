using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>
/// Carries findings in <c>helm template</c> output back to the template each document came from
/// (Helm's <c>Source:</c> comment names it). A template is not YAML, so the line is found by text:
/// the template line that reads as the rendered line does (annotations and keys are mostly written
/// literally), else the line with the same key (<c>sidecar.istio.io/inject: {{ … }}</c>), the one
/// nearest its place in the document where several match, else the template's first line.
/// </summary>
internal sealed class HelmOutputMap : IBuildOrigin
{
    private readonly string chartDirectory;
    private readonly string builtPath;
    private readonly Func<string, string> displayPath;
    private readonly Func<string, string?> read;
    private readonly string[] lines;

    /// <summary>For each rendered line, the template (full path) its document came from and the line its document starts on.</summary>
    private readonly (string? Template, int DocumentStart)[] origins;

    public HelmOutputMap(string chartDirectory, string label, string builtPath, string rendered, Func<string, string> displayPath, Func<string, string?> read)
    {
        this.chartDirectory = chartDirectory;
        this.builtPath = builtPath;
        this.displayPath = displayPath;
        this.read = read;
        Label = label;
        lines = rendered.Split('\n');
        origins = new (string?, int)[lines.Length];
        string? template = null;
        var start = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line == "---")
            {
                template = null;
                start = i + 2;
            }
            else if (line.StartsWith("# Source: ", StringComparison.Ordinal))
            {
                // "<chart name>/templates/x.yaml": the chart's name may differ from its folder, so drop it;
                // a subchart's is "<chart>/charts/<sub>/templates/x.yaml", under the chart's folder too.
                var source = line["# Source: ".Length..].Trim();
                var slash = source.IndexOf('/');
                template = slash > 0 ? Path.GetFullPath(source[(slash + 1)..], chartDirectory) : null;
                start = i + 1;
            }

            origins[i] = (template, start);
        }
    }

    public BuildKind Kind => BuildKind.Helm;

    public string Label { get; }

    public Finding? Map(Finding finding)
    {
        if (Locate(finding.Start.Line) is not { } source)
        {
            return null;
        }

        var column = Math.Max(1, finding.Start.Column + source.Shift);
        var start = new SourcePosition(source.Line, column);
        var end = finding.Span.End.Line == finding.Span.Start.Line ? new SourcePosition(source.Line, column + Math.Max(0, finding.Span.End.Column - finding.Span.Start.Column)) : start;
        var identity = $"{lines[finding.Start.Line - 1].Trim()}|{BuildFindings.Identity(finding, withObject: false)}";
        return finding.MapText(text => BuildFindings.MapReferences(text, builtPath, MapLine)) with
        {
            Path = source.Path,
            Span = new SourceSpan(start, end),
            Related = BuildFindings.MapRelated(finding.Related, builtPath, MapLine),
            Fingerprint = Fingerprint.Of(finding.RuleId, source.Path, finding.Object, Fingerprint.WithoutPositions(identity)),
        };
    }

    private (string Path, int Line)? MapLine(int line) => Locate(line) is { } source ? (source.Path, source.Line) : null;

    private (string Path, int Line, int Shift)? Locate(int renderedLine)
    {
        if (renderedLine < 1 || renderedLine > lines.Length || origins[renderedLine - 1].Template is not { } template)
        {
            return null;
        }

        var shown = displayPath(template);
        var templateLines = (read(template) ?? string.Empty).Split('\n');
        var rendered = lines[renderedLine - 1].TrimEnd('\r');
        var text = rendered.Trim();
        var documentStart = origins[renderedLine - 1].DocumentStart;
        var documentLines = Math.Max(1, Array.FindIndex(origins, documentStart, entry => entry.DocumentStart != documentStart) is var next and > 0 ? next - documentStart : lines.Length - documentStart + 1);
        var expected = (renderedLine - documentStart) / (double)documentLines * templateLines.Length;

        int Nearest(Func<string, bool> matches)
        {
            var best = -1;
            for (var i = 0; i < templateLines.Length; i++)
            {
                if (matches(templateLines[i].TrimEnd('\r').Trim()) && (best < 0 || Math.Abs(i - expected) < Math.Abs(best - expected)))
                {
                    best = i;
                }
            }

            return best;
        }

        var found = text.Length == 0 ? -1 : Nearest(candidate => candidate == text);
        if (found < 0 && text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            var key = text[..(colon + 1)];
            found = Nearest(candidate => candidate.StartsWith(key, StringComparison.Ordinal));
        }

        if (found < 0)
        {
            return (shown, 1, 0);
        }

        var sourceLine = templateLines[found].TrimEnd('\r');
        return (shown, found + 1, Indent(sourceLine) - Indent(rendered));
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    /// <summary>The chart folder this render belongs to.</summary>
    public string ChartDirectory => chartDirectory;
}
