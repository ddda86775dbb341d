using System.Text.RegularExpressions;
using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rendering;

/// <summary>
/// Carries findings in a kustomization's built output back to the files it was built from, by
/// structure: the finding's node is found by its path of keys and list items in the built object,
/// then in the patches that target that object (the last applied first: a value a patch set is
/// that patch's line), then in the resource file the object came from (its name allowing the
/// kustomizations' prefixes and suffixes, its namespace allowed to differ), falling back to that
/// resource's <c>metadata</c> key (a value a transformer added: a label, the namespace) and, for an
/// object no resource file holds (a generator's, a remote base's), to the kustomization itself.
/// </summary>
internal sealed class KustomizeOutputMap : IBuildOrigin
{
    private readonly KustomizeRoot root;
    private readonly string builtPath;
    private readonly Func<string, string> displayPath;
    private readonly List<ParsedDocument> built;
    private readonly string[] builtLines;
    private readonly SourceDocuments sources;
    private readonly List<(Kustomization Owner, KustomizePatch Patch)> patchesLastFirst;
    private readonly List<string> prefixes;
    private readonly List<string> suffixes;

    public KustomizeOutputMap(KustomizeRoot root, string builtPath, string builtText, Func<string, string> displayPath, SourceDocuments sources)
    {
        this.root = root;
        this.builtPath = builtPath;
        this.displayPath = displayPath;
        this.sources = sources;
        built = new YamlDocumentReader(builtText).Documents().Where(document => document.Root is YamlMapping).ToList();
        builtLines = builtText.Split('\n');
        patchesLastFirst = root.Applied.SelectMany(owner => owner.Patches.Select(patch => (owner, patch))).Reverse().ToList();
        prefixes = root.Applied.Select(k => k.NamePrefix).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        suffixes = root.Applied.Select(k => k.NameSuffix).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    public BuildKind Kind => BuildKind.Kustomize;

    public string Label => root.Label;

    public Finding? Map(Finding finding)
    {
        if (Locate(finding.Start) is not { } source || (source.WrittenBy is { } field && Rendering.Kustomization.IsCopyToPods(finding.RuleId, field)))
        {
            return null;
        }

        var end = finding.Span.End.Line == finding.Span.Start.Line
            ? new SourcePosition(source.Position.Line, source.Position.Column + Math.Max(0, finding.Span.End.Column - finding.Span.Start.Column))
            : source.Position;
        var identity = $"{source.Anchor}|{BuildFindings.Identity(finding, withObject: false)}";
        return finding.MapText(text => BuildFindings.MapReferences(text, builtPath, MapLine)) with
        {
            Path = source.Path,
            Span = new SourceSpan(source.Position, end),
            Related = BuildFindings.MapRelated(finding.Related, builtPath, MapLine),
            Fingerprint = Fingerprint.Of(finding.RuleId, source.Path, null, Fingerprint.WithoutPositions(identity)),
        };
    }

    /// <summary>The source of a line of the built output: the node that starts on it.</summary>
    public (string Path, int Line)? MapLine(int line)
    {
        if (line < 1 || line > builtLines.Length)
        {
            return null;
        }

        var text = builtLines[line - 1];
        var column = text.Length - text.TrimStart().Length + 1;
        return Locate(new SourcePosition(line, column)) is { } source ? (source.Path, source.Position.Line) : null;
    }

    /// <param name="position">A position in the built output.</param>
    /// <returns>The source file, position and a line-independent anchor; and the transformer field that wrote the value, if one did.</returns>
    private (string Path, SourcePosition Position, string Anchor, string? WrittenBy)? Locate(SourcePosition position)
    {
        var document = built.LastOrDefault(candidate => candidate.Root!.Start.Line <= position.Line);
        if (document?.Root is not YamlMapping builtRoot)
        {
            return Kustomization() is { } outside ? (outside.Path, outside.Position, outside.Anchor, null) : null;
        }

        var kind = builtRoot.Text("kind") ?? string.Empty;
        var names = Names(builtRoot.Mapping("metadata")?.Text("name"));
        var path = YamlPath.At(builtRoot, position);
        var anchor = $"{kind}/{names.LastOrDefault()}:{(path is null ? string.Empty : string.Join('/', path.Tokens))}";
        if (path is not null)
        {
            var builtNode = path.Resolve(builtRoot);
            foreach (var (owner, patch) in patchesLastFirst)
            {
                if (InPatch(owner, patch, kind, names, builtRoot, path, builtNode) is { } inPatch)
                {
                    return (inPatch.Path, inPatch.Position, anchor, null);
                }
            }

            // A value a transformer wrote (the namespace, a common label or annotation) runs after
            // the resources and patches: the kustomization that writes it, the outermost first.
            var keys = path.Steps.Select(step => step.Key).OfType<string>().ToList();
            foreach (var kustomization in Enumerable.Reverse(root.Applied))
            {
                if (kustomization.Writes(keys) is { } written)
                {
                    return (displayPath(kustomization.FullPath), written.At, anchor, written.Field);
                }
            }
        }

        foreach (var file in root.ResourceChains.Keys)
        {
            foreach (var resource in sources.Of(file))
            {
                if (resource.Root is YamlMapping candidate && candidate.Text("kind") == kind && names.Contains(candidate.Mapping("metadata")?.Text("name") ?? string.Empty))
                {
                    var node = path?.Resolve(candidate);
                    var at = node is not null ? path!.PositionOn(node, path.Resolve(builtRoot))
                        : (candidate.Entry("metadata")?.Key ?? candidate.Entry("kind")?.Key)?.Start ?? candidate.Start;
                    return (displayPath(file), at, anchor, null);
                }
            }
        }

        return Kustomization() is { } fallback ? (fallback.Path, fallback.Position, anchor, null) : null;
    }

    private (string Path, SourcePosition Position, string Anchor)? Kustomization()
    {
        var kustomization = root.Kustomization;
        var at = (kustomization.Root.Entry("resources") ?? kustomization.Root.Entries.FirstOrDefault())?.Key.Start ?? SourcePosition.Start;
        return (displayPath(kustomization.FullPath), at, "kustomization");
    }

    /// <summary>Where a patch sets the node at <paramref name="path"/> of this object, or null when it does not.</summary>
    private (string Path, SourcePosition Position)? InPatch(Kustomization owner, KustomizePatch patch, string kind, IReadOnlyList<string> names, YamlMapping builtRoot, YamlPath path, YamlNode? builtNode)
    {
        var (documents, where, lineShift, columnShift) = patch.Path is { } file
            ? (sources.Of(file), displayPath(file), 0, 0)
            : (new YamlDocumentReader(patch.Inline!.Value.Text).Documents().ToList(), displayPath(owner.FullPath), patch.Inline.Value.FirstLine - 1, patch.Inline.Value.Indent);
        SourcePosition Shifted(SourcePosition at) => new(at.Line + lineShift, at.Column + columnShift);

        foreach (var document in documents)
        {
            switch (document.Root)
            {
                case YamlSequence operations when patch.Target is { } target && Targets(target, kind, names, builtRoot):
                    if (InOperations(operations, path) is { } operation)
                    {
                        return (where, Shifted(operation));
                    }

                    break;
                case YamlMapping merge when patch.Target is { } target ? Targets(target, kind, names, builtRoot) : Names(merge, kind, names):
                    if (path.Resolve(merge) is { } node)
                    {
                        return (where, Shifted(path.PositionOn(node, builtNode)));
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The last JSON 6902 operation whose path is the finding's node or holds it: the node in its value, or the operation's path.</summary>
    private static SourcePosition? InOperations(YamlSequence operations, YamlPath path)
    {
        var tokens = path.Tokens.ToList();
        foreach (var operation in operations.Items.OfType<YamlMapping>().Reverse())
        {
            if (operation.Text("op") is not ("add" or "replace" or "copy" or "move") || operation.Scalar("path") is not { Text: { } pointer } pointerNode)
            {
                continue;
            }

            var parts = pointer.Split('/').Skip(1).Select(part => part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            if (parts.Count > tokens.Count || !parts.Select((part, i) => part == tokens[i] || (part == "-" && path.Steps[i].Key is null)).All(same => same))
            {
                continue;
            }

            if (parts.Count == tokens.Count)
            {
                return path.OnKey || operation["value"] is null ? pointerNode.Start : operation["value"]!.Start;
            }

            if (operation["value"] is { } value && path.Resolve(value, parts.Count) is { } node)
            {
                return node.Start;
            }
        }

        return null;
    }

    private bool Names(YamlMapping merge, string kind, IReadOnlyList<string> names) =>
        (merge.Text("kind") is not { } patchKind || patchKind == kind) && merge.Mapping("metadata")?.Text("name") is { } name && names.Contains(name);

    private static bool Targets(PatchTarget target, string kind, IReadOnlyList<string> names, YamlMapping builtRoot)
    {
        if (target.Kind is { } targetKind && targetKind != kind)
        {
            return false;
        }

        if (target.Name is { } pattern && !names.Any(name => Matches(pattern, name)))
        {
            return false;
        }

        if (target.LabelSelector is { } selector)
        {
            var labels = builtRoot.Mapping("metadata")?.Mapping("labels");
            foreach (var requirement in selector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Equality only; set-based requirements are taken as met rather than guessed at.
                var parts = requirement.Split('=', 2);
                if (parts.Length == 2 && !parts[0].EndsWith('!') && labels?.Text(parts[0].Trim()) != parts[1].Trim().TrimStart('='))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>kustomize reads a target's name as an anchored regular expression (api/resource/resource.go, kyaml resid).</summary>
    private static bool Matches(string pattern, string name)
    {
        try
        {
            return Regex.IsMatch(name, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return pattern == name;
        }
    }

    /// <summary>The built name and the names it had before the kustomizations' prefixes and suffixes, each of which a patch or a resource may use.</summary>
    private List<string> Names(string? builtName)
    {
        var names = new List<string>();
        if (builtName is null)
        {
            return names;
        }

        var pending = new Queue<string>([builtName]);
        while (pending.Count > 0 && names.Count < 64)
        {
            var name = pending.Dequeue();
            if (names.Contains(name))
            {
                continue;
            }

            names.Add(name);
            foreach (var prefix in prefixes.Where(prefix => name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length))
            {
                pending.Enqueue(name[prefix.Length..]);
            }

            foreach (var suffix in suffixes.Where(suffix => name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length))
            {
                pending.Enqueue(name[..^suffix.Length]);
            }
        }

        return names;
    }
}

/// <summary>The parsed documents of source files, read once however many builds look into them.</summary>
internal sealed class SourceDocuments(Func<string, string?> read)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<ParsedDocument>> cache = new(StringComparer.Ordinal);

    public List<ParsedDocument> Of(string fullPath) =>
        cache.GetOrAdd(fullPath, path => read(path) is { } text ? new YamlDocumentReader(text).Documents().Where(document => document.Root is not null).ToList() : []);
}
