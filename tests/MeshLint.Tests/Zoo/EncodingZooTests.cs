using Xunit;
using System.Text;
using MeshLint.Engine;
using MeshLint.Parsing;
using Shouldly;
using static MeshLint.Tests.Support.Manifests;
using static MeshLint.Tests.Support.TestSupport;

namespace MeshLint.Tests.Zoo;

/// <summary>Encodings, line endings and bytes that are not text: same findings, right positions, or one clear finding.</summary>
public sealed class EncodingZooTests
{
    private static readonly string[] Expected = Positions(Utf8(VaultDeployment));

    [Fact]
    public void Utf8_with_a_byte_order_mark_reads_like_without()
    {
        Positions([0xEF, 0xBB, 0xBF, .. Utf8(VaultDeployment)]).ShouldBe(Expected);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_reads_like_utf8()
    {
        Positions([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(VaultDeployment)]).ShouldBe(Expected);
        Positions([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(VaultDeployment)]).ShouldBe(Expected);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Crlf_and_lone_cr_keep_lines_and_columns(string newline)
    {
        Positions(Utf8(VaultDeployment.Replace("\n", newline, StringComparison.Ordinal))).ShouldBe(Expected);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Crlf_and_lone_cr_keep_syntax_error_positions(string newline)
    {
        var text = "a: 1\nb: [1, 2\nc: 3\n".Replace("\n", newline, StringComparison.Ordinal);
        LintBytes(Utf8(text)).Findings.Single().Start.ShouldBe(new SourcePosition(2, 4));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_offending_byte()
    {
        var finding = LintBytes([.. Utf8("kind: Pod\nmetadata:\n  name: ab"), 0xC3, 0x28, .. Utf8("\n")]).Findings.Single();
        finding.RuleId.ShouldBe("MESH000");
        finding.Start.ShouldBe(new SourcePosition(3, 11));
        finding.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Nul_bytes_and_binary_files_named_yaml_are_one_finding_each()
    {
        LintBytes([.. Utf8("kind: Pod\n"), 0, 1, 2]).Findings.Single().Start.ShouldBe(new SourcePosition(2, 1));
        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        var finding = LintBytes(binary).Findings.Single();
        finding.RuleId.ShouldBe("MESH000");
    }

    [Fact]
    public void Broken_utf16_is_reported_not_thrown()
    {
        LintBytes([0xFF, 0xFE, 0x00, 0xD8, 0x41]).Findings.Single().Message.ShouldContain("UTF-16");
    }

    [Fact]
    public void A_tab_used_as_indentation_is_a_syntax_finding_at_the_tab()
    {
        var finding = LintBytes(Utf8("metadata:\n\tname: x\n")).Findings.Single();
        finding.RuleId.ShouldBe("MESH000");
        finding.Start.ShouldBe(new SourcePosition(2, 1));
    }

    [Fact]
    public void Tabs_inside_values_are_ordinary_text()
    {
        Positions(Utf8(VaultDeployment.Replace("image: app:1", "image: app:1\t# tab before comment", StringComparison.Ordinal))).ShouldBe(Expected);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_a_note_not_a_finding_and_skipped()
    {
        var result = LintBytes(Utf8(VaultDeployment), new LintOptions { Jobs = 1, MaxFileBytes = 100 });
        result.Findings.ShouldBeEmpty();
        result.Notes.ShouldHaveSingleItem().ShouldBe("input.yaml: larger than the 100 bytes limit (--max-file-size); not read");
        result.DocumentsScanned.ShouldBe(0);
    }

    private static string[] Positions(byte[] bytes) =>
        LintBytes(bytes).Findings.Select(f => $"{f.RuleId}@{f.Start}").ToArray();
}
