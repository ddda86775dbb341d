using Xunit;
using System.Diagnostics;
using System.Text;
using MeshLint.Parsing;
using Shouldly;
using YamlDotNet.Core;
using static MeshLint.Tests.Support.Manifests;
using static MeshLint.Tests.Support.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>YAML that YamlDotNet mishandles on its own, each with the outcome MeshLint defines for it.</summary>
public sealed class YamlZooTests
{
    [Fact]
    public void Unclosed_flow_list_is_reported_at_its_bracket_and_later_documents_are_linted()
    {
        var result = Lint("a: 1\nb: [1, 2\nc: 3\n---\n" + VaultDeployment);

        var syntax = result.Findings.Single(f => f.RuleId == "MESH000");
        syntax.Start.ShouldBe(new SourcePosition(2, 4));
        syntax.Message.ShouldContain("'[' list is never closed");
        result.Findings.ShouldContain(f => f.RuleId == "MESH002" && f.Start.Line > 4);
    }

    [Fact]
    public void Unclosed_flow_mapping_is_named_as_a_mapping()
    {
        var syntax = Lint("metadata: {name: x\nspec: 1\n").Findings.Single();
        syntax.RuleId.ShouldBe("MESH000");
        syntax.Start.ShouldBe(new SourcePosition(1, 11));
        syntax.Message.ShouldContain("'{' mapping");
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key_without_losing_other_documents()
    {
        var result = Lint("kind: A\nmetadata: {name: a}\nkind: B\n---\n" + VaultDeployment);

        var duplicate = result.Findings.Single(f => f.RuleId == "MESH000");
        duplicate.Start.ShouldBe(new SourcePosition(3, 1));
        duplicate.Message.ShouldContain("duplicate key \"kind\" (first at line 1)");
        result.Findings.ShouldContain(f => f.RuleId == "MESH002");
        result.DocumentsScanned.ShouldBe(2);
    }

    [Fact]
    public void Merge_key_with_a_local_override_resolves_as_Kubernetes_does()
    {
        var root = Root("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n");
        var merged = root.Mapping("m")!;
        merged.Entries.Select(e => $"{e.Key.Value}={((YamlScalar)e.Value).Value}").ShouldBe(["a=1", "b=3"]);
    }

    [Fact]
    public void A_key_written_twice_next_to_a_merge_is_still_a_duplicate()
    {
        var problems = new YamlDocumentReader("base: &b {a: 1}\nm:\n  <<: *b\n  a: 2\n  a: 3\n").Documents().Single().Problems;
        problems.Single().Position.ShouldBe(new SourcePosition(5, 3));
    }

    [Fact]
    public void A_position_past_the_end_of_a_file_without_final_newline_is_kept_inside_it()
    {
        var finding = Lint("metadata:\n  {").Findings.Single();
        finding.Start.Line.ShouldBe(2);
    }

    [Fact]
    public void Merge_key_list_gives_the_first_map_precedence()
    {
        var root = Root("x: &x {a: 1}\ny: &y {a: 2, c: 3}\nm:\n  <<: [*x, *y]\n");
        root.Mapping("m")!.Text("a").ShouldBe("1");
        root.Mapping("m")!.Text("c").ShouldBe("3");
    }

    [Fact]
    public void Merged_annotations_reach_the_rules()
    {
        var text = VaultDeployment.Replace(
            "      labels: {sidecar.istio.io/inject: \"true\"}",
            "      labels:\n        <<: {sidecar.istio.io/inject: \"false\"}",
            StringComparison.Ordinal);
        text.ShouldContain("<<:");
        Lint(text).Findings.ShouldNotContain(f => f.RuleId == "MESH002");
    }

    [Fact]
    public void Merge_of_a_scalar_is_a_syntax_finding()
    {
        Lint("m:\n  <<: 1\n").Findings.Single().Message.ShouldContain("merge key (<<) needs a mapping");
    }

    [Fact]
    public void An_alias_is_the_anchored_node_so_findings_point_where_its_text_is_written()
    {
        var root = Root("a: &x {k: v}\nb: *x\n");
        root["b"].ShouldBeSameAs(root["a"]);
        root["b"]!.Start.ShouldBe(new SourcePosition(1, 4));
    }

    [Theory]
    [InlineData("a: &x [1, *x]\n", 1, 11)]
    [InlineData("a: &x\n  b: *x\n", 2, 6)]
    public void Alias_cycle_is_a_syntax_finding(string yaml, int line, int column)
    {
        var finding = Lint(yaml).Findings.Single();
        finding.Message.ShouldContain("a cycle");
        finding.Start.ShouldBe(new SourcePosition(line, column));
    }

    [Fact]
    public void Alias_without_anchor_is_a_syntax_finding()
    {
        Lint("a: *nowhere\n").Findings.Single().RuleId.ShouldBe("MESH000");
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    [Integration]
    public void Hundred_thousand_levels_of_nesting_are_refused_quickly_and_the_next_document_is_read(string open, string close)
    {
        var deep = "a: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        if (open == "- ")
        {
            deep = string.Concat(Enumerable.Repeat(open, 100_000)) + "x";
        }

        var clock = Stopwatch.StartNew();
        var result = Lint(deep + "\n---\n" + VaultDeployment);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        result.Findings.ShouldContain(f => f.RuleId == "MESH000" && f.Message.Contains("nesting deeper than 512", StringComparison.Ordinal));
        result.Findings.ShouldContain(f => f.RuleId == "MESH002");
    }

    [Fact]
    public void Ten_thousand_levels_just_over_the_limit_cost_nothing_and_512_are_accepted()
    {
        var ok = "a: " + new string('[', 510) + new string(']', 510) + "\n";
        Lint(ok).Findings.ShouldBeEmpty();
    }

    [Fact]
    [Integration]
    public void YamlDotNet_parser_itself_survives_nesting_five_times_deeper_than_a_recursive_parser_could_on_a_small_stack()
    {
        // Our reader stops at MaxDepth, but the parser underneath must not recurse either; a stack
        // overflow cannot be caught, so this runs on a thread whose 256 KB stack a recursive parser
        // would exhaust: on .NET 10 (x64) even a method whose only work is to call itself overflows
        // 256 KB at about 5,000 calls, and a parser needs at least one call a level. Deeper nesting
        // proves no more and costs more than linearly (YamlDotNet 18's scanner takes about 1.4 s for
        // 25,000 levels and 8 s for 50,000).
        const int levels = 25_000;
        var text = new string('[', levels) + new string(']', levels);
        var events = 0;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var parser = new Parser(new StringReader(text));
                    while (parser.MoveNext())
                    {
                        events++;
                    }
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        failure.ShouldBeNull();
        events.ShouldBe((2 * levels) + 4);
    }

    [Fact]
    public void Billion_laughs_finishes_quickly()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  annotations:\n    l0: &l0 \"lol\"\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"    l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        }

        bomb.Append("spec:\n  containers:\n    - name: app\n      image: x\n      env: *l9\n      args: *l9\n");
        var clock = Stopwatch.StartNew();
        var result = Lint(bomb.ToString());
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.DocumentsScanned.ShouldBe(1);
    }

