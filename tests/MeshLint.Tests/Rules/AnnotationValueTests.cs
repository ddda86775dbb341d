using MeshLint.Parsing;
using MeshLint.Registry;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

public sealed class AnnotationValueTests
{
    private static ProxyConfigAnnotation Read(string value)
    {
        var yaml = $"proxy.istio.io/config: {value}\n";
        var root = (YamlMapping)new YamlDocumentReader(yaml).Documents().Single().Root!;
        return ProxyConfigAnnotation.Read(root.Entry(ProxyConfigAnnotation.Key)!);
    }

    [Theory]
    [InlineData("'{ \"holdApplicationUntilProxyStarts\": true }'", true)]
    [InlineData("'{holdApplicationUntilProxyStarts: false}'", false)]
    [InlineData("|\n  holdApplicationUntilProxyStarts: on\n", true)]
    public void Proxy_config_is_read_as_yaml(string value, bool hold)
    {
        var config = Read(value);
        config.Usable.ShouldBeTrue();
        config.Hold.ShouldBe(hold);
    }

    [Fact]
    public void A_quoted_boolean_is_an_error_that_names_the_field()
    {
        var config = Read("'{\"holdApplicationUntilProxyStarts\": \"true\"}'");
        config.Usable.ShouldBeFalse();
        var issue = config.Issues.ShouldHaveSingleItem();
        issue.Message.ShouldContain("holdApplicationUntilProxyStarts");
        issue.Message.ShouldContain("boolean");
    }

    [Fact]
    public void A_typo_is_a_warning_with_a_suggestion()
    {
        var config = Read("'{\"holdApplicationUntilProxyStart\": true}'");
        config.Usable.ShouldBeTrue();
        config.Issues.ShouldHaveSingleItem().Message.ShouldContain("did you mean \"holdApplicationUntilProxyStarts\"");
    }

    [Fact]
    public void Malformed_yaml_gives_the_position_inside_the_value()
    {
        var config = Read("|\n  a: 1\n  b: [2\n");
        config.Malformed.ShouldNotBeNull();
        config.Malformed.Position.Line.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData("[{\"name\": \"a\"}]", null)]
    [InlineData("[{\"name\": \"a\"},]", 1)]
    [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", 3)]
    [InlineData("", 1)]
    public void Json_annotations_report_the_line_inside_the_value(string text, int? line)
    {
        var problem = JsonAnnotation.Problem(text);
        if (line is null)
        {
            problem.ShouldBeNull();
        }
        else
        {
            problem.ShouldNotBeNull().Position.Line.ShouldBe(line.Value);
        }
    }

    [Fact]
    public void Closest_name_suggests_only_near_misses()
    {
        ClosestName.Find("concurency", ["concurrency", "drainDuration"]).ShouldBe("concurrency");
        ClosestName.Find("somethingElse", ["concurrency", "drainDuration"]).ShouldBeNull();
    }
}
