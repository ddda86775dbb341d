using System.Reflection;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Parsing;

/// <summary>
/// The quick pre-check may only say "valid" when NJsonSchema agrees; these tests hold it to that
/// on every metadata block and every ProxyConfig in the fixtures (and the real-world corpus when
/// it is beside the repository), and check that it does clear the common, valid case.
/// </summary>
public sealed class QuickSchemaTests
{
    private static IEnumerable<string> YamlFiles()
    {
        var roots = new List<string> { FixturePaths.Fixtures, Path.Combine(FixturePaths.RepositoryRoot, "examples") };
        var corpus = Path.Combine(FixturePaths.RepositoryRoot, "..", "shared", "corpus");
        if (Directory.Exists(corpus))
        {
            roots.Add(corpus);
        }

        return roots.SelectMany(root => Directory.EnumerateFiles(root, "*.y*ml", SearchOption.AllDirectories));
    }

    private static IEnumerable<YamlMapping> Metadata()
    {
        foreach (var file in YamlFiles())
        {
            var text = MeshLint.Input.SourceText.Decode(File.ReadAllBytes(file)).Text;
            if (text is null)
            {
                continue;
            }

            foreach (var document in new YamlDocumentReader(text).Documents())
            {
                foreach (var obj in ObjectReader.Objects(file, document))
                {
                    if (obj.Metadata is { } metadata)
                    {
                        yield return metadata;
                    }

                    if (ObjectReader.PodTemplateOf(obj)?.Metadata is { } podMetadata)
                    {
                        yield return podMetadata;
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("MESH007")]
    public void Valid_only_where_NJsonSchema_finds_no_error(string ruleId)
    {
        var check = RuleCatalog.BuiltIn[ruleId].Check.ShouldNotBeNull();
        var schema = new CompiledSchema(SchemaJson(check));
        var cleared = 0;
        var total = 0;
        foreach (var metadata in Metadata())
        {
            total++;
            if (schema.Quick.Check(metadata) == QuickVerdict.Valid)
            {
                cleared++;
                schema.Full.Validate(JsonProjection.Of(metadata).Root).ShouldBeEmpty($"{ruleId}: quick said valid at line {metadata.Start.Line}");
            }
        }

        total.ShouldBeGreaterThan(50);
        ((double)cleared / total).ShouldBeGreaterThan(0.5, "the quick check should clear most real metadata");
    }

    [Theory]
    [InlineData("holdApplicationUntilProxyStarts: true", true)]
    [InlineData("{\"holdApplicationUntilProxyStarts\": true, \"concurrency\": 2, \"terminationDrainDuration\": \"30s\"}", true)]
    [InlineData("{holdApplicationUntilProxyStarts: true, proxyMetadata: {A: b}, tracing: {sampling: 10}}", true)]
    [InlineData("{concurrency: \"2\", interceptionMode: TPROXY, hold_application_until_proxy_starts: true, drainDuration: null}", true)]
    [InlineData("holdApplicationUntilProxyStarts: \"true\"", false)]
    [InlineData("holdApplicationUntilProxyStart: true", false)]
    [InlineData("terminationDrainDuration: 45", false)]
    [InlineData("concurrency: 0x10", false)]
    [InlineData("concurrency: 1.5", false)]
    [InlineData("interceptionMode: BYPASS", false)]
    [InlineData("interceptionMode: 1", true)]
    [InlineData("proxyMetadata: {A: 1}", false)]
    public void ProxyConfig_quick_check_agrees_with_NJsonSchema(string config, bool quickValid)
    {
        var root = new YamlDocumentReader(config).Documents().Single().Root.ShouldBeOfType<YamlMapping>();
        var schema = new CompiledSchema(ProxyConfigSchemaText(), nullMeansAbsent: true);
        var verdict = schema.Quick.Check(root);
        (verdict == QuickVerdict.Valid).ShouldBe(quickValid);
        if (verdict == QuickVerdict.Valid)
        {
            ProxyConfigSchema.Validate(root).ShouldBeEmpty();
        }
    }

    private static string SchemaJson(SchemaCheck check) =>
        ((CompiledSchema)typeof(SchemaCheck).GetField("require", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(check)!).Json;

    private static string ProxyConfigSchemaText() =>
        File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "rules", "schemas", "proxy-config.schema.json"));
}
