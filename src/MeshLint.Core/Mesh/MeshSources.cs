using System.Collections.Concurrent;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>The mesh-wide settings a control plane can decide.</summary>
internal enum MeshWideSetting
{
    Hold,
    NativeSidecars,
    OutboundExclusion,
    Cni,
    Drain,
    ExitOnZero,

    /// <summary>The Istio release the control plane runs (its tag, chart version or revision name), as <see cref="MeshSetting.Value"/> <c>1.27</c>.</summary>
    IstioRelease,

    /// <summary>
    /// The Helm <c>compatibilityVersion</c> (IstioOperator <c>spec.compatibilityVersion</c>): from Istio 1.27,
    /// 1.26 or lower restores ENABLE_NATIVE_SIDECARS: "false" (istio/istio@1.27.0 manifests/helm-profiles/compatibility-version-1.26.yaml).
    /// </summary>
    CompatibilityVersion,
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

    /// <summary>The folder of <see cref="Path"/>, kept: every workload folder measures its distance to it.</summary>
    public string Folder { get; } = MeshSources.FolderOf(Path);

    /// <summary>The test data folder it is in, whose workloads alone it gives context to; null outside test data.</summary>
    public string? TestRoot { get; init; }
}

/// <summary>Where a namespace's facts or a setting came from, and which other sources were as near.</summary>
internal sealed record ChosenSettings(
    MeshSetting? Hold,
    MeshSetting? NativeSidecars,
    MeshSetting? OutboundExclusion,
    MeshSetting? Cni,
    MeshSetting? Drain,
    MeshSetting? ExitOnZero,
    MeshSetting? IstioRelease,
    MeshSetting? CompatibilityVersion,
    IReadOnlyDictionary<MeshWideSetting, IReadOnlyList<ControlPlane>> Nearest)
{
    /// <summary>For a message: the nearest control planes that decide <paramref name="setting"/> and do not all set it, or null.</summary>
    public string? LeftUnset(MeshWideSetting setting) =>
        Nearest.TryGetValue(setting, out var planes) && planes.Any(plane => plane.Settings[setting] is null)
            ? SourceList.Join(" and ", planes.Where(plane => plane.Settings[setting] is null).Select(plane => $"{plane.What} at {plane.Source}"))
            : null;
}

/// <summary>Every Namespace and control plane of a scan with the file it is in; <see cref="For"/> gives a file its view.</summary>
internal sealed class MeshSources
{
    private readonly IReadOnlyList<NamespaceFacts> namespaces;
    private readonly IReadOnlyList<ControlPlane> controlPlanes;
    private readonly IReadOnlyList<(string Name, List<NamespaceFacts> SameName)> byName;
    private readonly ConcurrentDictionary<string, SameTop> byTop = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MeshContext> byFolder = new(StringComparer.Ordinal);

    private readonly ContextPlacement placement;

    public MeshSources(IReadOnlyList<NamespaceFacts> namespaces, IReadOnlyList<ControlPlane> controlPlanes, MeshAssumptions? assumptions = null, IReadOnlyDictionary<string, IReadOnlyList<ServiceFacts>>? services = null, ContextPlacement? placement = null)
    {
        this.placement = placement ?? ContextPlacement.None;
        Services = services ?? new Dictionary<string, IReadOnlyList<ServiceFacts>>();
        this.namespaces = namespaces;
        this.controlPlanes = controlPlanes;
        byName = namespaces.GroupBy(facts => facts.Name, StringComparer.Ordinal).Select(group => (group.Key, group.ToList())).ToList();
        Assumptions = assumptions ?? MeshAssumptions.Default;
    }

    public static MeshSources None { get; } = new([], []);

    /// <summary>
    /// The first sign, in path order and outside test data, that Istio is in use in the scan: what
    /// <c>mesh.assumeInjection: auto</c> needs to assume injection in a namespace no file defines.
    /// </summary>
    public string? IstioEvidence { get; init; }

    public MeshAssumptions Assumptions { get; }

    public IReadOnlyList<NamespaceFacts> AllNamespaces => namespaces;

    public IReadOnlyList<ControlPlane> ControlPlanes => controlPlanes;

    /// <summary>The scanned Services that select pods and name a targetPort, by namespace, in path order: a Service routes within its namespace wherever its file is.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ServiceFacts>> Services { get; }

    /// <summary>The same sources with <paramref name="evidence"/> as the sign that Istio is in use.</summary>
    public MeshSources WithEvidence(string? evidence) => new(namespaces, controlPlanes, Assumptions, Services, placement) { IstioEvidence = evidence };

    public MeshSources With(MeshAssumptions assumptions) => new(namespaces, controlPlanes, assumptions, Services, placement) { IstioEvidence = IstioEvidence };

    /// <summary>
    /// The context a workload file (by its report path) is linted with. Computed once per folder:
    /// every file of a folder has the same nearest sources.
    /// </summary>
    public MeshContext For(string path) => byFolder.GetOrAdd(FolderOf(placement.Of(path)), Resolve);

