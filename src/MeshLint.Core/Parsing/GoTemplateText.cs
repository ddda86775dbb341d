using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace MeshLint.Parsing;

/// <summary>
/// Recognises Go template source (Helm templates outside a chart, or in a copy that lost its Chart.yaml):
/// YAML with <c>{{ … }}</c> actions that breaks the YAML reader. Reporting each broken line would be
/// noise; the file is one note asking for its rendered output instead.
/// </summary>
internal static class GoTemplateText
{
    /// <summary>
    /// The position of the first template action that stands where YAML reads structure, or null when
    /// there is none. An action inside a quoted, plain or block scalar (a Prometheus rule's
    /// <c>"{{ $labels.instance }}"</c>) or in a comment is text to YAML and never makes a file a template;
    /// one where a node begins is read as the start of a <c>{</c> mapping, which is what breaks the reader.
    /// </summary>
    public static SourcePosition? FirstAction(string text)
    {
        var open = text.IndexOf("{{", StringComparison.Ordinal);
        if (open < 0 || text.IndexOf("}}", open, StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var segment = 0;
        while (segment < text.Length)
        {
            int failedAt;
            try
            {
                if (FirstStructuralAction(text, segment) is not { } found)
                {
                    return null;
                }

                if (found.Action is { } at)
                {
                    return Position(text, at);
                }

                failedAt = found.FailedAt;
            }
            catch (YamlException exception)
            {
                failedAt = segment + (int)exception.Start.Index;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Without a position nothing ties an action to the failure: the syntax errors stand.
                return null;
            }

            // Past a lexical error the scanner knows nothing more of this document; an action on the
            // line it stopped at is what broke it, and the next '---' starts afresh.
            var (lineStart, lineEnd) = LineAround(text, failedAt);
            var action = text.IndexOf("{{", lineStart, lineEnd - lineStart, StringComparison.Ordinal);
            if (action >= 0)
            {
                return Position(text, action);
            }

            segment = NextDocumentMarker(text, Math.Max(lineEnd, segment + 1));
        }

        return null;
    }

    /// <summary>
    /// Scans one segment: the offset of an action read as a flow mapping, or of the first lexical error
    /// (which YamlDotNet's scanner may give as an <see cref="Error"/> token, again and again, rather
    /// than throw), or null when the segment scans to its end with neither.
    /// </summary>
    private static (int? Action, int FailedAt)? FirstStructuralAction(string text, int segment)
    {
        var scanner = new Scanner(new StringReader(segment == 0 ? text : text[segment..]), skipComments: true);
        // Every token but the stream's ends consumes input; more tokens than characters means no progress.
        var budget = text.Length - segment + 16;
        while (scanner.MoveNext() && budget-- > 0)
        {
            switch (scanner.Current)
            {
                case Error error:
                    return (null, segment + (int)error.Start.Index);
                case FlowMappingStart start when segment + (int)start.Start.Index is var at && string.CompareOrdinal(text, at, "{{", 0, 2) == 0:
                    return (at, 0);
            }
        }

        return budget < 0 ? (null, Math.Min(text.Length, segment + (int)scanner.CurrentPosition.Index)) : null;
    }

    private static (int Start, int End) LineAround(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var start = index == 0 ? 0 : text.LastIndexOfAny(['\n', '\r'], index - 1) + 1;
        var end = text.IndexOfAny(['\n', '\r'], index);
        return (start, end < 0 ? text.Length : end);
    }

    private static int NextDocumentMarker(string text, int from)
    {
        for (var lineStart = from; lineStart < text.Length;)
        {
            if (string.CompareOrdinal(text, lineStart, "---", 0, 3) == 0 && (lineStart + 3 == text.Length || text[lineStart + 3] is ' ' or '\t' or '\n' or '\r'))
            {
                return lineStart;
            }

            var next = text.IndexOfAny(['\n', '\r'], lineStart);
            if (next < 0)
            {
                break;
            }

            lineStart = next + 1;
        }

        return text.Length;
    }

    private static SourcePosition Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourcePosition(line, offset - lineStart + 1);
    }
}
