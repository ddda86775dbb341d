using System.Collections.Concurrent;

namespace MeshLint.Mesh;

/// <summary>The mesh-wide settings a control plane can decide.</summary>
internal enum MeshWideSetting
{
    Hold,
    NativeSidecars,
    OutboundExclusion,
    Cni,
}

/// <summary>
/// A scanned object that sets mesh-wide settings for the pods of one revision: an IstioOperator,
/// istiod values, the istio ConfigMap, or (for every revision) the istio-cni-node DaemonSet.
/// <see cref="Settings"/> holds each setting it decides, null where it leaves it unset: the nearest
/// control plane that leaves the hold unset means no hold.
/// </summary>
/// <param name="What">What it is, for messages: <c>IstioOperator istio-system/canary</c>.</param>
/// <param name="Revision">Its revision (<c>default</c> when it names none); null for every revision.</param>
internal sealed record ControlPlane(string What, string? Revision, string Path, string Source, IReadOnlyDictionary<MeshWideSetting, MeshSetting?> Settings)
{
    public const string DefaultRevision = "default";

    public static string Normalized(string? revision) => revision is { Length: > 0 } named ? named : DefaultRevision;
}

/// <summary>Where a namespace's facts or a setting came from, and which other sources were as near.</summary>
internal sealed record ChosenSettings(
    MeshSetting? Hold,
    MeshSetting? NativeSidecars,
    MeshSetting? OutboundExclusion,
    MeshSetting? Cni,
    IReadOnlyDictionary<MeshWideSetting, IReadOnlyList<ControlPlane>> Nearest)
{
    /// <summary>For a message: the nearest control planes that decide <paramref name="setting"/> and do not all set it, or null.</summary>
    public string? LeftUnset(MeshWideSetting setting) =>
        Nearest.TryGetValue(setting, out var planes) && planes.Any(plane => plane.Settings[setting] is null)
            ? string.Join(" and ", planes.Where(plane => plane.Settings[setting] is null).Select(plane => $"{plane.What} at {plane.Source}"))
            : null;
}

/// <summary>Every Namespace and control plane of a scan with the file it is in; <see cref="For"/> gives a file its view.</summary>
internal sealed class MeshSources
{
    private readonly IReadOnlyList<NamespaceFacts> namespaces;
    private readonly IReadOnlyList<ControlPlane> controlPlanes;
    private readonly IReadOnlyList<(string Name, List<NamespaceFacts> SameName)> byName;
    private readonly ConcurrentDictionary<string, MeshContext> byFolder = new(StringComparer.Ordinal);

    public MeshSources(IReadOnlyList<NamespaceFacts> namespaces, IReadOnlyList<ControlPlane> controlPlanes, MeshAssumptions? assumptions = null)
    {
        this.namespaces = namespaces;
        this.controlPlanes = controlPlanes;
        byName = namespaces.GroupBy(facts => facts.Name, StringComparer.Ordinal).Select(group => (group.Key, group.ToList())).ToList();
        Assumptions = assumptions ?? MeshAssumptions.Default;
    }

    public static MeshSources None { get; } = new([], []);

    public MeshAssumptions Assumptions { get; }

    public IReadOnlyList<NamespaceFacts> AllNamespaces => namespaces;

    public IReadOnlyList<ControlPlane> ControlPlanes => controlPlanes;

    public MeshSources With(MeshAssumptions assumptions) => new(namespaces, controlPlanes, assumptions);

    /// <summary>
    /// The context a workload file is linted with. Computed once per folder: every file of a folder
    /// has the same nearest sources.
    /// </summary>
    public MeshContext For(string path) => byFolder.GetOrAdd(FolderOf(path), Resolve);

