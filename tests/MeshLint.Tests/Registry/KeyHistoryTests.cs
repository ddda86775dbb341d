using MeshLint.Registry;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Registry;

/// <summary>
/// The releases that added, deprecated and removed each key, as the registry files record them from
/// istio/api's and istio/istio's X.Y.0 tags, and the state a key has in one release.
/// </summary>
public sealed class KeyHistoryTests
{
    private static readonly KeyRegistry Registry = KeyRegistry.BuiltIn;

    private static MinorRelease? Release(string? text) => text is null ? null : MinorRelease.Parse(text).ShouldNotBeNull();

    [Fact]
    public void Every_key_of_istios_registry_says_when_it_was_added_and_deprecated()
    {
        var istio = Registry.Entries.Concat(Registry.Removed).Where(entry => entry.Registered && entry.Source.Contains("/istio-", StringComparison.Ordinal)).ToList();

        istio.Where(entry => entry.Added is null).Select(entry => entry.Name).ShouldBeEmpty();
        istio.Where(entry => entry.Deprecated && entry.DeprecatedIn is null).Select(entry => entry.Name).ShouldBeEmpty();
        istio.Where(entry => !entry.Deprecated && entry.DeprecatedIn is not null && entry.History.Removed is null).Select(entry => entry.Name).ShouldBeEmpty();
        Registry.Entries.Where(entry => KeyDomain.IsVault(entry.Name)).ShouldAllBe(entry => entry.History == KeyHistory.None);
    }

    [Fact]
    public void The_data_holds_the_releases_of_every_key_istio_api_listed_since_1_3()
    {
        // The counts of the data summary: istio/api 1.3.0 to 1.30.0 and 1.31.0-alpha.0, istio/istio 1.0.0 to 1.31.0-beta.1.
        var current = Registry.Entries;
        Registry.Removed.Count.ShouldBe(24);
        Registry.Removed.ShouldAllBe(entry => entry.Kind == KeyKind.Annotation);
        current.Count(entry => entry.Added is not null && !KeyDomain.IsVault(entry.Name)).ShouldBe(94 + 10);
        current.Count(entry => entry.History.ReadSince is not null).ShouldBe(15 + 12);
        current.Count(entry => entry.DeprecatedIn is not null).ShouldBe(11);
        current.Count(entry => entry.History.IgnoredSince is not null).ShouldBe(1);
        Registry.Removed.Count(entry => entry.DeprecatedIn is not null).ShouldBe(3);
    }

    [Theory]
    // versions.md §6 of the reference: deprecated and removed annotations by release. The source agrees
    // on every registry release; where istio/istio stopped reading a key first, RemovedIn says so.
    [InlineData("sidecar.istio.io/statsInclusionPrefixes", "1.3", "1.9", null)]
    [InlineData("sidecar.istio.io/statsInclusionSuffixes", "1.3", "1.9", null)]
    [InlineData("sidecar.istio.io/statsInclusionRegexps", "1.3", "1.9", null)]
    [InlineData("sidecar.istio.io/discoveryAddress", "1.3", "1.9", null)]
    [InlineData("alpha.istio.io/canonical-serviceaccounts", "1.3", "1.9", null)]
    [InlineData("alpha.istio.io/kubernetes-serviceaccounts", "1.3", "1.9", null)]
    [InlineData("sidecar.istio.io/controlPlaneAuthPolicy", "1.3", "1.9", "1.24")]
    [InlineData("alpha.istio.io/identity", "1.3", "1.9", "1.24")]
    [InlineData("security.istio.io/tlsMode", "1.6", "1.9", "1.10")]
    [InlineData("sidecar.istio.io/inject", "1.3", "1.15", null)]
    [InlineData("sidecar.istio.io/extraStatTags", "1.12", "1.21", null)]
    [InlineData("install.operator.istio.io/chart-owner", "1.4", null, "1.24")]
    [InlineData("install.operator.istio.io/owner-generation", "1.4", null, "1.24")]
    [InlineData("install.operator.istio.io/version", "1.4", null, "1.24")]
    [InlineData("sidecar.istio.io/enableCoreDump", "1.5", null, "1.25")]
    [InlineData("traffic.sidecar.istio.io/kubevirtInterfaces", "1.3", "1.25", null)]
    [InlineData("istio.io/reroute-virtual-interfaces", "1.25", null, null)]
    [InlineData("sidecar.istio.io/statsCompression", "1.26", "1.29", null)]
    [InlineData("traffic.istio.io/includeOutboundIPRanges", "1.22", null, "1.23")]
    [InlineData("traffic.istio.io/excludeOutboundPorts", "1.22", null, "1.23")]
    [InlineData("sidecar.istio.io/nativeSidecar", "1.24", null, null)]
    [InlineData("ambient.istio.io/dns-capture", "1.25", null, null)]
    [InlineData("sidecar.istio.io/statsFlushInterval", "1.28", null, null)]
    [InlineData("sidecar.istio.io/statsEvictionInterval", "1.28", null, null)]
    [InlineData("sidecar.istio.io/statsHistogramBins", "1.28", null, null)]
    public void Annotation_registry_releases_agree_with_the_reference(string key, string added, string? deprecated, string? removed)
    {
        var entry = (Registry.Find(key, KeyKind.Annotation) ?? Registry.Removed.SingleOrDefault(gone => gone.Name == key)).ShouldNotBeNull();

        (entry.Added, entry.DeprecatedIn, entry.History.Removed).ShouldBe((Release(added), Release(deprecated), Release(removed)));
    }

