using System.Collections;
using System.Reflection;
using MeshLint.Parsing;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Parsing;

public sealed class ScannerBuilderPoolTests
{
    [Fact]
    public void Reading_yaml_leaves_nothing_in_the_scanners_shared_pool()
    {
        var documents = new YamlDocumentReader("a: plain\nb: \"double quoted\"\nc: |\n  block\n  text\nd: 'single'\n").Documents().ToList();

        ScannerBuilderPool.Unshared.ShouldBeTrue("the YamlDotNet internals the workaround relies on have changed");
        ((YamlMapping)documents.Single().Root!).Text("c").ShouldBe("block\ntext\n");
        var pool = typeof(YamlDotNet.Core.Parser).Assembly.GetType("YamlDotNet.Core.ObjectPool.StringBuilderPool", throwOnError: true)!
            .GetField("Pool", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Field(pool, "fastItem").ShouldBeNull();
        ((ICollection)Field(pool, "items")!).Count.ShouldBe(0);
    }

    private static object? Field(object pool, string name)
    {
        for (var type = pool.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) is { } field)
            {
                return field.GetValue(pool);
            }
        }

        throw new MissingFieldException(pool.GetType().Name, name);
    }
}
