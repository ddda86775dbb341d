using MeshLint.Configuration;
using MeshLint.Input;
using MeshLint.Registry;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Registry;

public sealed class KeyRegistryTests
{
    private static readonly KeyRegistry Registry = KeyRegistry.BuiltIn;

    private static string ReferenceFolder => Path.Combine(FixturePaths.RepositoryRoot, "..", "shared", "reference");

    public static TheoryData<string> RegistryFiles() =>
        new(KeyRegistry.ResourceNames());

    [Theory]
    [MemberData(nameof(RegistryFiles))]
    public void Each_registry_file_matches_the_schema(string resource)
    {
        var text = MeshLint.Input.RuleData.Read(resource);
        var (root, errors) = new YamlSchemaValidator("rules/schemas/registry.schema.json").Read(resource, text);

        errors.Select(error => $"{error.At.Line}: {error.Message}").ShouldBeEmpty();
        root.ShouldNotBeNull();
    }

    [Fact]
    public void The_schema_rejects_an_unknown_value_type()
    {
        const string yaml = """
            kind: annotation
            source: { repository: istio/api, commit: b8f8791d9653b2edc77a071d48887e582cfe84bf }
            keys:
              - name: sidecar.istio.io/proxyCPU
                appliesTo: [Pod]
                description: CPU request of the proxy container.
                value: { type: cpu }
            """;

        var (_, errors) = new YamlSchemaValidator("rules/schemas/registry.schema.json").Read("bad.yaml", yaml);

        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void All_three_files_are_embedded()
    {
        KeyRegistry.ResourceNames().ShouldBe(
        [
            "rules/registry/istio-annotations.yaml",
            "rules/registry/istio-labels.yaml",
            "rules/registry/vault-annotations.yaml",
        ]);
    }

    [Fact]
    public void Istio_registry_counts_match_istio_api_at_b8f8791d()
    {
        var annotations = IstioRegistered(KeyKind.Annotation);
        var labels = IstioRegistered(KeyKind.Label);

        annotations.Count.ShouldBe(68);
        annotations.Count(entry => entry.AppliesTo.SequenceEqual(["Pod"])).ShouldBe(49);
        annotations.Count(entry => entry.AppliesTo.Contains("Pod")).ShouldBe(49);
        annotations.Count(entry => entry.Deprecated).ShouldBe(10);
        annotations.Count(entry => entry.Hidden).ShouldBe(13);
        labels.Count.ShouldBe(26);
        labels.Count(entry => entry.AppliesTo.Contains("Pod")).ShouldBe(12);
        labels.Count(entry => entry.Deprecated).ShouldBe(1);
    }

    [SkippableTheory]
    [InlineData("istio-annotations.tsv")]
    [InlineData("istio-labels.tsv")]
    public void Istio_keys_agree_with_the_reference_table(string table)
    {
        var kind = table.Contains("labels", StringComparison.Ordinal) ? KeyKind.Label : KeyKind.Annotation;
        var path = Path.Combine(ReferenceFolder, table);
        Skip.IfNot(File.Exists(path), $"reference table {path} is not present");

        var rows = File.ReadAllLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split('\t')).ToList();
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var entry = Registry.Find(row[0], kind);
            if (entry is null || !entry.Registered)
            {
                mismatches.Add($"{row[0]}: not in the registry");
                continue;
            }

            var status = row[2].Split('(')[0];
            var actual = (string.Join(",", entry.AppliesTo), entry.FeatureStatus?.ToString(), Bool(entry.Deprecated), Bool(entry.Hidden));
            var expected = (row[1], status, row[3], row[4]);
            if (actual != expected)
            {
                mismatches.Add($"{row[0]}: {actual} but the table says {expected}");
            }
        }

