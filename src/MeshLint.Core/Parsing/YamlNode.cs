using YamlDotNet.Core;

namespace MeshLint.Parsing;

/// <summary>
/// A YAML node that remembers where it came from. Built from the event parser one document
/// at a time, so a whole file is never held as a tree.
/// </summary>
public abstract class YamlNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public SourcePosition Start => Span.Start;
}

public sealed class YamlScalar(SourceSpan span, string value, ScalarStyle style, string? tag) : YamlNode(span)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    /// <summary>An explicit tag such as <c>!!str</c>, or null.</summary>
    public string? Tag { get; } = tag;

    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>How Kubernetes' YAML 1.1 reader types this scalar.</summary>
    public ScalarType Type => YamlScalarTypes.Resolve(this);

    /// <summary>The scalar's text as Kubernetes would see it in a string field; null for YAML null.</summary>
    public string? Text => Type == ScalarType.Null ? null : Value;
}

public sealed class YamlSequence(SourceSpan span, IReadOnlyList<YamlNode> items) : YamlNode(span)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    /// <summary>Written in brackets (<c>[a, b]</c>) rather than as an indented block.</summary>
    public bool IsFlow { get; init; }
}

/// <summary>One key and its value; the key keeps its own position, which is where most findings point.</summary>
public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

public sealed class YamlMapping(SourceSpan span, IReadOnlyList<YamlEntry> entries) : YamlNode(span)
{
    public IReadOnlyList<YamlEntry> Entries { get; } = entries;

    /// <summary>Written in braces (<c>{a: b}</c>, JSON) rather than as an indented block.</summary>
    public bool IsFlow { get; init; }

    public YamlEntry? Entry(string key)
    {
        // Rules look keys up millions of times in a large scan: an indexed loop allocates no enumerator.
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return entries[i];
            }
        }

        return null;
    }

    public YamlNode? this[string key] => Entry(key)?.Value;

    public YamlMapping? Mapping(string key) => this[key] as YamlMapping;

    public YamlSequence? Sequence(string key) => this[key] as YamlSequence;

    public YamlScalar? Scalar(string key) => this[key] as YamlScalar;

    /// <summary>The string value of a scalar child, or null when absent, null or not a scalar.</summary>
    public string? Text(string key) => Scalar(key)?.Text;

    /// <summary>Follows a path of mapping keys.</summary>
    public YamlNode? At(params ReadOnlySpan<string> path)
    {
        YamlNode? node = this;
        foreach (var key in path)
        {
            node = (node as YamlMapping)?[key];
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
