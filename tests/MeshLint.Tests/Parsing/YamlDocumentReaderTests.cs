using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Parsing;

public sealed class YamlDocumentReaderTests
{
    private static List<ParsedDocument> Read(string yaml) => new YamlDocumentReader(yaml).Documents().ToList();

    [Fact]
    public void Keys_keep_their_line_and_column()
    {
        var root = (YamlMapping)Read("a:\n  b:\n    c: 1\n").Single().Root!;
        var c = ((YamlMapping)((YamlMapping)root["a"]!)["b"]!).Entry("c")!;
        c.Key.Start.ShouldBe(new SourcePosition(3, 5));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void A_repeated_key_is_found_in_small_and_large_mappings_alike(int keys)
    {
        var yaml = string.Concat(Enumerable.Range(1, keys).Select(i => $"k{i}: {i}\n")) + "k1: again\n";

        var document = Read(yaml).Single();

        var problem = document.Problems.ShouldHaveSingleItem();
        problem.Position.ShouldBe(new SourcePosition(keys + 1, 1));
        var root = (YamlMapping)document.Root!;
        root.Entries.Count.ShouldBe(keys);
        root.Text("k1").ShouldBe("again");
        root.Text($"k{keys}").ShouldBe(keys.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public void Keys_after_a_merge_override_it_without_a_duplicate_in_small_and_large_mappings(int keys)
    {
        var merged = string.Concat(Enumerable.Range(1, keys).Select(i => $"  k{i}: base\n"));
        var yaml = $"base: &b\n{merged}copy:\n  <<: *b\n  k1: own\n  k{keys}: own\n  extra: x\n";

        var document = Read(yaml).Single();

        document.Problems.ShouldBeEmpty();
        var copy = ((YamlMapping)document.Root!).Mapping("copy")!;
        copy.Entries.Count.ShouldBe(keys + 1);
        copy.Text("k1").ShouldBe("own");
        copy.Text($"k{keys}").ShouldBe("own");
        copy.Entries[0].Key.Value.ShouldBe("k1");
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key_and_the_document_is_kept()
    {
        var documents = Read("a: 1\nb: 2\na: 3\n---\nc: 4\n");
        documents.Count.ShouldBe(2);
        var problem = documents[0].Problems.ShouldHaveSingleItem();
        problem.Position.ShouldBe(new SourcePosition(3, 1));
        problem.Fatal.ShouldBeFalse();
        ((YamlMapping)documents[0].Root!).Text("a").ShouldBe("3");
        documents[1].Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Merge_keys_follow_go_yaml_v2_order()
    {
        var root = (YamlMapping)Read("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nn:\n  y: 0\n  <<: *b\n").Single().Root!;
        var m = root.Mapping("m")!;
        m.Text("x").ShouldBe("1");
        m.Text("y").ShouldBe("3");
        root.Mapping("n")!.Text("y").ShouldBe("2");
        m.Entry("<<").ShouldBeNull();
    }

    [Fact]
    public void An_alias_cycle_is_a_fatal_problem_not_a_hang()
    {
        var document = Read("a: &x [1, *x]\n").Single();
        document.Root.ShouldBeNull();
        document.Problems.ShouldHaveSingleItem().Message.ShouldContain("cycle");
    }

    [Fact]
    public void After_a_syntax_error_reading_resumes_at_the_next_document()
    {
        var documents = Read("a: [1, 2\nb: 3\n---\nc: 4\n---\nd: 5\n");
        documents.Count(d => d.Root is not null).ShouldBe(2);
        documents[0].Problems.ShouldHaveSingleItem().Fatal.ShouldBeTrue();
        ((YamlMapping)documents[1].Root!).Entry("c")!.Key.Start.Line.ShouldBe(4);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var depth = 20_000;
        var yaml = new string('[', depth) + new string(']', depth);
        var document = Read(yaml).Single();
        document.Problems.ShouldHaveSingleItem().Message.ShouldContain("nesting");
    }
}

public sealed class BlockScalarLeadingSpacesTests
{
    [Fact]
    public void A_block_scalar_starting_with_a_spaces_only_line_is_read_and_earlier_documents_are_not_repeated()
    {
        var yaml = "a: 1\n---\ndata:\n  c: |\n    \n    x: 1\n  d: 2\n---\ne: 3\n";
        var documents = new YamlDocumentReader(yaml).Documents().ToList();
        documents.Count.ShouldBe(3);
        documents.ShouldAllBe(d => d.Problems.Count == 0);
        documents.Select(d => d.Index).ShouldBe([0, 1, 2]);
        var data = ((YamlMapping)documents[1].Root!).Mapping("data")!;
        data.Text("c").ShouldBe("\nx: 1\n");
        data.Entry("d")!.Key.Start.ShouldBe(new SourcePosition(7, 3));
    }
}