        mismatches.ShouldBeEmpty();
        IstioRegistered(kind).Count.ShouldBe(rows.Count);
    }

    [Theory]
    [InlineData("vault.hashicorp.com/agent-inject-secret-db", "vault.hashicorp.com/agent-inject-secret-")]
    [InlineData("vault.hashicorp.com/agent-inject-template-db", "vault.hashicorp.com/agent-inject-template-")]
    [InlineData("vault.hashicorp.com/agent-inject-template-file-db", "vault.hashicorp.com/agent-inject-template-file-")]
    [InlineData("vault.hashicorp.com/agent-inject-file-db", "vault.hashicorp.com/agent-inject-file-")]
    [InlineData("vault.hashicorp.com/agent-inject-perms-db", "vault.hashicorp.com/agent-inject-perms-")]
    [InlineData("vault.hashicorp.com/agent-inject-command-db", "vault.hashicorp.com/agent-inject-command-")]
    [InlineData("vault.hashicorp.com/error-on-missing-key-db", "vault.hashicorp.com/error-on-missing-key-")]
    [InlineData("vault.hashicorp.com/auth-config-role-id", "vault.hashicorp.com/auth-config-")]
    public void Vault_per_secret_keys_match_their_prefix(string key, string prefix)
    {
        var entry = Registry.Find(key, KeyKind.Annotation).ShouldNotBeNull();

        entry.IsPrefix.ShouldBeTrue();
        entry.Name.ShouldBe(prefix);
        entry.AppliesTo.ShouldBe(["Pod"]);
    }

    [Theory]
    [InlineData("vault.hashicorp.com/agent-inject-secrets-db")]
    [InlineData("vault.hashicorp.com/agent-inject-secret-")]
    [InlineData("vault.hashicorp.com/agent-inject-secret")]
    [InlineData("vault.hashicorp.com/Agent-inject-secret-db")]
    [InlineData("vault.hashicorp.com/agent-injects")]
    public void Near_misses_of_vault_keys_are_unknown(string key)
    {
        Registry.Find(key, KeyKind.Annotation).ShouldBeNull();
    }

    [Fact]
    public void An_exact_vault_key_wins_over_a_prefix()
    {
        var entry = Registry.Find("vault.hashicorp.com/secret-volume-path", KeyKind.Annotation).ShouldNotBeNull();

        entry.IsPrefix.ShouldBeFalse();
        Registry.Find("vault.hashicorp.com/secret-volume-path-db", KeyKind.Annotation).ShouldNotBeNull().IsPrefix.ShouldBeTrue();
    }

    [Fact]
    public void Annotations_and_labels_are_separate()
    {
        Registry.Find("istio-injection", KeyKind.Label).ShouldNotBeNull().AppliesTo.ShouldBe(["Namespace"]);
        Registry.Find("istio-injection", KeyKind.Annotation).ShouldBeNull();
        Registry.Find("vault.hashicorp.com/agent-inject", KeyKind.Label).ShouldBeNull();
    }

    [Fact]
    public void A_deprecated_annotation_names_the_label_that_replaced_it()
    {
        var entry = Registry.Find("sidecar.istio.io/inject", KeyKind.Annotation).ShouldNotBeNull();

        entry.Deprecated.ShouldBeTrue();
        entry.Replacement.ShouldBe(new KeyReplacement("sidecar.istio.io/inject", KeyKind.Label));
        Registry.Find("sidecar.istio.io/inject", KeyKind.Label).ShouldNotBeNull().Deprecated.ShouldBeFalse();
    }

    [Fact]
    public void Value_types_carry_their_parameters()
    {
        var include = Registry.Find("traffic.sidecar.istio.io/includeInboundPorts", KeyKind.Annotation).ShouldNotBeNull();
        include.Value.Name.ShouldBe("port-list");
        include.Value.Flag("allowWildcard").ShouldBeTrue();
        include.RejectedByInjector.ShouldBeTrue();

        var mode = Registry.Find("sidecar.istio.io/interceptionMode", KeyKind.Annotation).ShouldNotBeNull().Value;
        mode.Name.ShouldBe("enum");
        mode.Words("values").ShouldBe(["REDIRECT", "TPROXY", "NONE"]);
        mode.Flag("caseSensitive").ShouldBeTrue();

        var weight = Registry.Find("istio.io/use-waypoint-canary-weight", KeyKind.Annotation).ShouldNotBeNull().Value;
        (weight.Name, weight.Number("min"), weight.Number("max")).ShouldBe(("integer", 0L, 100L));

        var envoyLevel = Registry.Find("sidecar.istio.io/logLevel", KeyKind.Annotation).ShouldNotBeNull().Value;
        envoyLevel.Words("levels").ShouldContain("off");
        // pilot-agent splits "info,misc:error" into Envoy's level and component levels (pkg/envoy splitComponentLog).
        envoyLevel.Text("component").ShouldBe("allowed");
    }

    [Fact]
    public void Include_outbound_ports_is_not_checked_by_the_injector()
    {
        // validate.go has validators for the other five port and range annotations, not this one.
        Registry.Find("traffic.sidecar.istio.io/includeOutboundPorts", KeyKind.Annotation).ShouldNotBeNull().RejectedByInjector.ShouldBeFalse();
    }

    [Fact]
    public void Keys_istio_writes_are_marked()
    {
        Registry.Find("sidecar.istio.io/status", KeyKind.Annotation).ShouldNotBeNull().WrittenByIstio.ShouldBeTrue();
        Registry.Find("security.istio.io/tlsMode", KeyKind.Label).ShouldNotBeNull().WrittenByIstio.ShouldBeTrue();
        Registry.Find("sidecar.istio.io/proxyCPU", KeyKind.Annotation).ShouldNotBeNull().WrittenByIstio.ShouldBeFalse();
        Registry.Find("vault.hashicorp.com/agent-inject-status", KeyKind.Annotation).ShouldNotBeNull().WrittenByVault.ShouldBeTrue();
    }

    [Fact]
    public void Unregistered_keys_say_where_istio_reads_them()
    {
        var unregistered = Registry.Entries.Where(entry => !entry.Registered).ToList();

        unregistered.ShouldNotBeEmpty();
        unregistered.ShouldAllBe(entry => entry.ReadBy.Count > 0);
        var capNetBind = Registry.Find("sidecar.istio.io/capNetBindService", KeyKind.Annotation).ShouldNotBeNull();
        capNetBind.Registered.ShouldBeFalse();
        capNetBind.ReadBy.ShouldBe(["manifests/charts/istio-control/istio-discovery/files/injection-template.yaml"]);
    }

    [Fact]
    public void Any_applies_to_every_kind()
    {
        var suppress = Registry.Find("galley.istio.io/analyze-suppress", KeyKind.Annotation).ShouldNotBeNull();
        suppress.AppliesToKind("Deployment").ShouldBeTrue();

        var exportTo = Registry.Find("networking.istio.io/exportTo", KeyKind.Annotation).ShouldNotBeNull();
        exportTo.AppliesToKind("Service").ShouldBeTrue();
        exportTo.AppliesToKind("Pod").ShouldBeFalse();
    }

    [Fact]
    public void A_key_listed_twice_is_a_defect()
    {
        const string yaml = """
            kind: label
            keys:
              - { name: app, appliesTo: [Pod], description: a, value: { type: string } }
              - { name: app, appliesTo: [Pod], description: b, value: { type: string } }
            """;

        Should.Throw<InvalidDataException>(() => new KeyRegistry(KeyRegistryReader.Read("twice.yaml", yaml)));
    }

    private static List<KeyEntry> IstioRegistered(KeyKind kind) =>
        Registry.Entries.Where(entry => entry.Kind == kind && entry.Registered && entry.Source.Contains("/istio-", StringComparison.Ordinal)).ToList();

    private static string Bool(bool value) => value ? "true" : "false";
}
