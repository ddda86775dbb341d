using MeshLint.Parsing;
using MeshLint.Registry.Values;

namespace MeshLint.Mesh;

/// <summary>
/// The mesh-wide <c>defaultConfig</c> settings that decide how istio-proxy stops, each with where
/// it was read; a value Istio cannot decode is left out, so the default applies.
/// </summary>
/// <param name="Drain">The <c>terminationDrainDuration</c> setting.</param>
/// <param name="DrainSeconds">Its length in seconds (null with <paramref name="Drain"/>).</param>
/// <param name="ExitOnZero">The <c>proxyMetadata.EXIT_ON_ZERO_ACTIVE_CONNECTIONS</c> setting.</param>
/// <param name="ExitOnZeroValue">Its value as written.</param>
internal sealed record MeshShutdown(MeshSetting? Drain, decimal? DrainSeconds, MeshSetting? ExitOnZero, string? ExitOnZeroValue)
{
    public static MeshShutdown None { get; } = new(null, null, null, null);

    /// <summary>The settings a control plane chose, each with its value as written in <see cref="MeshSetting.Value"/>.</summary>
    public static MeshShutdown Of(MeshSetting? drain, MeshSetting? exitOnZero) =>
        new(drain, SecondsOf(drain?.Value), exitOnZero, exitOnZero?.Value);

    /// <summary>A Go duration's length in seconds; null when it is none.</summary>
    public static decimal? SecondsOf(string? duration) =>
        duration is null ? null : GoDurationValue.Parse(duration) / 1_000_000_000m;
}

/// <summary>
/// A scanned Service, as far as it routes to pods: its selector and its numeric targetPorts. A named
/// targetPort resolves to the container port of that name, which MESH013 judges on the pod itself.
/// </summary>
internal sealed record ServiceFacts(string Name, string Namespace, string Path, IReadOnlyList<KeyValuePair<string, string>> Selector, IReadOnlyList<ServiceTargetPort> TargetPorts)
{
    /// <summary>The folder of its file as placed for distances: it routes to workloads in that folder and below.</summary>
    public string Folder { get; init; } = MeshSources.FolderOf(Path);

    /// <summary>The test data folder it is in, whose workloads alone it may route to; null outside test data.</summary>
    public string? TestRoot { get; init; }

    /// <summary>Whether a workload in <paramref name="folder"/> may meet it: the Service sits in that folder or one above it.</summary>
    public bool Reaches(string folder) =>
        Folder.Length == 0 || folder == Folder || (folder.Length > Folder.Length && folder[Folder.Length] == '/' && folder.StartsWith(Folder, StringComparison.Ordinal));

    public string DisplayName => $"Service/{Name}";

    public static IReadOnlyDictionary<string, IReadOnlyList<ServiceFacts>> ByNamespace(IEnumerable<ServiceFacts> services) =>
        services.GroupBy(service => service.Namespace, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<ServiceFacts>)group.ToList(), StringComparer.Ordinal);

    /// <summary>Whether the Service routes to a pod with these labels: every selector entry matches; no selector selects nothing.</summary>
    public bool Selects(YamlMapping? labels) =>
        Selector.Count > 0 && labels is not null && Selector.All(pair => labels.Scalar(pair.Key) is { } value && value.Value == pair.Value);
}

/// <summary>A Service's numeric <c>targetPort</c> and where it is written.</summary>
internal sealed record ServiceTargetPort(string Value, SourceSpan At);