    [Fact]
    public void Json_projection_of_an_alias_bomb_stops_at_its_node_budget()
    {
        var bomb = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        }

        var projection = JsonProjection.Of(Root(bomb.ToString()));
        projection.Truncated.ShouldBeTrue();
    }

    [Fact]
    [Integration]
    public void Mapping_with_a_hundred_thousand_keys_and_a_megabyte_scalar_are_linted_in_time()
    {
        var text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("  k").Append(i).Append(": v\n");
        }

        text.Append("  long: ").Append('x', 1_000_000).Append('\n');
        var clock = Stopwatch.StartNew();
        var result = Lint(text.ToString());
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        result.Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("just a scalar\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("")]
    [InlineData("---\n")]
    [InlineData("---\n---\n---\n")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("metadata: {name: x}\n")]
    [InlineData("kind: Deployment\n")]
    [InlineData("kind: Deployment\nmetadata: 5\nspec: [1]\n")]
    [InlineData("kind: [Deployment]\n")]
    [InlineData("kind: Pod\nmetadata:\n  name: 12345\n")]
    [InlineData("kind: List\nitems: 3\n")]
    [InlineData("kind: List\nitems: [1, [2], {kind: Pod}]\n")]
    [InlineData("? [complex, key]\n: value\n")]
    [InlineData("%YAML 1.1\n---\nkind: Pod\n")]
    [InlineData("kind: Pod\n...\n")]
    [InlineData("!!binary aGVsbG8=\n")]
    public void Odd_documents_give_no_exception_and_positions_inside_the_file(string text)
    {
        var result = Lint(text);
        var lines = Math.Max(1, text.Split('\n').Length);
        result.Findings.ShouldAllBe(f => f.Start.Line >= 1 && f.Start.Line <= lines && f.Start.Column >= 1);
    }

    [Fact]
    public void A_trailing_document_marker_adds_no_finding()
    {
        Lint(VaultDeployment + "\n---\n").Findings.Select(f => f.RuleId).ShouldBe(Lint(VaultDeployment).Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void A_numeric_name_is_shown_as_written()
    {
        var result = Lint(VaultDeployment.Replace("name: payments", "name: 0123", StringComparison.Ordinal));
        result.Findings.ShouldContain(f => f.Message.Contains("Deployment/0123", StringComparison.Ordinal));
    }

    private static YamlMapping Root(string yaml)
    {
        var document = new YamlDocumentReader(yaml).Documents().Single();
        document.Problems.ShouldBeEmpty();
        return (YamlMapping)document.Root!;
    }
}
