using MeshLint.Rules.BuiltIn;

namespace MeshLint.Rules;

/// <summary>
/// The registry: how each rule of the catalog is carried out. A rule is coded (a class here), a
/// schema (its <c>check:</c> in the data), or reported by the engine itself; <see cref="For"/>
/// refuses a catalog where a rule has no implementation, an implementation has no rule, or a
/// message key is used that the data lacks or written that nothing uses.
/// </summary>
internal static partial class BuiltInRules
{
    /// <summary>The rules the engine reports outside any object rule (MESH000 and MESH008).</summary>
    public static IReadOnlyList<IEngineRule> Engine { get; } = EveryCodedRule().OfType<IEngineRule>().ToList();

    /// <summary>The rules written in C#, one class each, named after the rule (<c>job-sidecar-never-exits</c>: JobSidecarNeverExits).</summary>
    public static IReadOnlyList<IObjectRule> Coded() => EveryCodedRule().OfType<IObjectRule>().ToList();

    /// <summary>Every object rule of <paramref name="catalog"/>, each seeing only what its data declares it reads.</summary>
    public static IReadOnlyList<IObjectRule> For(RuleCatalog catalog)
    {
        var coded = Coded();
        if (Problems(catalog, coded) is { Count: > 0 } problems)
        {
            throw new InvalidDataException("the rule registry does not match rules/: " + string.Join("; ", problems));
        }

        var declarative = catalog.Rules.Where(rule => rule.Check is not null).Select(rule => (IObjectRule)new SchemaRule(rule));
        return coded.Concat(declarative)
            .Select(rule => (IObjectRule)new DeclaredRule(rule, catalog[rule.Id]))
            .OrderBy(rule => rule.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where the catalog and the implementations disagree, one sentence each; empty when they match.</summary>
    public static IReadOnlyList<string> Problems(RuleCatalog catalog, IReadOnlyList<IObjectRule> coded)
    {
        var problems = new List<string>();
        var implementations = new Dictionary<string, List<(string What, IReadOnlyList<string> Keys)>>(StringComparer.Ordinal);
        void Add(string id, string what, IReadOnlyList<string> keys)
        {
            if (!implementations.TryGetValue(id, out var list))
            {
                implementations[id] = list = [];
            }

            list.Add((what, keys));
        }

        foreach (var rule in coded)
        {
            Add(rule.Id, rule.GetType().Name, rule.MessageKeys);
        }

        foreach (var rule in Engine)
        {
            Add(rule.Id, $"{rule.GetType().Name} ({rule.ReportedBy})", rule.MessageKeys);
        }

        // The build writes half of each coded rule's class from its YAML; a rule whose own half is missing has no logic.
        foreach (var rule in EveryCodedRule().Where(rule => rule is not IObjectRule and not IEngineRule))
        {
            problems.Add($"{rule.Id} has no check: in rules/{rule.Id}.yaml and no logic: add Rules/BuiltIn/{rule.GetType().Name}.cs with a Check method (IObjectRule)");
        }

        foreach (var rule in catalog.Rules.Where(rule => rule.Check is not null))
        {
            Add(rule.Id, "its check", [rule.Check!.MessageKey]);
        }

        foreach (var (id, list) in implementations.Where(pair => catalog.Find(pair.Key) is null))
        {
            problems.Add($"{id} is implemented by {string.Join(" and ", list.Select(item => item.What))} but has no rules/{id}.yaml");
        }

        foreach (var rule in catalog.Rules)
        {
            if (!implementations.TryGetValue(rule.Id, out var list))
            {
                problems.Add($"{rule.Id} has no implementation: no class, no check and not reported by the engine");
                continue;
            }

            if (list.Count > 1)
            {
                problems.Add($"{rule.Id} is implemented twice: by {string.Join(" and ", list.Select(item => item.What))}");
            }

            var used = list.SelectMany(item => item.Keys).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(used.Where(key => !rule.Messages.ContainsKey(key)).Order(StringComparer.Ordinal)
                .Select(key => $"{rule.Id} reports message '{key}', which its messages lack"));
            problems.AddRange(rule.Messages.Keys.Where(key => !used.Contains(key)).Order(StringComparer.Ordinal)
                .Select(key => $"{rule.Id} has message '{key}', which nothing reports"));
        }

        return problems;
    }

    /// <summary>A rule run with the view of the object that its data allows.</summary>
    private sealed class DeclaredRule(IObjectRule rule, RuleDescriptor descriptor) : IIstioReleaseRule
    {
        private readonly ObjectCheck.Scope scope = ObjectCheck.ScopeOf(descriptor, rule.MessageKeys);

        public string Id => rule.Id;

        public IReadOnlyList<string> MessageKeys => rule.MessageKeys;

        public void Check(ObjectCheck check) => rule.Check(check.For(scope));

        /// <summary>Passes the release on to a rule that judges by it; any other rule ignores it.</summary>
        public void Check(ObjectCheck check, Registry.MinorRelease? istio)
        {
            if (rule is IIstioReleaseRule byRelease)
            {
                byRelease.Check(check.For(scope), istio);
            }
            else
            {
                rule.Check(check.For(scope));
            }
        }
    }
}
