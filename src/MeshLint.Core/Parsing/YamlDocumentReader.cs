using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshLint.Parsing;

/// <summary>A problem the YAML reader found; fatal ones end the document they occur in.</summary>
public sealed record SyntaxProblem(SourcePosition Position, string Message, bool Fatal)
{
    /// <summary>A mapping repeats a key: who rejects or swallows that depends on what reads the file, which the reader does not know.</summary>
    public bool DuplicateKey { get; init; }
}

/// <summary>One document of a file: its root node (null when it could not be read) and its problems.</summary>
internal sealed record ParsedDocument(int Index, YamlNode? Root, IReadOnlyList<SyntaxProblem> Problems)
{
    /// <summary>The document refers to an anchor (<c>*name</c>, also in a <c>&lt;&lt;</c> merge): one node may then stand in several places.</summary>
    public bool UsesAliases { get; init; }
}

/// <summary>
/// Reads a YAML stream document by document with YamlDotNet's event parser and builds a small
/// positioned tree for each, so memory follows the largest document rather than the file.
/// Unlike YamlDotNet's own representation model it reports duplicate keys without losing the file,
/// resolves <c>&lt;&lt;</c> merge keys as Kubernetes' go-yaml v2 reader does, refuses alias cycles,
/// and after a syntax error carries on at the next <c>---</c> so later documents are still linted.
/// </summary>
internal sealed class YamlDocumentReader
{
    /// <summary>Deeper nesting is refused: no real manifest comes close, and unbounded depth exhausts the stack of any recursive consumer.</summary>
    public const int MaxDepth = 512;

    private string text;
    private bool whitespaceLinesEmptied;

    static YamlDocumentReader()
    {
        _ = ScannerBuilderPool.Unshared;
    }

    public YamlDocumentReader(string text)
    {
        this.text = text;
    }

    public IEnumerable<ParsedDocument> Documents()
    {
        TextExtent? extent = null;
        foreach (var document in ReadDocuments())
        {
            if (document.Problems.Count == 0)
            {
                yield return document;
                continue;
            }

            extent ??= new TextExtent(text);
            var problems = document.Problems.Select(problem => problem with { Position = extent.Clamp(problem.Position) }).ToList();
            yield return document with { Problems = problems };
        }
    }

    private IEnumerable<ParsedDocument> ReadDocuments()
    {
        var index = 0;
        var lineOffset = 0;
        var charOffset = 0;
        var alreadyYielded = 0;
        while (true)
        {
            var segmentIndex = index;
            var segment = charOffset == 0 ? text : text[charOffset..];
            var parser = new Parser(new StringReader(segment));
            var builder = new DocumentBuilder(lineOffset, segment);
            SyntaxProblem? fatal = null;
            var yielded = 0;
            using var enumerator = ReadSegment(parser, builder, () => index++).GetEnumerator();
            while (true)
            {
                ParsedDocument? next;
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }

                    next = enumerator.Current;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    fatal = AtIndentingTab(builder.Describe(exception));
                    break;
                }

                if (++yielded > alreadyYielded)
                {
                    yield return next;
                }
            }

            if (fatal is null)
            {
                yield break;
            }

            // YamlDotNet 18 rejects a block scalar whose first lines hold only spaces, which YAML
            // allows and Kubernetes reads (seen in Istio's own samples/addons/loki.yaml). Such
            // lines carry no content, so read the segment again with them emptied; line and
            // column numbers stay the same, and documents already given are not given twice.
            if (!whitespaceLinesEmptied && fatal.Message.Contains("extra spaces in first line", StringComparison.Ordinal))
            {
                whitespaceLinesEmptied = true;
                text = WithoutWhitespaceOnlyLines(text);
                charOffset = OffsetOfLine(lineOffset + 1);
                index = segmentIndex;
                alreadyYielded = yielded;
                continue;
            }

            alreadyYielded = 0;
            var problems = builder.Problems.Append(fatal).ToList();
            yield return new ParsedDocument(index++, null, problems);

            var resume = NextDocumentMarker(charOffset, fatal.Position.Line);
            if (resume is null)
            {
                yield break;
            }