    /// <summary>The folder of a report path (forward slashes), or empty for a file at the top.</summary>
    public static string FolderOf(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : string.Empty;

    /// <summary>
    /// How near a source is to a workload: the number of leading folder names their folders share.
    /// A higher number is nearer; two sources with the same number are as near.
    /// </summary>
    public static int Nearness(string workloadFolder, string sourcePath)
    {
        var sourceFolder = FolderOf(sourcePath);
        var shared = 0;
        var at = 0;
        while (true)
        {
            var a = NextPart(workloadFolder, at);
            var b = NextPart(sourceFolder, at);
            if (a.Length == 0 || !a.SequenceEqual(b))
            {
                return shared;
            }

            shared++;
            at += a.Length + 1;
        }
    }

    /// <summary>
    /// Whether sources as near as <paramref name="best"/> are a tie, resolved safely. Sources that share
    /// with the workload no folder, or only the top one, are not: the top folder is the repository
    /// itself in a scan of several repositories (<c>istio__istio/</c>), or a top-level folder such as
    /// <c>tests/</c> of one, and a Namespace in its test data says nothing about a workload in its samples.
    /// Among them the first in path order decides, as it did before sources had a distance. Sources in
    /// the workload's own folder always tie.
    /// </summary>
    public static bool IsTie(string workloadFolder, int best, IEnumerable<string> nearestPaths) =>
        best >= 2 || nearestPaths.All(path => FolderOf(path) == workloadFolder);

    private static ReadOnlySpan<char> NextPart(string folder, int at)
    {
        if (at >= folder.Length)
        {
            return [];
        }

        var rest = folder.AsSpan(at);
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    private MeshContext Resolve(string folder)
    {
        var resolved = new Dictionary<string, NamespaceFacts>(byName.Count, StringComparer.Ordinal);
        foreach (var (name, sameName) in byName)
        {
            resolved[name] = NearestNamespace(folder, sameName);
        }

        return new MeshContext(resolved, new ControlPlaneChoice(folder, controlPlanes), ControlPlane.DefaultRevision, Assumptions);
    }

    /// <summary>
    /// The nearest Namespace of a name decides all its labels. Where several are as near and disagree,
    /// the namespace counts as injecting if any of them injects, and its source names them all.
    /// </summary>
    private static NamespaceFacts NearestNamespace(string folder, List<NamespaceFacts> sameName)
    {
        if (sameName.Count == 1)
        {
            return sameName[0];
        }

        var best = sameName.Max(facts => Nearness(folder, facts.Source));
        var nearest = sameName.Where(facts => Nearness(folder, facts.Source) == best).ToList();
        if (!IsTie(folder, best, nearest.Select(facts => facts.Source)))
        {
            return nearest[0];
        }

        var chosen = nearest.FirstOrDefault(facts => facts.Injects) ?? nearest[0];
        var disagree = nearest.Any(facts => facts.InjectionLabel != chosen.InjectionLabel || facts.RevisionLabel != chosen.RevisionLabel);
        return disagree
            ? chosen with { Source = $"{chosen.Source} (as near as {string.Join(", ", nearest.Where(facts => facts != chosen).Select(facts => facts.Source))}, which disagree; the injecting one counts)" }
            : chosen;
    }
}

/// <summary>
/// Chooses, for one folder, the mesh-wide settings of each revision: the control planes of the
/// pod's revision first, then the nearest among them. Where several are as near, a setting covers
/// only if all of them set it.
/// </summary>
internal sealed class ControlPlaneChoice(string folder, IReadOnlyList<ControlPlane> controlPlanes)
{
    public ChosenSettings For(string revision)
    {
        var own = controlPlanes.Where(plane => plane.Revision is null || ControlPlane.Normalized(plane.Revision) == revision).ToList();
        var nearest = new Dictionary<MeshWideSetting, IReadOnlyList<ControlPlane>>();
        MeshSetting? Choose(MeshWideSetting setting)
        {
            var deciding = own.Where(plane => plane.Settings.ContainsKey(setting)).ToList();
            if (deciding.Count == 0)
            {
                return null;
            }

            var best = deciding.Max(plane => MeshSources.Nearness(folder, plane.Path));
            var tied = deciding.Where(plane => MeshSources.Nearness(folder, plane.Path) == best).ToList();
            if (!MeshSources.IsTie(folder, best, tied.Select(plane => plane.Path)))
            {
                // As for Namespaces: with no folder in common below the top one, the first that sets it in path order covers, as before.
                tied = [tied.FirstOrDefault(plane => plane.Settings[setting] is not null) ?? tied[0]];
            }

            nearest[setting] = tied;
            var set = tied.Select(plane => plane.Settings[setting]).ToList();
            if (set.Any(value => value is null))
            {
                return null;
            }

            return set.Count == 1
                ? set[0]
                : new MeshSetting(string.Join(" and ", set.Select(value => value!.Setting).Distinct(StringComparer.Ordinal)), string.Join(" and ", set.Select(value => value!.Source)));
        }

        return new ChosenSettings(Choose(MeshWideSetting.Hold), Choose(MeshWideSetting.NativeSidecars), Choose(MeshWideSetting.OutboundExclusion), Choose(MeshWideSetting.Cni), nearest);
    }
}