    /// <summary>The first folder name of a folder, or the empty folder itself.</summary>
    public static string TopOf(string folder) => folder.IndexOf('/') is var slash and >= 0 ? folder[..slash] : folder;

    /// <summary>The folder of a report path (forward slashes), or empty for a file at the top.</summary>
    public static string FolderOf(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : string.Empty;

    /// <summary>
    /// How near a source is to a workload: the number of leading folder names their folders share.
    /// A higher number is nearer; two sources with the same number are as near.
    /// </summary>
    public static int Nearness(string workloadFolder, string sourceFolder)
    {
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
    /// Whether sources as near as <paramref name="best"/> are a tie, resolved safely (a namespace
    /// injects if any of them injects; a mesh-wide setting covers only if all of them set it). They
    /// always are: at any depth, also when they share no folder with the workload, since picking one
    /// by the order of their paths would let <c>deploy/</c> beat <c>staging/</c> by the alphabet.
    /// Test data never competes: it gives context only to the workloads under it (<see cref="TestData"/>).
    /// </summary>
    public static bool IsTie(string workloadFolder, int best, IEnumerable<string> nearestFolders) => true;

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
        // Only sources under the workload's top folder can be nearer than the others, which are all as
        // far (sharing no folder with it): measuring just those keeps a scan of many repositories fast.
        var near = folder.Length == 0 ? null : byTop.GetOrAdd(TopOf(folder), SameTopOf);
        var resolved = new Dictionary<string, NamespaceFacts>(byName.Count, StringComparer.Ordinal);
        foreach (var (name, sameName) in byName)
        {
            var candidates = near is not null && near.Namespaces.TryGetValue(name, out var underTop) && underTop.Exists(facts => TestData.Sees(folder, facts.TestRoot))
                ? underTop
                : sameName;

            // Most sources are outside test data: the list is used as it is unless one is not seen from here.
            var seen = candidates.TrueForAll(facts => TestData.Sees(folder, facts.TestRoot)) ? candidates : candidates.FindAll(facts => TestData.Sees(folder, facts.TestRoot));
            if (seen.Count > 0)
            {
                resolved[name] = NearestNamespace(folder, seen);
            }
        }

        var nearPlanes = Seen(near?.ControlPlanes ?? controlPlanes, folder);
        var allPlanes = Seen(controlPlanes, folder);
        return new MeshContext(resolved, new ControlPlaneChoice(folder, nearPlanes, allPlanes), ControlPlane.DefaultRevision, Assumptions)
        {
            Services = ServicesReaching(folder),
            IstioEvidence = IstioEvidence,
        };
    }

    private static IReadOnlyList<ControlPlane> Seen(IReadOnlyList<ControlPlane> planes, string folder) =>
        planes.All(plane => TestData.Sees(folder, plane.TestRoot)) ? planes : planes.Where(plane => TestData.Sees(folder, plane.TestRoot)).ToList();

    /// <summary>The Services a workload in <paramref name="folder"/> may meet: those in its folder or one above it, outside test data it is not in.</summary>
    private Dictionary<string, IReadOnlyList<ServiceFacts>> ServicesReaching(string folder)
    {
        var reaching = new Dictionary<string, IReadOnlyList<ServiceFacts>>(StringComparer.Ordinal);
        foreach (var (ns, services) in Services)
        {
            if (services.All(service => service.Reaches(folder) && TestData.Sees(folder, service.TestRoot)))
            {
                reaching[ns] = services;
                continue;
            }

            var seen = services.Where(service => service.Reaches(folder) && TestData.Sees(folder, service.TestRoot)).ToList();
            if (seen.Count > 0)
            {
                reaching[ns] = seen;
            }
        }

        return reaching;
    }

    private SameTop SameTopOf(string top) => new(
        namespaces.Where(facts => TopOf(facts.Folder) == top).GroupBy(facts => facts.Name, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal),
        controlPlanes.Where(plane => TopOf(plane.Folder) == top).ToList());

    /// <summary>The sources under one top folder, in path order.</summary>
    private sealed record SameTop(Dictionary<string, List<NamespaceFacts>> Namespaces, IReadOnlyList<ControlPlane> ControlPlanes);

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

        var nearness = sameName.ConvertAll(facts => Nearness(folder, facts.Folder));
        var best = nearness.Max();
        var nearest = sameName.Where((_, i) => nearness[i] == best).ToList();
        if (!IsTie(folder, best, nearest.Select(facts => facts.Folder)))
        {
            return nearest[0];
        }

        var chosen = nearest.FirstOrDefault(facts => facts.Injects) ?? nearest[0];
        var disagree = nearest.Any(facts => facts.InjectionLabel != chosen.InjectionLabel || facts.RevisionLabel != chosen.RevisionLabel);
        return disagree
            ? chosen with
            {
                Source = $"{chosen.Source} (as near as {SourceList.Join(", ", nearest.Where(facts => facts != chosen).Select(facts => facts.Source))}, which disagree; the injecting one counts)",
                Sources = [chosen.Source, .. nearest.Where(facts => facts != chosen).Select(facts => facts.Source)],
            }
            : chosen;
    }
}

