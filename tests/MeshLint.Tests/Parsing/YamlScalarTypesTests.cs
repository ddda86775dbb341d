using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Parsing;

public sealed class YamlScalarTypesTests
{
    [Theory]
    [InlineData("true", ScalarType.Bool)]
    [InlineData("yes", ScalarType.Bool)]
    [InlineData("Off", ScalarType.Bool)]
    [InlineData("y", ScalarType.Bool)]
    [InlineData("8200", ScalarType.Int)]
    [InlineData("0x1F", ScalarType.Int)]
    [InlineData("-12_000", ScalarType.Int)]
    [InlineData("0755", ScalarType.Int)]
    [InlineData("1.5", ScalarType.Float)]
    [InlineData("1e3", ScalarType.Float)]
    [InlineData(".inf", ScalarType.Float)]
    [InlineData("~", ScalarType.Null)]
    [InlineData("null", ScalarType.Null)]
    [InlineData("", ScalarType.Null)]
    [InlineData("45s", ScalarType.String)]
    [InlineData("10.0.0.0/8", ScalarType.String)]
    [InlineData("1.2.3", ScalarType.String)]
    [InlineData("0x", ScalarType.String)]
    [InlineData("TRUE1", ScalarType.String)]
    [InlineData("enabled", ScalarType.String)]
    public void Plain_scalars_resolve_as_YAML_1_1(string text, ScalarType type) => YamlScalarTypes.ResolvePlain(text).ShouldBe(type);

    [Fact]
    public void Quoted_scalars_and_str_tags_are_strings()
    {
        var root = (YamlMapping)new YamlDocumentReader("a: \"true\"\nb: 'on'\nc: !!str 8200\nd: |\n  yes\n").Documents().Single().Root!;
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            root.Scalar(key)!.Type.ShouldBe(ScalarType.String, key);
        }
    }
}