            (charOffset, lineOffset) = resume.Value;
        }
    }

    private static string WithoutWhitespaceOnlyLines(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"(?m)^[ \t]+(?=\r?$)", string.Empty);

    private int OffsetOfLine(int line)
    {
        var position = 0;
        for (var current = 1; current < line && position < text.Length; current++)
        {
            var next = text.IndexOfAny(['\n', '\r'], position);
            if (next < 0)
            {
                return text.Length;
            }

            position = next + (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1);
        }

        return position;
    }

    private static IEnumerable<ParsedDocument> ReadSegment(Parser parser, DocumentBuilder builder, Func<int> nextIndex)
    {
        while (parser.MoveNext())
        {
            builder.LastMark = parser.Current!.End;
            switch (parser.Current)
            {
                case DocumentStart:
                    builder.BeginDocument();
                    break;
                case DocumentEnd:
                    yield return new ParsedDocument(nextIndex(), builder.Root, builder.Problems.ToList()) { UsesAliases = builder.UsesAliases };
                    break;
                default:
                    builder.Accept(parser.Current);
                    break;
            }
        }
    }

    /// <summary>
    /// YamlDotNet reports a tab used as indentation at the start of the enclosing mapping; the tab
    /// itself, on the first line at or after that which is indented with one, is where to fix it.
    /// </summary>
    private SyntaxProblem AtIndentingTab(SyntaxProblem problem)
    {
        if (!problem.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return problem;
        }

        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        for (var line = Math.Max(1, problem.Position.Line); line <= lines.Length; line++)
        {
            var indent = lines[line - 1].Length - lines[line - 1].TrimStart(' ', '\t').Length;
            var tab = lines[line - 1].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return problem with { Position = new SourcePosition(line, tab + 1) };
            }
        }

        return problem;
    }

    /// <summary>The character offset and line number of the first <c>---</c> line after the given line.</summary>
    private (int CharOffset, int LineOffset)? NextDocumentMarker(int fromChar, int afterLine)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            if (line > afterLine && IsDocumentMarker(position) && position >= fromChar)
            {
                return (position, line - 1);
            }

            var next = text.IndexOfAny(['\n', '\r'], position);
            if (next < 0)
            {
                return null;
            }

            position = next + (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1);
            line++;
        }

        return null;
    }

    private bool IsDocumentMarker(int position) =>
        string.CompareOrdinal(text, position, "---", 0, 3) == 0
        && (position + 3 == text.Length || text[position + 3] is ' ' or '\t' or '\n' or '\r');

    private sealed class DocumentBuilder(int lineOffset, string segment)
    {
        private readonly Stack<Frame> frames = new();
        private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> openAnchors = new(StringComparer.Ordinal);

        public List<SyntaxProblem> Problems { get; } = [];

        public YamlNode? Root { get; private set; }

        public Mark LastMark { get; set; } = Mark.Empty;

        public bool UsesAliases { get; private set; }

        public void BeginDocument()
        {
            UsesAliases = false;
            frames.Clear();
            anchors.Clear();
            openAnchors.Clear();
            Problems.Clear();
            Root = null;
        }

        public void Accept(ParsingEvent parsingEvent)
        {
            switch (parsingEvent)
            {
                case Scalar scalar:
                    var node = new YamlScalar(Span(scalar), scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                    RequireColonAfterQuotedKey(scalar);
                    Register(scalar.Anchor, node);
                    Add(node);
                    break;
                case MappingStart start:
                    Open(new Frame(true, Position(start.Start), start.Anchor.IsEmpty ? null : start.Anchor.Value) { IsFlow = start.Style == MappingStyle.Flow });
                    break;
                case SequenceStart start:
                    Open(new Frame(false, Position(start.Start), start.Anchor.IsEmpty ? null : start.Anchor.Value) { IsFlow = start.Style == SequenceStyle.Flow });
                    break;
                case MappingEnd or SequenceEnd:
                    Close(parsingEvent);
                    break;
                case AnchorAlias alias:
                    Add(Resolve(alias));
                    break;
            }
        }

        public SyntaxProblem Describe(Exception exception) => exception switch
        {
            YamlException yaml when yaml.Start.Line > 0 => new(Position(yaml.Start), Clean(yaml.Message), true),
            DocumentProblemException problem => new(problem.Position, problem.Message, true),
            _ => OpenFlowCollection() is { } flow
                ? new(flow.Start, $"this {(flow.IsMapping ? "'{' mapping" : "'[' list")} is never closed: the YAML after it cannot be read", true)
                : new(Position(LastMark), "the YAML cannot be read past here", true),
        };

        /// <summary>
        /// YamlDotNet accepts <c>{ "key" = true }</c> as the key with the value <c>= true</c>; YAML,
        /// and so Kubernetes' and Istio's readers, reject a quoted flow key that no ':' follows.
        /// </summary>
        private void RequireColonAfterQuotedKey(Scalar value)
        {
            if (frames.Count == 0 || frames.Peek() is not { IsMapping: true, IsFlow: true } frame)
            {
                return;
            }

            if (frame.PendingKey is null)
            {
                frame.PendingKeyEnd = (int)value.End.Index;
                return;
            }

            if (frame.PendingKey.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted && value.Value.Length > 0
                && frame.PendingKeyEnd >= 0 && value.Start.Index <= segment.Length && frame.PendingKeyEnd <= value.Start.Index
                && !segment.AsSpan(frame.PendingKeyEnd, (int)value.Start.Index - frame.PendingKeyEnd).Contains(':'))
            {
                throw new DocumentProblemException(frame.PendingKey.Span.End, $"expected ':' after the key \"{frame.PendingKey.Value}\"");
            }
        }

        // YamlDotNet fails on an unclosed flow collection followed by more lines with a bare
        // InvalidOperationException and no position; the outermost opening bracket is the place to fix.
        private Frame? OpenFlowCollection() => frames.LastOrDefault(frame => frame.IsFlow);

        private static string Clean(string message)
        {
            // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; we give positions ourselves.
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
        }

        private void Open(Frame frame)
        {
            if (frames.Count >= MaxDepth)
            {
                throw new DocumentProblemException(frame.Start, $"nesting deeper than {MaxDepth} levels; no Kubernetes manifest needs that");
            }

            if (frame.Anchor is not null)
            {
                openAnchors.Add(frame.Anchor);
            }

            frames.Push(frame);
        }

        private void Close(ParsingEvent end)
        {
            var frame = frames.Pop();
            var span = new SourceSpan(frame.Start, Position(end.End));
            YamlNode node = frame.IsMapping
                ? new YamlMapping(span, frame.BuildEntries()) { IsFlow = frame.IsFlow }
                : new YamlSequence(span, frame.Items) { IsFlow = frame.IsFlow };
            if (frame.Anchor is not null)
            {
                openAnchors.Remove(frame.Anchor);
                anchors[frame.Anchor] = node;
            }

            Add(node);
        }

        private void Add(YamlNode node)
        {
            if (frames.Count == 0)
            {
                Root = node;
                return;
            }

            var frame = frames.Peek();
            if (!frame.IsMapping)
            {
                frame.Items.Add(node);
            }
            else if (frame.PendingKey is null)
            {
                frame.PendingKey = node as YamlScalar
                    ?? throw new DocumentProblemException(node.Start, "a mapping key must be a plain value, not a mapping or a list (Kubernetes cannot read it)");
            }
            else
            {
                var duplicate = frame.Put(frame.PendingKey, node);
                if (duplicate is not null)
                {
                    Problems.Add(new SyntaxProblem(frame.PendingKey.Start, $"duplicate key \"{frame.PendingKey.Value}\" (first at line {duplicate.Start.Line})", false) { DuplicateKey = true });
                }

                frame.PendingKey = null;
            }
        }

        private void Register(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        private YamlNode Resolve(AnchorAlias alias)
        {
            UsesAliases = true;
            var name = alias.Value.Value;
            if (openAnchors.Contains(name))
            {
                throw new DocumentProblemException(Position(alias.Start), $"alias *{name} refers to a node that contains it (a cycle)");
            }

            return anchors.TryGetValue(name, out var node)
                ? node
                : throw new DocumentProblemException(Position(alias.Start), $"alias *{name} has no anchor &{name} before it");
        }

        private SourceSpan Span(ParsingEvent parsingEvent) => new(Position(parsingEvent.Start), Position(parsingEvent.End));

        private SourcePosition Position(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);
    }

    private sealed class Frame(bool isMapping, SourcePosition start, string? anchor)
    {
        private KeyedList<YamlEntry>? entries;

        /// <summary>The keys written in this mapping itself (not merged in), to tell a duplicate from an override.</summary>
        private KeyedList<YamlScalar>? explicitKeys;
        private List<YamlNode>? items;

        public bool IsMapping { get; } = isMapping;

        public SourcePosition Start { get; } = start;

        public string? Anchor { get; } = anchor;

        /// <summary>Written with brackets (<c>[…]</c>, <c>{…}</c>) rather than as an indented block.</summary>
        public bool IsFlow { get; init; }

        public YamlScalar? PendingKey { get; set; }

        /// <summary>Where the pending key's text ends in the segment, for the check that a ':' follows it.</summary>
        public int PendingKeyEnd { get; set; } = -1;

        public List<YamlNode> Items => items ??= [];

        /// <summary>Adds an entry; returns the earlier key when this one repeats it.</summary>
        public YamlScalar? Put(YamlScalar key, YamlNode value)
        {
            entries ??= new(static entry => entry.Key.Value);
            if (IsMergeKey(key))
            {
                Merge(value);
                return null;
            }

            // Only a key written twice in this mapping is a duplicate; overriding a merged key is what merges are for.
            explicitKeys ??= new(static written => written.Value);
            var earlier = explicitKeys.Find(key.Value);
            if (earlier is null)
            {
                explicitKeys.Add(key);
            }

            Set(new YamlEntry(key, value));
            return earlier is null || earlier.Span == key.Span ? null : earlier;
        }

        public IReadOnlyList<YamlEntry> BuildEntries() => entries?.Items ?? (IReadOnlyList<YamlEntry>)[];

        private static bool IsMergeKey(YamlScalar key) => key.Value == "<<" && key.IsPlain && key.Tag is null;

        // go-yaml v2 (Kubernetes' reader) applies a merge where it stands: its keys overwrite the ones
        // written before it and are overwritten by the ones after; in a list of maps the first map wins.
        private void Merge(YamlNode source)
        {
            switch (source)
            {
                case YamlMapping mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        Set(entry);
                    }

                    break;
                case YamlSequence sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        if (sequence.Items[i] is YamlMapping map)
                        {
                            Merge(map);
                        }
                        else
                        {
                            throw new DocumentProblemException(sequence.Items[i].Start, "a merge key (<<) list may only hold mappings");
                        }
                    }

                    break;
                default:
                    throw new DocumentProblemException(source.Start, "a merge key (<<) needs a mapping or a list of mappings");
            }
        }

        private void Set(YamlEntry entry)
        {
            entries ??= new(static entry => entry.Key.Value);
            if (entries.IndexOf(entry.Key.Value) is var existing and >= 0)
            {
                entries.Items[existing] = entry;
            }
            else
            {
                entries.Add(entry);
            }
        }
    }

    /// <summary>
    /// Items in order with a key each, searched in order while there are few: most manifest
    /// mappings hold a handful of keys, and a dictionary per mapping costs more than the search.
    /// </summary>
    private sealed class KeyedList<T>(Func<T, string> keyOf)
        where T : class
    {
        private const int SearchedInOrder = 8;

        private Dictionary<string, int>? index;

        public List<T> Items { get; } = [];

        public T? Find(string key) => IndexOf(key) is var at and >= 0 ? Items[at] : null;

        public int IndexOf(string key)
        {
            if (index is not null)
            {
                return index.TryGetValue(key, out var at) ? at : -1;
            }

            for (var i = 0; i < Items.Count; i++)
            {
                if (string.Equals(keyOf(Items[i]), key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Adds an item whose key is not there yet.</summary>
        public void Add(T item)
        {
            Items.Add(item);
            if (index is not null)
            {
                index[keyOf(item)] = Items.Count - 1;
            }
            else if (Items.Count > SearchedInOrder)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < Items.Count; i++)
                {
                    index[keyOf(Items[i])] = i;
                }
            }
        }
    }

    private sealed class DocumentProblemException(SourcePosition position, string message) : Exception(message)
    {
        public SourcePosition Position { get; } = position;
    }
}