    [Theory]
    [InlineData("sidecar.istio.io/inject", "1.16", "1.5")]
    [InlineData("istio.io/dataplane-mode", "1.24", "1.18")]
    [InlineData("istio.io/use-waypoint", "1.24", "1.22")]
    [InlineData("istio.io/waypoint-for", "1.24", "1.22")]
    [InlineData("istio.io/use-waypoint-canary", "1.31", null)]
    public void Labels_say_when_istio_api_listed_them_and_when_istio_read_them_first(string key, string added, string? readSince)
    {
        var entry = Registry.Find(key, KeyKind.Label).ShouldNotBeNull();

        (entry.Added, entry.History.ReadSince).ShouldBe((Release(added), Release(readSince)));
    }

    [Theory]
    [InlineData("sidecar.istio.io/nativeSidecar", "1.23", nameof(KeyState.NotYetAdded), "1.24")]
    [InlineData("sidecar.istio.io/nativeSidecar", "1.24", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/nativeSidecar", null, nameof(KeyState.Current), null)]
    [InlineData("traffic.sidecar.istio.io/kubevirtInterfaces", "1.24", nameof(KeyState.Current), null)]
    [InlineData("traffic.sidecar.istio.io/kubevirtInterfaces", "1.25", nameof(KeyState.Deprecated), "1.25")]
    [InlineData("traffic.sidecar.istio.io/kubevirtInterfaces", null, nameof(KeyState.Deprecated), "1.25")]
    [InlineData("istio.io/reroute-virtual-interfaces", "1.24", nameof(KeyState.NotYetAdded), "1.25")]
    [InlineData("sidecar.istio.io/inject", "1.14", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/inject", "1.15", nameof(KeyState.Deprecated), "1.15")]
    [InlineData("sidecar.istio.io/controlPlaneAuthPolicy", "1.5", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/controlPlaneAuthPolicy", "1.6", nameof(KeyState.Removed), "1.6")]
    [InlineData("sidecar.istio.io/controlPlaneAuthPolicy", "1.24", nameof(KeyState.Removed), "1.6")]
    [InlineData("sidecar.istio.io/controlPlaneAuthPolicy", null, nameof(KeyState.Removed), "1.6")]
    [InlineData("sidecar.istio.io/enableCoreDump", "1.23", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/enableCoreDump", "1.24", nameof(KeyState.Removed), "1.24")]
    [InlineData("sidecar.istio.io/statsCompression", "1.20", nameof(KeyState.NotYetAdded), "1.21")]
    [InlineData("sidecar.istio.io/statsCompression", "1.21", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/statsCompression", "1.28", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/statsCompression", "1.29", nameof(KeyState.Removed), "1.29")]
    [InlineData("traffic.istio.io/includeOutboundPorts", "1.21", nameof(KeyState.NotYetAdded), "1.22")]
    [InlineData("traffic.istio.io/includeOutboundPorts", "1.22", nameof(KeyState.Current), null)]
    [InlineData("traffic.istio.io/includeOutboundPorts", "1.23", nameof(KeyState.Removed), "1.23")]
    [InlineData("istio.io/use-waypoint-canary-weight", "1.30", nameof(KeyState.NotYetAdded), "1.31")]
    [InlineData("istio.io/use-waypoint-canary-weight", null, nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/proxyCPU", "1.0", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/proxyCPUs", "1.24", nameof(KeyState.Unknown), null)]
    [InlineData("vault.hashicorp.com/agent-inject-secret-db", "1.2", nameof(KeyState.Current), null)]
    [InlineData("sidecar.istio.io/capNetBindService", "1.4", nameof(KeyState.NotYetAdded), "1.5")]
    [InlineData("prometheus.io/scrape", "1.0", nameof(KeyState.Current), null)]
    public void A_key_has_one_state_in_each_release(string key, string? release, string state, string? since)
    {
        var status = Registry.StatusIn(key, KeyKind.Annotation, Release(release));

        (status.State, status.Since).ShouldBe((Enum.Parse<KeyState>(state), Release(since)));
    }

    [Fact]
    public void A_removed_key_names_its_successor()
    {
        var tlsMode = Registry.StatusIn("security.istio.io/tlsMode", KeyKind.Annotation, null);
        (tlsMode.State, tlsMode.Since).ShouldBe((KeyState.Removed, Release("1.10")));
        tlsMode.Replacement.ShouldBe(new KeyReplacement("security.istio.io/tlsMode", KeyKind.Label));

        Registry.StatusIn("traffic.istio.io/excludeInterfaces", KeyKind.Annotation, Release("1.26")).Replacement
            .ShouldBe(new KeyReplacement("traffic.sidecar.istio.io/excludeInterfaces", KeyKind.Annotation));
        Registry.StatusIn("security.istio.io/tlsMode", KeyKind.Label, null).State.ShouldBe(KeyState.Deprecated);
    }

    [Fact]
    public void Labels_read_before_istio_api_listed_them_are_known_from_then()
    {
        Registry.StatusIn("istio.io/dataplane-mode", KeyKind.Label, Release("1.17")).ShouldBe(new KeyStatus(KeyState.NotYetAdded, Registry.Find("istio.io/dataplane-mode", KeyKind.Label), Release("1.18")));
        Registry.StatusIn("istio.io/dataplane-mode", KeyKind.Label, Release("1.22")).State.ShouldBe(KeyState.Current);
        Registry.StatusIn("sidecar.istio.io/inject", KeyKind.Label, Release("1.9")).State.ShouldBe(KeyState.Current);
        Registry.StatusIn("istio.io/rev", KeyKind.Label, Release("1.0")).State.ShouldBe(KeyState.Current, "labels older than label.go in 1.6 are as old as MeshLint knows");
    }

    [Fact]
    public void Find_sees_only_the_keys_the_newest_registry_lists()
    {
        Registry.Find("sidecar.istio.io/controlPlaneAuthPolicy", KeyKind.Annotation).ShouldBeNull();
        Registry.Find("traffic.istio.io/includeOutboundPorts", KeyKind.Annotation).ShouldBeNull();
        Registry.Find("sidecar.istio.io/statsCompression", KeyKind.Annotation).ShouldNotBeNull("istio/api still lists it, deprecated");
        Registry.Entries.ShouldNotContain(entry => entry.History.Removed != null);
    }

    [Theory]
    [InlineData("added: \"1.24\"\n    readSince: \"1.25\"")]
    [InlineData("added: \"1.24\"\n    deprecatedIn: \"1.23\"")]
    [InlineData("added: \"1.24\"\n    removed: \"1.24\"")]
    [InlineData("added: \"1.24\"\n    removed: \"1.26\"\n    ignoredSince: \"1.27\"")]
    [InlineData("added: \"1.24.1\"")]
    [InlineData("added: v1.24")]
    public void Releases_out_of_order_or_not_minor_are_a_defect(string releases)
    {
        var yaml = $"""
            kind: annotation
            historyFrom: "1.3"
            keys:
              - name: sidecar.istio.io/proxyCPU
                appliesTo: [Pod]
                description: CPU request of the proxy container.
                value: {"{"}type: quantity{"}"}
                {releases}
            """;

        Should.Throw<InvalidDataException>(() => KeyRegistryReader.Read("bad.yaml", yaml));
    }

    [Fact]
    public void A_key_added_in_the_oldest_release_read_may_be_older()
    {
        const string yaml = """
            kind: annotation
            historyFrom: "1.3"
            keys:
              - { name: sidecar.istio.io/proxyCPU, appliesTo: [Pod], description: a, value: { type: quantity }, added: "1.3" }
              - { name: sidecar.istio.io/proxyImageType, appliesTo: [Pod], description: b, value: { type: string }, added: "1.13" }
              - { name: sidecar.istio.io/controlPlaneAuthPolicy, appliesTo: [Pod], description: c, added: "1.3", removed: "1.24" }
            """;

        var registry = new KeyRegistry(KeyRegistryReader.Read("history.yaml", yaml));

        registry.StatusIn("sidecar.istio.io/proxyCPU", KeyKind.Annotation, Release("1.2")).State.ShouldBe(KeyState.Current);
        registry.StatusIn("sidecar.istio.io/proxyImageType", KeyKind.Annotation, Release("1.12")).State.ShouldBe(KeyState.NotYetAdded);
        registry.StatusIn("sidecar.istio.io/controlPlaneAuthPolicy", KeyKind.Annotation, Release("1.23")).State.ShouldBe(KeyState.Current);
        registry.Removed.ShouldHaveSingleItem().Value.ShouldBe(MeshLint.Registry.ValueType.AnyString);
    }
}
