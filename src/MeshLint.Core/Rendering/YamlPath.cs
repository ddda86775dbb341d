using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>One step of a path through a document: a mapping key, or a list item by index (and by its <c>name</c>, the key kustomize merges lists of containers, volumes and ports by).</summary>
internal readonly record struct PathStep(string? Key, int Index, string? ItemName);

/// <summary>
/// Where a position lies in a document, by structure: the keys and list items that lead to the
/// node at that position, whether the position is the node's key, and how far into a scalar it is.
/// A finding in built output is carried to the source by finding the same path there.
/// </summary>
/// <param name="OnKey">The position is a mapping key (most findings point at the key).</param>
/// <param name="Offset">For a position inside a scalar value: lines and columns from its start.</param>
internal sealed record YamlPath(IReadOnlyList<PathStep> Steps, bool OnKey, (int Lines, int Columns) Offset)
{
    /// <summary>The path to the deepest node at <paramref name="position"/> in <paramref name="root"/>, or null when no node holds it.</summary>
    public static YamlPath? At(YamlNode root, SourcePosition position)
    {
        var steps = new List<PathStep>();
        var node = root;
        while (true)
        {
            switch (node)
            {
                case YamlMapping mapping:
                    YamlNode? next = null;
                    foreach (var entry in mapping.Entries)
                    {
                        if (Contains(entry.Key.Span, position))
                        {
                            steps.Add(new PathStep(entry.Key.Value, -1, null));
                            return new YamlPath(steps, true, (0, 0));
                        }

                        if (Contains(entry.Value.Span, position))
                        {
                            steps.Add(new PathStep(entry.Key.Value, -1, null));
                            next = entry.Value;
                            break;
                        }
                    }

                    if (next is null)
                    {
                        return steps.Count == 0 ? null : new YamlPath(steps, false, (0, 0));
                    }

                    node = next;
                    break;
                case YamlSequence sequence:
                    YamlNode? item = null;
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        if (Contains(sequence.Items[i].Span, position))
                        {
                            item = sequence.Items[i];
                            steps.Add(new PathStep(null, i, NameOf(item)));
                            break;
                        }
                    }

                    if (item is null)
                    {
                        return new YamlPath(steps, false, (0, 0));
                    }

                    node = item;
                    break;
                default:
                    var start = node.Start;
                    return new YamlPath(steps, false, (position.Line - start.Line, position.Line == start.Line ? position.Column - start.Column : position.Column));
            }
        }
    }

    /// <summary>The node this path leads to in <paramref name="root"/> (its key when <see cref="OnKey"/>), following the first <paramref name="skip"/> steps no further; null when it is not there.</summary>
    public YamlNode? Resolve(YamlNode root, int skip = 0)
    {
        YamlNode? node = root;
        for (var i = skip; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Key is { } key)
            {
                if (node is not YamlMapping mapping || mapping.Entry(key) is not { } entry)
                {
                    return null;
                }

                if (i == Steps.Count - 1 && OnKey)
                {
                    return entry.Key;
                }

                node = entry.Value;
            }
            else
            {
                if (node is not YamlSequence sequence)
                {
                    return null;
                }

                node = step.ItemName is { } name
                    ? sequence.Items.FirstOrDefault(item => NameOf(item) == name)
                    : step.Index < sequence.Items.Count ? sequence.Items[step.Index] : null;
                if (node is null)
                {
                    return null;
                }
            }
        }

        return node;
    }

    /// <summary>Where the finding falls on <paramref name="node"/>: its start, moved by <see cref="Offset"/> inside a scalar written the same way.</summary>
    public SourcePosition PositionOn(YamlNode node, YamlNode? builtNode)
    {
        if (Offset == (0, 0) || node is not YamlScalar scalar || builtNode is not YamlScalar built || scalar.Value != built.Value || scalar.Style != built.Style)
        {
            return node.Start;
        }

        // On the first line the offset is in columns; on later lines of a block scalar the column is kept relative to the indentation change.
        if (Offset.Lines == 0)
        {
            return new SourcePosition(node.Start.Line, node.Start.Column + Offset.Columns);
        }

        return new SourcePosition(node.Start.Line + Offset.Lines, Math.Max(1, Offset.Columns + (node.Start.Column - built.Start.Column)));
    }

    /// <summary>The path as JSON pointer tokens: keys, and list items by index.</summary>
    public IEnumerable<string> Tokens => Steps.Select(step => step.Key ?? step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string? NameOf(YamlNode item) => item is YamlMapping map ? map.Text("name") : null;

    private static bool Contains(SourceSpan span, SourcePosition position) =>
        Compare(span.Start, position) <= 0 && Compare(position, span.End) < 0 || span.Start == position;

    private static int Compare(SourcePosition a, SourcePosition b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
}
