using MeshLint.Parsing;

namespace MeshLint.Model;

/// <summary>
/// The mesh config in an <c>istio</c> ConfigMap's <c>data.mesh</c> (a YAML document inside a string),
/// parsed, with the way back from its own lines to the file's. <see cref="Place"/> is exact for a
/// literal block scalar, the usual form; otherwise it gives the key's position.
/// </summary>
internal sealed record MeshConfigText(YamlEntry Entry, YamlMapping Root, bool LiteralBlock)
{
    /// <summary>The object's parsed <c>data.mesh</c>; null when it is not a mesh ConfigMap or the text is not a YAML mapping.</summary>
    public static MeshConfigText? Of(KubeObject obj, TextReadings<YamlMapping?>? readings = null)
    {
        if (!obj.IsMeshConfigMap || obj.Root.Mapping("data")?.Entry("mesh") is not { Value: YamlScalar { Text: { } text } scalar } entry)
        {
            return null;
        }

        var root = readings is null ? Parse(text) : readings.Get(text);
        return root is null ? null : new MeshConfigText(entry, root, scalar.Style == YamlDotNet.Core.ScalarStyle.Literal);
    }

    /// <summary>The text as a YAML mapping; null when it does not parse or is not a mapping.</summary>
    public static YamlMapping? Parse(string text)
    {
        var document = new YamlDocumentReader(text).Documents().FirstOrDefault();
        return document is { Problems.Count: 0, Root: YamlMapping root } ? root : null;
    }

    public SourceSpan Place(SourceSpan inner)
    {
        if (!LiteralBlock)
        {
            return Entry.Key.Span;
        }

        // A literal block's content starts on the line after the key; its indentation is not kept in
        // the value, so the column is the key's plus the customary two spaces.
        var line = Entry.Key.Start.Line + inner.Start.Line;
        var column = Entry.Key.Start.Column + 2 + inner.Start.Column - 1;
        return SourceSpan.At(new SourcePosition(line, column));
    }
}
