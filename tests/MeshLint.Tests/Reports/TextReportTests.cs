using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Reports;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

/// <summary>
/// The text report's two styles: <c>full</c> (the summary line, the details indented beneath it,
/// wrapped to the width and cut after a few lines) and <c>concise</c> (the summary line alone).
/// </summary>
public sealed class TextReportTests
{
    private static readonly string LongDetails = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"fact{i:00} at platform/namespaces.yaml:{i}."));

    private static Finding Make(string summary, string details, string path = "apps/web.yaml", Level level = Level.Warning) =>
        new(path, SourceSpan.At(new SourcePosition(7, 5)), "MESH001", "proxy-start-hold-missing", level, summary, "Deployment/web", "f") { Details = details };

    private static string[] Write(TextReport report, params Finding[] findings)
    {
        var writer = new StringWriter();
        report.Write(new LintResult(findings, [], 1, 1), writer);
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    [Fact]
    public void Full_puts_the_details_beneath_the_summary_line_and_keeps_every_line_within_the_width()
    {
        var lines = Write(new TextReport(color: false), Make("Deployment/web: the app may start before istio-proxy is ready", "Its first calls fail. Add the hold."));

        lines[0].ShouldBe("apps/web.yaml:7:5: warning MESH001 proxy-start-hold-missing:");
        lines[1].ShouldBe("  Deployment/web: the app may start before istio-proxy is ready");
        lines[2].ShouldBe("    Its first calls fail. Add the hold.");
        lines.ShouldAllBe(line => line.Length <= TextReport.DefaultWidth);
    }

    [Fact]
    public void A_wide_terminal_gets_the_summary_line_whole_and_wider_details()
    {
        var lines = Write(new TextReport(color: false, width: 200), Make("Deployment/web: the app may start before istio-proxy is ready", LongDetails));

        lines[0].ShouldBe("apps/web.yaml:7:5: warning MESH001 proxy-start-hold-missing: Deployment/web: the app may start before istio-proxy is ready");
        lines[1].Length.ShouldBeGreaterThan(150);
        lines.ShouldAllBe(line => line.Length <= 200);
    }

    [Fact]
    public void Long_details_are_cut_after_a_few_lines_with_a_pointer_to_the_rest()
    {
        var lines = Write(new TextReport(color: false), Make("Deployment/web: the app may start before istio-proxy is ready", LongDetails));

        var details = lines.Skip(2).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal)).ToList();
        details.Count.ShouldBe(TextLayout.DetailLines + 1);
        details[^1].ShouldBe("    … (the rest: --format json; the rule: meshlint explain MESH001)");
        string.Join(' ', details.Take(TextLayout.DetailLines).Select(line => line.Trim())).ShouldStartWith(LongDetails[..200]);
    }

    [Fact]
    public void Details_one_line_over_the_cap_are_shown_whole_as_the_pointer_would_take_that_line()
    {
        var layout = new TextLayout(TextReport.DefaultWidth, (_, text) => text);
        var words = string.Join(' ', Enumerable.Repeat("abcdefghi", 200));
        var oneOver = string.Join(' ', layout.Wrap(words, "    ", "    ").Take(TextLayout.DetailLines + 1).Select(line => line.Trim()));

        var lines = layout.Lines(Make("Deployment/web: s", oneOver), "warning", Level.Warning, details: true).ToList();

        lines.Count.ShouldBe(1 + TextLayout.DetailLines + 1);
        lines.ShouldNotContain(line => line.Contains("meshlint explain", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_longer_than_the_width_stays_whole_on_its_own_line()
    {
        var deep = string.Join('/', Enumerable.Repeat("lab_materials", 8)) + "/transaction-history.yaml";
        var lines = Write(new TextReport(color: false), Make("Deployment/web: the app may start before istio-proxy is ready", $"Mesh facts: namespace shop has istio-injection=enabled at {deep}:4.", path: deep));

        lines[0].ShouldBe($"{deep}:7:5:");
        lines[1].ShouldBe("  warning MESH001 proxy-start-hold-missing: Deployment/web: the app may start");
        lines.ShouldContain($"    {deep}:4.");
        lines.Where(line => !line.Contains(deep, StringComparison.Ordinal)).ShouldAllBe(line => line.Length <= TextReport.DefaultWidth);
    }

    [Fact]
    public void Concise_prints_one_line_a_finding_however_long()
    {
        var summary = "Deployment/web: " + string.Join(' ', Enumerable.Repeat("word", 60));
        var lines = Write(new TextReport(color: false, style: TextReportStyle.Concise), Make(summary, LongDetails), Make("Deployment/web: short", "More."));

        lines.Length.ShouldBe(3, "two findings and the count");
        lines[0].ShouldBe($"apps/web.yaml:7:5: warning MESH001 proxy-start-hold-missing: {summary}");
        lines[1].ShouldBe("apps/web.yaml:7:5: warning MESH001 proxy-start-hold-missing: Deployment/web: short");
        lines[2].ShouldStartWith("2 findings (0 errors, 2 warnings, 0 notes)");
    }

    [Fact]
    public void Colour_paints_the_level_once_not_a_word_of_the_summary()
    {
        var lines = Write(new TextReport(color: true), Make("Deployment/web: an error in the value error", "Details.", level: Level.Error));

        string.Concat(lines).Split("\u001b[1;31merror\u001b[0m").Length.ShouldBe(2);
        lines[1].ShouldBe("  Deployment/web: an error in the value error");
    }

    [Fact]
    public void The_count_line_wraps_in_full_and_stays_whole_in_concise()
    {
        var findings = Enumerable.Range(1, 3).Select(_ => Make("Deployment/web: s", "d.") with { Assumption = "legacy sidecars, as on Istio < 1.27; set mesh.target" }).ToArray();

        Write(new TextReport(color: false), findings).ShouldAllBe(line => line.Length <= TextReport.DefaultWidth);
        Write(new TextReport(color: false, style: TextReportStyle.Concise), findings)[^1].Length.ShouldBeGreaterThan(TextReport.DefaultWidth);
    }

    [Fact]
    public void The_style_names_read_in_any_case_and_nothing_else()
    {
        TextReportStyles.Parse("full").ShouldBe(TextReportStyle.Full);
        TextReportStyles.Parse("Concise").ShouldBe(TextReportStyle.Concise);
        TextReportStyles.Parse("short").ShouldBeNull();
    }
}
