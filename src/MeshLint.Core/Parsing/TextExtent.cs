namespace MeshLint.Parsing;

/// <summary>
/// The lines of a text and their lengths, to keep reported positions inside it: at the end of a file
/// with no final newline YamlDotNet reports errors one line past the last (found by fuzzing).
/// </summary>
internal sealed class TextExtent
{
    private readonly List<int> lineLengths = [];

    public TextExtent(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lineLengths.Add(i - start);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lineLengths.Add(text.Length - start);
    }

    public int LineCount => lineLengths.Count;

    /// <summary>The nearest position inside the text: a column may point just past a line's last character.</summary>
    public SourcePosition Clamp(SourcePosition position)
    {
        if (position.Line < 1)
        {
            return SourcePosition.Start;
        }

        if (position.Line > lineLengths.Count)
        {
            return new SourcePosition(lineLengths.Count, lineLengths[^1] + 1);
        }

        return new SourcePosition(position.Line, Math.Clamp(position.Column, 1, lineLengths[position.Line - 1] + 1));
    }
}
