using MeshLint.Fixes;
using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Fixes;

public sealed class YamlEditsTests
{
    private static (YamlEdits Edits, YamlMapping Root) Read(string yaml) =>
        (new YamlEdits(new SourceMap(yaml)), (YamlMapping)new YamlDocumentReader(yaml).Documents().Single().Root!);

    private static string Apply(string text, TextEdit? edit)
    {
        edit.ShouldNotBeNull();
        return text[..edit.Offset] + edit.Replacement + text[edit.End..];
    }

    [Fact]
    public void Spans_give_exact_offsets_for_every_scalar_style()
    {
        const string yaml = "a: plain\nb: \"dq \\\" x\"\nc: 'sq '' x'\nd: {e: f}\r\ng: h\u2028i: j\n";
        var (edits, root) = Read(yaml);
        foreach (var key in new[] { "a", "b", "c", "g" })
        {
            var scalar = root.Scalar(key)!;
            var range = edits.ScalarRange(scalar).ShouldNotBeNull();
            yaml[range.Start..range.End].ShouldBe(key switch { "a" => "plain", "b" => "\"dq \\\" x\"", "c" => "'sq '' x'", _ => "h" });
        }

        var flow = root.Mapping("d")!;
        flow.IsFlow.ShouldBeTrue();
        yaml[edits.Map.OffsetOf(flow.Start)].ShouldBe('{');
        yaml[edits.Map.OffsetOf(flow.Span.End)].ShouldBe('}'); // the parser ends a flow collection at its bracket
    }

    [Fact]
    public void An_entry_added_to_a_flow_mapping_goes_after_its_last_entry()
    {
        const string yaml = "metadata: {name: flow, annotations: {a: b}}\n";
        var (edits, root) = Read(yaml);
        var annotations = root.Mapping("metadata")!.Mapping("annotations")!;
        Apply(yaml, edits.AddEntry(annotations, "k", NewValue.String("v"))).ShouldBe("metadata: {name: flow, annotations: {a: b, k: 'v'}}\n");
    }

    [Fact]
    public void An_entry_added_to_a_block_mapping_follows_its_siblings_indentation_and_line_ending()
    {
        const string yaml = "m:\r\n    a: 1 # one\r\n    b:\r\n      - x\r\n# after\r\nn: 2\r\n";
        var (edits, root) = Read(yaml);
        Apply(yaml, edits.AddEntry(root.Mapping("m")!, "c", NewValue.Raw("3"))).ShouldBe("m:\r\n    a: 1 # one\r\n    b:\r\n      - x\r\n    c: 3\r\n# after\r\nn: 2\r\n");
    }

    [Fact]
    public void A_mapping_reached_through_an_alias_is_not_edited()
    {
        const string yaml = "base: &b\n  a: 1\nother:\n  <<: *b\n  c: 2\nsame: *b\n";
        var (edits, root) = Read(yaml);
        edits.AddEntry(root.Mapping("other")!, "d", NewValue.Raw("4")).ShouldBeNull();
        YamlEdits.Owned(root, root.Entry("same")!).ShouldBeFalse();
    }

    [Theory]
    [InlineData("v: |\n  a: 1\n  b: 2\n", "v: |\n  a: 1\n  b: 2\n  c: true\n")]
    [InlineData("v: |-\n    {\"a\": 1}\n", "v: |-\n    {\"a\": 1, \"c\": true}\n")]
    [InlineData("v: \"{\\\"a\\\": 1}\"\n", "v: \"{\\\"a\\\": 1, \\\"c\\\": true}\"\n")]
    [InlineData("v: '{\"a\": 1}'\n", "v: '{\"a\": 1, \"c\": true}'\n")]
    [InlineData("v: \"a: 1\"\n", "v: \"a: 1\\nc: true\"\n")]
    public void A_field_added_to_an_embedded_document_keeps_its_form(string yaml, string expected)
    {
        var (edits, root) = Read(yaml);
        Apply(yaml, edits.AddToEmbedded(root.Scalar("v")!, "c", NewValue.Raw("true"))).ShouldBe(expected);
    }

    [Fact]
    public void An_embedded_document_in_a_style_that_cannot_be_edited_exactly_gets_no_edit()
    {
        const string yaml = "v: >\n  a: 1\n  b: 2\nw: 'a: 1'\n";
        var (edits, root) = Read(yaml);
        edits.AddToEmbedded(root.Scalar("v")!, "c", NewValue.Raw("true")).ShouldBeNull();
        edits.AddToEmbedded(root.Scalar("w")!, "c", NewValue.Raw("true")).ShouldBeNull();
    }

    // The blank line after a removed entry stays: it may be the author's separation of what follows.
    [Theory]
    [InlineData("m:\n  annotations:\n    a: '1'\n    b: |\n      text\n\n    c: '3'\n  name: x\n", "b", "m:\n  annotations:\n    a: '1'\n\n    c: '3'\n  name: x\n")]
    [InlineData("m:\r\n  name: x\r\n  annotations:\r\n    a: '1' # only\r\n", "a", "m:\r\n  name: x\r\n")]
    [InlineData("m:\n  name: x\n  annotations:\n    a: '1'\n    b: '2'", "b", "m:\n  name: x\n  annotations:\n    a: '1'")]
    public void An_entry_is_removed_with_its_lines_and_an_emptied_holder_with_it(string yaml, string key, string expected)
    {
        var (edits, root) = Read(yaml);
        var metadata = root.Mapping("m")!;
        var holder = metadata.Entry("annotations")!;

        Apply(yaml, edits.RemoveEntry(metadata, holder, ((YamlMapping)holder.Value).Entry(key)!)).ShouldBe(expected);
    }

    [Fact]
    public void No_entry_is_removed_from_a_flow_mapping_or_a_holder_that_is_its_parents_only_entry()
    {
        var (edits, root) = Read("m: {annotations: {a: b, c: d}}\n");
        var holder = root.Mapping("m")!.Entry("annotations")!;
        edits.RemoveEntry(root.Mapping("m")!, holder, ((YamlMapping)holder.Value).Entry("a")!).ShouldBeNull();

        (edits, root) = Read("m:\n  annotations:\n    a: b\n");
        holder = root.Mapping("m")!.Entry("annotations")!;
        edits.RemoveEntry(root.Mapping("m")!, holder, ((YamlMapping)holder.Value).Entry("a")!).ShouldBeNull();
    }
}
