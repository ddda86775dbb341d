using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Scanning;
using MeshLint.Server.Documents;
using MeshLint.Server.Protocol;
using MeshLint.Suppression;
using FixEdit = MeshLint.Fixes.TextEdit;

namespace MeshLint.Server.Features;

/// <summary>
/// Code actions on a buffer's findings: each finding's fix as a quick fix (an unsafe one says so and
/// is never the preferred one), "ignore MESHnnn here" as the inline ignore MeshLint reads, and
/// <c>source.fixAll.meshlint</c>: every safe fix of the buffer, as <c>meshlint fix</c> applies them.
/// </summary>
internal static class CodeActions
{
    /// <summary>Findings that a comment cannot ignore usefully: a syntax error, and an unused ignore (delete it instead).</summary>
    private static readonly HashSet<string> NotIgnorable = new(StringComparer.Ordinal) { "MESH000", "MESH008" };

    public static bool Wants(IReadOnlyList<string>? only, string kind) =>
        only is null || only.Any(wanted => kind == wanted || kind.StartsWith(wanted + ".", StringComparison.Ordinal));

    public static List<CodeAction> QuickFixes(CodeActionParams request, Linted linted, string uri, Func<IReadOnlyList<Protocol.TextEdit>, WorkspaceEdit> edit, Func<Finding, Diagnostic> diagnostic)
    {
        var actions = new List<CodeAction>();
        var lines = linted.Positions.Lines;
        var from = lines.OffsetOf(request.Range.Start);
        var to = lines.OffsetOf(request.Range.End);
        Lazy<Parsed> parsed = new(() => Parsed.Of(linted));
        var ignored = new HashSet<(string Rule, int Line)>();
        foreach (var finding in linted.Findings)
        {
            var range = linted.Positions.Of(finding.Span);
            var start = lines.OffsetOf(range.Start);
            var end = lines.OffsetOf(range.End);
            // A finding at the cursor's line counts as under it: most findings are one key wide.
            var touches = start <= to && end >= from || range.Start.Line <= request.Range.End.Line && range.End.Line >= request.Range.Start.Line;
            if (!touches)
            {
                continue;
            }

            var shown = diagnostic(finding);
            if (finding.Fix is { } fix)
            {
                var edits = fix.Edits.Select(change => new Protocol.TextEdit(linted.Positions.OfEdit(change.Offset, change.Length), change.Replacement)).ToList();
                var title = fix.IsSafe ? $"{Capitalized(fix.Description)} ({finding.RuleId})" : $"{Capitalized(fix.Description)} ({finding.RuleId}, unsafe: changes behaviour, review it)";
                actions.Add(new CodeAction(title, Lsp.QuickFix) { Diagnostics = [shown], IsPreferred = fix.IsSafe, Edit = edit(edits) });
            }

            if (!NotIgnorable.Contains(finding.RuleId) && ignored.Add((finding.RuleId, finding.Start.Line)) && Ignore(finding, linted, parsed) is { } ignore)
            {
                actions.Add(new CodeAction($"Ignore {finding.RuleId} here ({ignore.How})", Lsp.QuickFix) { Diagnostics = [shown], Edit = edit([ignore.Edit]) });
            }
        }

        return actions;
    }

    /// <summary>
    /// Every safe fix of the buffer, applied as <c>meshlint fix</c> applies them (lint, fix, lint
    /// again until nothing more applies), as one edit of the changed stretch; null when there is none.
    /// </summary>
    public static CodeAction? FixAll(Linted linted, IReadOnlyDictionary<string, byte[]> buffers, Func<IReadOnlyList<Protocol.TextEdit>, WorkspaceEdit> edit)
    {
        if (!linted.Findings.Any(finding => finding.Fix is { IsSafe: true }))
        {
            return null;
        }

        var scan = linted.Request with { Contents = buffers, Stdin = new StringReader(linted.Text), ContextCache = linted.Request.ContextCache };
        var outcome = FixRun.Run(new FixRequest { Scan = scan });
        if (outcome.Files.FirstOrDefault() is not { } fixedFile || outcome.Refused.Count > 0)
        {
            return null;
        }

        var bom = linted.Text.StartsWith('\uFEFF') ? 1 : 0;
        var (start, length, replacement) = Difference(fixedFile.Before, fixedFile.After);
        var range = linted.Positions.Lines.RangeOf(start + bom, start + length + bom);
        var count = fixedFile.Fixed.Count;
        return new CodeAction($"Fix all safely fixable MeshLint findings ({count})", Lsp.FixAllKind) { Edit = edit([new Protocol.TextEdit(range, replacement)]) };
    }

