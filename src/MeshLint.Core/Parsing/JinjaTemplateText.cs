namespace MeshLint.Parsing;

/// <summary>
/// Recognises Jinja source (Ansible roles, cookiecutter and Salt templates of manifests): statement
/// tags <c>{% … %}</c> and comments <c>{# … #}</c>. Like a Go template, such a file is only YAML after
/// rendering, so when it breaks the YAML reader it is one note, not a syntax error per tag.
/// </summary>
internal static class JinjaTemplateText
{
    /// <summary>The position of the first tag that opens and closes on one line outside a YAML comment, or null.</summary>
    public static SourcePosition? FirstTag(string text)
    {
        if (!text.Contains("{%", StringComparison.Ordinal) && !text.Contains("{#", StringComparison.Ordinal))
        {
            return null;
        }

        var line = 1;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var end = text.IndexOfAny(['\n', '\r'], lineStart);
            var content = text.AsSpan(lineStart, (end < 0 ? text.Length : end) - lineStart);
            if (!content.TrimStart().StartsWith("#") && Tag(content) is var column and >= 0)
            {
                return new SourcePosition(line, column + 1);
            }

            if (end < 0)
            {
                break;
            }

            lineStart = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            line++;
        }

        return null;
    }

    private static int Tag(ReadOnlySpan<char> line)
    {
        foreach (var (open, close) in new[] { ("{%", "%}"), ("{#", "#}") })
        {
            var at = line.IndexOf(open, StringComparison.Ordinal);
            if (at >= 0 && line[(at + 2)..].IndexOf(close, StringComparison.Ordinal) >= 0)
            {
                return at;
            }
        }

        return -1;
    }
}