/// <summary>
/// Chooses, for one folder, the mesh-wide settings of each revision: the control planes of the
/// pod's revision first, then the nearest among them. Where several are as near, a setting covers
/// only if all of them set it.
/// </summary>
/// <param name="nearer">The control planes that can be nearer than the others (those under the folder's top folder).</param>
/// <param name="all">Every control plane, in path order: where none of <paramref name="nearer"/> decides a setting, the first of these does.</param>
internal sealed class ControlPlaneChoice(string folder, IReadOnlyList<ControlPlane> nearer, IReadOnlyList<ControlPlane> all)
{
    public ChosenSettings For(string revision)
    {
        // Each plane's distance once, not once per setting, and in plain loops: this runs for every
        // folder of a scan, and a repository such as Istio's holds well over a hundred control planes.
        var nearness = new int[nearer.Count];
        for (var i = 0; i < nearer.Count; i++)
        {
            nearness[i] = Serves(nearer[i], revision) ? MeshSources.Nearness(folder, nearer[i].Folder) : -1;
        }

        var nearest = new Dictionary<MeshWideSetting, IReadOnlyList<ControlPlane>>();
        MeshSetting? Choose(MeshWideSetting setting)
        {
            var best = -1;
            for (var i = 0; i < nearer.Count; i++)
            {
                if (nearness[i] > best && nearer[i].Settings.ContainsKey(setting))
                {
                    best = nearness[i];
                }
            }

            var tied = new List<ControlPlane>();
            if (best >= 0)
            {
                for (var i = 0; i < nearer.Count; i++)
                {
                    if (nearness[i] == best && nearer[i].Settings.ContainsKey(setting))
                    {
                        tied.Add(nearer[i]);
                    }
                }
            }
            else if (!ReferenceEquals(nearer, all))
            {
                // None under the folder's top folder decides it: all that do are as far, with no folder in common.
                best = 0;
                tied.AddRange(all.Where(plane => Serves(plane, revision) && plane.Settings.ContainsKey(setting)));
            }

            if (tied.Count == 0)
            {
                return null;
            }

            if (!MeshSources.IsTie(folder, best, tied.Select(plane => plane.Folder)))
            {
                // As for Namespaces: with no folder in common below the top one, the first that sets it in path order covers, as before.
                tied = [tied.Find(plane => plane.Settings[setting] is not null) ?? tied[0]];
            }

            nearest[setting] = tied;
            var set = tied.Select(plane => plane.Settings[setting]).ToList();
            if (set.Any(value => value is null))
            {
                return null;
            }

            return set.Count == 1
                ? set[0]
                : new MeshSetting(SourceList.Join(" and ", set.Select(value => value!.Setting).Distinct(StringComparer.Ordinal)), SourceList.Join(" and ", set.Select(value => value!.Source)))
                {
                    Value = SafeValue(setting, set.Select(value => value!.Value).ToList()),
                };
        }

        return new ChosenSettings(
            Choose(MeshWideSetting.Hold),
            Choose(MeshWideSetting.NativeSidecars),
            Choose(MeshWideSetting.OutboundExclusion),
            Choose(MeshWideSetting.Cni),
            Choose(MeshWideSetting.Drain),
            Choose(MeshWideSetting.ExitOnZero),
            Choose(MeshWideSetting.IstioRelease),
            Choose(MeshWideSetting.CompatibilityVersion),
            nearest);
    }

    /// <summary>
    /// The value that tied control planes which all set a setting stand for, read safely: the shortest
    /// drain (the proxy may stop that soon), and EXIT_ON_ZERO_ACTIVE_CONNECTIONS on only if it is on in all.
    /// </summary>
    private static string? SafeValue(MeshWideSetting setting, List<string?> values) => setting switch
    {
        MeshWideSetting.Drain => values.MinBy(value => MeshShutdown.SecondsOf(value) ?? decimal.MaxValue),
        MeshWideSetting.ExitOnZero => values.FirstOrDefault(value => !GoBool.IsTrue(value ?? string.Empty)) ?? values[0],

        // Tied sources that name different releases, native modes or compatibility versions leave it
        // unknown: picking one would decide the pods' shape by the order of the files.
        MeshWideSetting.IstioRelease or MeshWideSetting.NativeSidecars or MeshWideSetting.CompatibilityVersion =>
            values.Distinct(StringComparer.Ordinal).Count() == 1 ? values[0] : null,
        _ => values[0],
    };

    private static bool Serves(ControlPlane plane, string revision) => plane.Revision is null || ControlPlane.Normalized(plane.Revision) == revision;
}
