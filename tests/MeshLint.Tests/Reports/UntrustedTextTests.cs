using MeshLint.Reports;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("plain: text", "plain: text")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m")]
    [InlineData("bell\u0007 c1\u009b", "bell\\u0007 c1\\u009b")]
    public void Printable_shows_every_control_character(string input, string expected)
    {
        UntrustedText.Printable(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m text", "red text")]
    [InlineData("title\u001b]0;pwned\u0007 after", "title after")]
    [InlineData("bell\u0007 and c1\u009b2J done", "bell and c1 done")]
    [InlineData("multi\nline\ttext", "multi line text")]
    [InlineData("admin\u202Etxt.exe", "admintxt.exe")]
    public void Log_excerpt_removes_what_could_drive_a_terminal(string input, string expected)
    {
        UntrustedText.LogExcerpt(input).ShouldBe(expected);
    }

    [Fact]
    public void Log_excerpt_truncates_long_lines()
    {
        UntrustedText.LogExcerpt(new string('x', 500), 10).ShouldBe("xxxxxxxxxx…");
    }

    [Theory]
    [InlineData("a | b\nc", "a \\| b c")]
    [InlineData("<img src=x>", "&lt;img src=x&gt;")]
    [InlineData("[link](x) ![i](y) `c` *e* _u_ ~s~ #h \\", "\\[link\\](x) \\!\\[i\\](y) \\`c\\` \\*e\\* \\_u\\_ \\~s\\~ \\#h \\\\")]
    [InlineData("p\u2028q\u001br", "p q\\u001br")]
    public void Markdown_table_cell_stays_one_plain_cell(string input, string expected)
    {
        UntrustedText.MarkdownTableCell(input).ShouldBe(expected);
    }
}