    /// <summary>The one stretch in which two texts differ: its start and length in the first, and what the second has there.</summary>
    public static (int Start, int Length, string Replacement) Difference(string before, string after)
    {
        var prefix = 0;
        var limit = Math.Min(before.Length, after.Length);
        while (prefix < limit && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < limit - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        return (prefix, before.Length - prefix - suffix, after[prefix..(after.Length - suffix)]);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// The inline ignore for one finding: the rule added to a <c># meshlint:ignore</c> comment on its
    /// line or the line above, else a new comment line above it; inside a multi-line value, where a
    /// comment would be part of the value, the <c>meshlint.dev/ignore</c> annotation of its object.
    /// </summary>
    private static (string How, Protocol.TextEdit Edit)? Ignore(Finding finding, Linted linted, Lazy<Parsed> parsed)
    {
        var map = parsed.Value.Map;
        var line = finding.Start.Line;
        foreach (var existing in parsed.Value.Comments.Where(ignore => ignore.At.Start.Line == line || ignore.At.Start.Line == line - 1))
        {
            if (existing.CoversAll)
            {
                return null;
            }

            // "# meshlint:ignore MESH001 reason" becomes "# meshlint:ignore MESH002,MESH001 reason".
            var text = map.Line(existing.At.Start.Line);
            var marker = text.IndexOf(CommentIgnores.Marker, StringComparison.Ordinal) + CommentIgnores.Marker.Length;
            while (marker < text.Length && text[marker] is ' ' or '\t')
            {
                marker++;
            }

            var insertAt = map.LineStart(existing.At.Start.Line) + marker;
            return ("add to the comment", Edit(linted, map.Insert(insertAt, finding.RuleId + ",")));
        }

        if (!parsed.Value.InsideValue(line))
        {
            var start = map.LineStart(line);
            var lineText = map.Line(line);
            var indent = lineText[..(lineText.Length - lineText.TrimStart(' ').Length)];
            return ("comment", Edit(linted, map.Insert(start, $"{indent}# {CommentIgnores.Marker} {finding.RuleId}{map.LineEnding}")));
        }

        return parsed.Value.AnnotationIgnore(finding) is { } annotation ? ("meshlint.dev/ignore annotation", Edit(linted, annotation)) : null;
    }

    private static Protocol.TextEdit Edit(Linted linted, FixEdit edit) => new(linted.Positions.OfEdit(edit.Offset, edit.Length), edit.Replacement);

    /// <summary>The buffer read as YAML once per request: its comments' ignores, its multi-line values and its objects.</summary>
    private sealed class Parsed
    {
        private readonly List<(SourcePosition Start, SourcePosition End)> multiLine = [];
        private readonly List<(KubeObject Object, bool UsesAliases)> objects = [];

        private Parsed(string text, Linted linted)
        {
            Map = new SourceMap(text);
            Comments = CommentIgnores.Scan(text, linted.Catalog);
            foreach (var document in new YamlDocumentReader(text).Documents())
            {
                Collect(document.Root);
                objects.AddRange(ObjectReader.Objects(linted.Request.StdinFilename, document).Select(obj => (obj, document.UsesAliases)));
            }
        }

        public SourceMap Map { get; }

        public IReadOnlyList<InlineIgnore> Comments { get; }

        public static Parsed Of(Linted linted) => new(linted.Text.StartsWith('\uFEFF') ? linted.Text[1..] : linted.Text, linted);

        /// <summary>Whether a line continues a value that started above it: a comment inserted there would become part of it.</summary>
        public bool InsideValue(int line) =>
            multiLine.Any(span => span.Start.Line < line && (line < span.End.Line || (line == span.End.Line && span.End.Column > 1)));

        /// <summary>An edit that adds the finding's rule to <c>meshlint.dev/ignore</c> on its object's own metadata.</summary>
        public FixEdit? AnnotationIgnore(Finding finding)
        {
            var (obj, aliases) = objects.FirstOrDefault(candidate => candidate.Object.DisplayName == finding.Object
                && candidate.Object.Root.Start.Line <= finding.Start.Line && finding.Start.Line <= candidate.Object.Root.Span.End.Line);
            if (obj?.Metadata is not { } metadata || aliases)
            {
                return null;
            }

            var edits = new YamlEdits(Map);
            var key = InlineIgnore.AnnotationKey;
            switch (metadata.Entry("annotations"))
            {
                case { Value: YamlMapping annotations } when annotations.Entry(key) is { Value: YamlScalar current }:
                    return edits.ReplaceScalar(current, YamlEdits.DoubleQuoted(string.IsNullOrEmpty(current.Value) ? finding.RuleId : $"{current.Value},{finding.RuleId}"));
                case { Value: YamlMapping annotations } when annotations.Entries.Count > 0:
                    return edits.AddEntry(annotations, key, NewValue.String(finding.RuleId));
                case { } empty:
                    return edits.FillEmpty(empty, metadata, key, NewValue.String(finding.RuleId));
                default:
                    return edits.AddEntry(metadata, "annotations", NewValue.Map(key, NewValue.String(finding.RuleId)));
            }
        }

        private void Collect(YamlNode? node)
        {
            switch (node)
            {
                case YamlScalar scalar when scalar.Span.End.Line > scalar.Start.Line:
                    multiLine.Add((scalar.Start, scalar.Span.End));
                    break;
                case YamlMapping mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        Collect(entry.Key);
                        Collect(entry.Value);
                    }

                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }
}
