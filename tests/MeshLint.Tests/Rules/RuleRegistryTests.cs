using System.Text.RegularExpressions;
using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Rules;

/// <summary>The rule data in rules/ and the code that carries it out match one to one, and the docs follow one shape.</summary>
public sealed partial class RuleRegistryTests
{
    private static readonly string[] DocSections = ["What it does", "Why is this bad?", "Example", "Use instead", "How to fix", "References"];

    private static string RulesData => Path.Combine(FixturePaths.RepositoryRoot, "rules");

    [Fact]
    public void Every_rule_has_one_implementation_and_uses_exactly_its_message_keys()
    {
        BuiltInRules.Problems(RuleCatalog.BuiltIn, BuiltInRules.Coded()).ShouldBeEmpty();
    }

    /// <summary>
    /// The build writes a coded rule's message keys from its YAML, so the registry cannot see a key
    /// nothing reports: the rule's own source must use each of its <c>Messages</c> constants.
    /// </summary>
    [Fact]
    public void Every_coded_rule_reports_each_message_its_data_defines()
    {
        var coded = BuiltInRules.Coded().Cast<ICodedRule>().Concat(BuiltInRules.Engine).ToList();
        coded.Count.ShouldBe(RuleCatalog.BuiltIn.Rules.Count(rule => rule.Check is null));
        foreach (var rule in coded)
        {
            var type = rule.GetType();
            var source = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "src", "MeshLint.Core", "Rules", "BuiltIn", type.Name + ".cs"));
            var keys = type.GetNestedType("Messages")!.GetFields().Select(field => field.Name).ToList();
            keys.Count.ShouldBe(RuleCatalog.BuiltIn[rule.Id].Messages.Count, rule.Id);
            keys.Where(key => !source.Contains("Messages." + key, StringComparison.Ordinal)).ShouldBeEmpty($"{rule.Id} ({type.Name}.cs) never reports these messages of rules/{rule.Id}.yaml");
        }
    }

    [Fact]
    public void The_registry_names_a_rule_without_implementation_a_class_without_rule_and_a_key_mismatch()
    {
        var withoutMesh003 = RuleCatalog.BuiltIn.Rules.Where(rule => rule.Id != "MESH003");
        var unimplemented = Rule("""
            id: MESH099
            name: not-implemented
            level: note
            summary: nothing carries this out
            reads: [pod-template]
            messages:
              default: "x"
            """);
        var catalog = new RuleCatalog([.. withoutMesh003, unimplemented]);

        BuiltInRules.Problems(catalog, [.. BuiltInRules.Coded(), new ReadsEverything("MESH001", ["missing", "invalid-config", "missing-managed", "misssing"])]).ShouldBe([
            "MESH003 is implemented by AnnotationJsonMalformed but has no rules/MESH003.yaml",
            "MESH001 is implemented twice: by ProxyStartHoldMissing and ReadsEverything",
            "MESH001 reports message 'misssing', which its messages lack",
            "MESH099 has no implementation: no class, no check and not reported by the engine",
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_message_key_the_data_has_and_nothing_reports_is_named()
    {
        var mesh003 = RuleCatalog.BuiltIn["MESH003"];
        var catalog = new RuleCatalog(RuleCatalog.BuiltIn.Rules.Select(rule => rule.Id == "MESH003"
            ? rule with { Messages = new Dictionary<string, RuleMessage>(mesh003.Messages) { ["stale"] = new("x") } }
            : rule));

        BuiltInRules.Problems(catalog, BuiltInRules.Coded()).ShouldBe(["MESH003 has message 'stale', which nothing reports"]);
        Should.Throw<InvalidDataException>(() => BuiltInRules.For(catalog)).Message.ShouldContain("MESH003 has message 'stale'");
    }

    [Fact]
    public void Every_rule_id_written_in_the_source_is_in_the_data()
    {
        var source = Path.Combine(FixturePaths.RepositoryRoot, "src");
        var written = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => RuleId().Matches(File.ReadAllText(file)).Select(match => (Id: match.Value, File: Path.GetRelativePath(source, file))))
            .ToList();

        written.Select(item => item.Id).ShouldContain("MESH000", "the scan finds the engine's literals");
        written.Where(item => RuleCatalog.BuiltIn.Find(item.Id) is null).Select(item => $"{item.File}: {item.Id}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_rule_has_a_doc_and_every_doc_a_rule()
    {
        var docs = Directory.GetFiles(Path.Combine(RulesData, "docs"), "MESH*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        var data = Directory.GetFiles(RulesData, "MESH*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        docs.ShouldBe(data);
        RuleCatalog.BuiltIn.Rules.Select(rule => rule.Id).ShouldBe(data!);
    }

    public static TheoryData<string> RuleIds() => new(RuleCatalog.BuiltIn.Rules.Select(rule => rule.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_doc_has_the_title_and_the_fixed_sections_in_order(string id)
    {
        var rule = RuleCatalog.BuiltIn[id];
        var lines = File.ReadAllLines(Path.Combine(RulesData, "docs", id + ".md"));

        lines[0].ShouldBe($"# {rule.Id}: {rule.Name}");
        var inFence = false;
        var sections = new List<string>();
        foreach (var line in lines)
        {
            // A "## " inside a fenced example is YAML or shell, not a section.
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add(line[3..].Trim());
            }
        }

        string.Join(" / ", sections).ShouldBe(string.Join(" / ", DocSections), $"rules/docs/{id}.md has the sections of rules/docs/README.md, in order");
    }

    [Fact]
    public void The_fixed_sections_are_the_ones_the_docs_readme_names()
    {
        var readme = File.ReadAllText(Path.Combine(RulesData, "docs", "README.md"));

        readme.ShouldContain(string.Join(", ", DocSections.Select(section => $"*{section}*")));
    }

    [Fact]
    public void Schema_rules_read_exactly_their_targets()
    {
        foreach (var rule in RuleCatalog.BuiltIn.Rules.Where(rule => rule.Check is not null))
        {
            rule.Reads.SetEquals(RuleInputs.Of(rule.Check!)).ShouldBeTrue(rule.Id);
        }
    }

    [Fact]
    public void A_read_the_data_does_not_know_fails_at_load()
    {
        Should.Throw<InvalidDataException>(() => Rule("""
            id: MESH099
            name: typo
            level: note
            summary: s
            reads: [pod-templat]
            messages: {default: x}
            """)).Message.ShouldContain("unknown read 'pod-templat'");
    }

    [Fact]
    public void A_check_whose_reads_differ_from_its_targets_fails_at_load()
    {
        Should.Throw<InvalidDataException>(() => Rule("""
            id: MESH099
            name: reads-too-much
            level: note
            summary: s
            reads: [pod-template-metadata, namespace]
            check:
              target: pod-template-metadata
              require: {type: object}
            messages: {default: x}
            """)).Message.ShouldContain("reads must be what the check reads: [pod-template-metadata]");
    }

    [Fact]
    public void A_rule_sees_only_what_it_declares_it_reads()
    {
        var check = CheckOf(Manifests.VaultDeployment);
        var podOnly = Rule("""
            id: MESH099
            name: pod-only
            level: note
            summary: s
            reads: [pod-template]
            messages: {default: x}
            """);
        var view = check.For(podOnly, ["default"]);

        view.Pod.ShouldNotBeNull();
        view.ProxyConfig.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => view.Injection).Message.ShouldBe("rule MESH099 reads Injection, but rules/MESH099.yaml does not declare 'namespace' in reads");
        Should.Throw<InvalidOperationException>(() => view.Mesh).Message.ShouldContain("'mesh-config'");
        Should.Throw<InvalidOperationException>(() => view.MeshConfigObject).Message.ShouldContain("'istio-operator'");
        Should.Throw<InvalidOperationException>(() => view.Targets(CheckTarget.WorkloadMetadata).ToList()).Message.ShouldContain("'workload-metadata'");
        view.Targets(CheckTarget.PodTemplateMetadata).ShouldHaveSingleItem();
        check.Injection.Injected.ShouldBeTrue("the engine's own check sees everything");
    }

    [Fact]
    public void A_rule_reports_only_its_own_declared_messages_and_levels()
    {
        var findings = new List<Finding>();
        var check = CheckOf(Manifests.VaultDeployment, findings);
        var view = check.For(RuleCatalog.BuiltIn["MESH004"], ["annotation"]);
        var at = check.Object.Root.Span;

        Should.Throw<InvalidOperationException>(() => view.Report("MESH004", "mesh-default", at, "a", [])).Message.ShouldContain("'mesh-default'");
        Should.Throw<InvalidOperationException>(() => view.Report("MESH003", "default", at, "a", [])).Message.ShouldContain("MESH003");
        Should.Throw<InvalidOperationException>(() => view.Report("MESH004", "annotation", at, "a", [], Level.Note)).Message.ShouldContain("lowerLevels");
        view.Report("MESH004", "annotation", at, "a", [], Level.Warning);

        findings.ShouldHaveSingleItem().Level.ShouldBe(Level.Warning);
    }

    private static ObjectCheck CheckOf(string yaml, List<Finding>? sink = null)
    {
        var document = new YamlDocumentReader(yaml).Documents().First();
        var obj = ObjectReader.Objects("input.yaml", document).First();
        var catalog = RuleCatalog.BuiltIn;
        return new ObjectCheck(obj, MeshContext.Empty, catalog, id => catalog.Find(id)?.DefaultLevel, sink ?? []);
    }

    private static RuleDescriptor Rule(string yaml) => RuleDefinitionReader.Read("test.yaml", yaml, string.Empty);

    [GeneratedRegex(@"\bMESH\d{3}\b")]
    private static partial Regex RuleId();

    private sealed class ReadsEverything(string id, IReadOnlyList<string> keys) : IObjectRule
    {
        public string Id => id;

        public IReadOnlyList<string> MessageKeys => keys;

        public void Check(ObjectCheck check)
        {
        }
    }
}
