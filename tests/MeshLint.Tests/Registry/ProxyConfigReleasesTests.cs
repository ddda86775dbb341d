using System.Text.Json;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Parsing;
using MeshLint.Registry;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Registry;

/// <summary>Which ProxyConfig fields each Istio release decodes, from the schema's x-added and x-removed.</summary>
public sealed class ProxyConfigReleasesTests
{
    private static MinorRelease? Release(string? text) => text is null ? null : MinorRelease.Parse(text).ShouldNotBeNull();

    private static YamlNode Config(string yaml) => new YamlDocumentReader(yaml).Documents().Single().Root.ShouldNotBeNull();

    [Theory]
    [InlineData("statsCompression", "1.29", null)]
    [InlineData("stats_compression", "1.29", null)]
    [InlineData("fileFlushInterval", "1.29", null)]
    [InlineData("connectionSettings", "1.31", null)]
    [InlineData("connectionSettings.profile", "1.31", null)]
    [InlineData("holdApplicationUntilProxyStarts", "1.8", null)]
    [InlineData("proxyHeaders", "1.19", null)]
    [InlineData("proxyHeaders.xForwardedHost", "1.28", null)]
    [InlineData("proxyHeaders.preserveHttp1HeaderCase", "1.25", null)]
    [InlineData("tracing.enableIstioTags", "1.25", null)]
    [InlineData("gatewayTopology.proxyProtocol", "1.19", null)]
    [InlineData("privateKeyProvider.qat", "1.17", null)]
    [InlineData("privateKeyProvider.cryptomb.fallback", "1.21", null)]
    [InlineData("parentShutdownDuration", null, "1.17")]
    [InlineData("connectTimeout", null, "1.6")]
    [InlineData("tracing.lightstep.secure", "1.1", "1.6")]
    [InlineData("concurrency", null, null)]
    public void A_field_knows_the_releases_that_added_and_removed_it(string field, string? added, string? removed)
    {
        ProxyConfigReleases.HistoryOf(field).ShouldBe(new FieldHistory(Release(added), Release(removed)));
    }

    [Theory]
    [InlineData("statsCompression", "1.28", false)]
    [InlineData("statsCompression", "1.29", true)]
    [InlineData("statsCompression", null, true)]
    [InlineData("parentShutdownDuration", "1.16", true)]
    [InlineData("parentShutdownDuration", "1.17", false)]
    [InlineData("parentShutdownDuration", null, false)]
    [InlineData("proxyHeaders.xForwardedPort", "1.27", false)]
    [InlineData("proxyHeaders.xForwardedPort", "1.28", true)]
    [InlineData("concurrency", "0.8", true)]
    [InlineData("noSuchField", null, false)]
    public void A_field_is_known_in_the_releases_that_have_it(string field, string? release, bool known)
    {
        ProxyConfigReleases.IsKnownIn(field, Release(release)).ShouldBe(known);
    }

    [Fact]
    public void Every_field_of_proxy_config_says_when_istio_api_added_it()
    {
        using var schema = JsonDocument.Parse(MeshLint.Input.RuleData.Read("rules/schemas/proxy-config.schema.json"));
        var fields = schema.RootElement.GetProperty("properties").EnumerateObject().ToList();

        fields.Where(field => !field.Value.TryGetProperty("x-added", out _)).Select(field => field.Name).ShouldBeEmpty();
        fields.Where(field => field.Value.TryGetProperty("x-removed", out _)).Select(field => field.Name).Order()
            .ShouldBe(["connectTimeout", "connect_timeout", "parentShutdownDuration", "parent_shutdown_duration"]);
        fields.Count(field => field.Value.GetProperty("x-added").GetString() != "1.0").ShouldBe((2 * 24) - 3, "24 fields came after 1.0; tracing, sds and image have one name");
    }

    [Fact]
    public void A_field_added_later_is_unknown_in_an_older_release_with_both_releases_named()
    {
        var config = Config("holdApplicationUntilProxyStarts: true\nfileFlushInterval: 2s\n");

        ProxyConfigSchema.Validate(config).ShouldBeEmpty();
        ProxyConfigSchema.Validate(config, Release("1.29")).ShouldBeEmpty();
        var issue = ProxyConfigSchema.Validate(config, Release("1.28")).ShouldHaveSingleItem();
        (issue.Level, issue.Field, issue.At.Start.Line).ShouldBe((Level.Warning, "fileFlushInterval", 2));
        issue.Message.ShouldBe("field \"fileFlushInterval\" came to ProxyConfig in Istio 1.29, and the target runs 1.28, which ignores it");
    }

    [Fact]
    public void A_removed_field_is_ignored_whatever_its_value_from_the_release_that_removed_it()
    {
        var config = Config("parentShutdownDuration: 60\n");

        var newest = ProxyConfigSchema.Validate(config).ShouldHaveSingleItem();
        (newest.Level, newest.Message).ShouldBe((Level.Warning, "field \"parentShutdownDuration\" was removed from ProxyConfig in Istio 1.17, and Istio ignores it since"));
        ProxyConfigSchema.Validate(config, Release("1.17")).ShouldHaveSingleItem().Message.ShouldContain("the target runs 1.17");
        ProxyConfigSchema.Validate(config, Release("1.16")).ShouldHaveSingleItem().Level.ShouldBe(Level.Error, "1.16 decodes the field, and 60 is no duration");
    }

    [Fact]
    public void Only_the_outermost_field_a_release_lacks_is_reported()
    {
        var config = Config("proxyHeaders:\n  xForwardedHost: {enabled: true}\n  requestId: {disabled: yes-please}\n");

        ProxyConfigSchema.Validate(config, Release("1.18")).ShouldHaveSingleItem().Field.ShouldBe("proxyHeaders");
        var inner = ProxyConfigSchema.Validate(config, Release("1.27"));
        inner.Select(issue => (issue.Field, issue.Level)).Order().ShouldBe([("proxyHeaders.requestId.disabled", Level.Error), ("proxyHeaders.xForwardedHost", Level.Warning)]);
    }

    [Fact]
    public void A_typo_is_never_pointed_at_a_removed_field()
    {
        var issue = ProxyConfigSchema.Validate(Config("connectTimeou: 1s\n")).ShouldHaveSingleItem();

        issue.Message.ShouldNotContain("connectTimeout");
        issue.Repair.ShouldBeNull();
        ProxyConfigSchema.Validate(Config("drainDuraton: 1s\n")).ShouldHaveSingleItem().Message.ShouldContain("did you mean \"drainDuration\"?");
    }

    [Fact]
    public void A_parsed_annotation_answers_for_any_release_from_one_reading()
    {
        var value = ProxyConfigValue.Read("statsCompression: false\ntracing: {enableIstioTags: true}\n");

        value.Issues.ShouldBeEmpty();
        value.IssuesIn(Release("1.29")).ShouldBeEmpty();
        value.IssuesIn(Release("1.28")).ShouldHaveSingleItem().Field.ShouldBe("statsCompression");
        value.IssuesIn(Release("1.24")).Select(issue => issue.Field).Order().ShouldBe(["statsCompression", "tracing.enableIstioTags"]);
    }
}
