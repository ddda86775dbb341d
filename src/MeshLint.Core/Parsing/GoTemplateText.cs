namespace MeshLint.Parsing;

/// <summary>
/// Recognises Go template source (Helm templates outside a chart, or in a copy that lost its Chart.yaml):
/// YAML with <c>{{ … }}</c> actions that breaks the YAML reader. Reporting each broken line would be
/// noise; the file is one note asking for its rendered output instead.
/// </summary>
public static class GoTemplateText
{
    /// <summary>The position of the first template action, or null when the text has none.</summary>
    public static SourcePosition? FirstAction(string text)
    {
        var open = text.IndexOf("{{", StringComparison.Ordinal);
        if (open < 0 || text.IndexOf("}}", open, StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < open; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourcePosition(line, open - lineStart + 1);
    }
}
