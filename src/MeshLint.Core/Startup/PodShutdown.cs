using System.Globalization;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Startup;

/// <summary>A length of time of the pod's shutdown and the setting or default it comes from.</summary>
public sealed record ShutdownDuration(decimal Seconds, string Why)
{
    /// <summary>The length as messages write it, e.g. <c>5s</c> or <c>2.5s</c>.</summary>
    public string Text => PodShutdown.Seconds(Seconds);
}

/// <summary>An app container's preStop hook that waits before the container gets SIGTERM.</summary>
/// <param name="How">The hook as written, e.g. <c>exec sleep 20</c> or <c>sleep: {seconds: 20}</c>.</param>
/// <param name="At">The container's <c>preStop</c> key.</param>
public sealed record PreStopWait(string Container, decimal Seconds, string How, SourceSpan At);

/// <summary>
/// The end of the pod's life, as the kubelet and pilot-agent run it. When a pod is deleted, the
/// kubelet runs each container's preStop hook, then sends it SIGTERM, and kills whatever still runs
/// when the grace period is over. A regular istio-proxy gets SIGTERM with the app containers (after
/// its own hook, which it has none of); pilot-agent then drains Envoy for terminationDrainDuration,
/// or until no connection is left with EXIT_ON_ZERO_ACTIVE_CONNECTIONS, and exits. A native sidecar
/// gets SIGTERM only once every app container has stopped. In a Job nothing stops a regular sidecar
/// when the main container finishes, except a call to pilot-agent's /quitquitquit.
/// </summary>
public sealed record PodShutdown
{
    /// <summary>Istio's default terminationDrainDuration.</summary>
    public const decimal DefaultDrainSeconds = 5m;

    /// <summary>Kubernetes' default terminationGracePeriodSeconds.</summary>
    public const decimal DefaultGraceSeconds = 30m;

    /// <summary>The effective terminationDrainDuration: the pod's proxy.istio.io/config, else the mesh-wide defaultConfig, else 5 s.</summary>
    public required ShutdownDuration Drain { get; init; }

    /// <summary>The pod's terminationGracePeriodSeconds, else 30 s.</summary>
    public required ShutdownDuration GracePeriod { get; init; }

    /// <summary>The pod's <c>terminationGracePeriodSeconds</c> value, when it sets one.</summary>
    public SourceSpan? GracePeriodAt { get; init; }

    /// <summary>Whether pilot-agent stops Envoy once no connection is left, instead of after the drain.</summary>
    public required StartupFact ExitOnZeroActiveConnections { get; init; }

    /// <summary>Which app container calls pilot-agent's /quitquitquit in its command or args, and how; null when none does.</summary>
    public string? QuitCall { get; init; }

    public required IReadOnlyList<PreStopWait> PreStopWaits { get; init; }

    internal static PodShutdown Model(PodTemplate pod, MeshContext mesh, ProxyConfigAnnotation? proxyConfig)
    {
        var own = proxyConfig is { Usable: true } ? proxyConfig.Shutdown : ProxyShutdownSettings.None;
        var wide = mesh.Shutdown;
        var drain = own is { Drain: { } podDrain, DrainSeconds: { } podSeconds }
            ? new ShutdownDuration(podSeconds, $"the pod's proxy.istio.io/config terminationDrainDuration: {podDrain.Value}")
            : wide is { Drain: { } meshDrain, DrainSeconds: { } meshSeconds }
                ? new ShutdownDuration(meshSeconds, $"{meshDrain.Setting} at {meshDrain.Source}")
                : new ShutdownDuration(DefaultDrainSeconds, "Istio's default" + Unapplied(mesh.IsManaged, mesh.ShutdownSetting.Drain));

        // pilot-agent reads the variable with Go's strconv.ParseBool; the pod's proxyMetadata entry replaces the mesh-wide one.
        var exit = own.ExitOnZero is { } podExit
            ? new StartupFact(GoBool.IsTrue(podExit.Value), $"the pod's proxy.istio.io/config proxyMetadata.{ProxyShutdownSettings.ExitOnZeroKey}: \"{podExit.Value}\"")
            : wide is { ExitOnZero: { } meshExit, ExitOnZeroValue: { } value }
                ? new StartupFact(GoBool.IsTrue(value), $"{meshExit.Setting} at {meshExit.Source}")
                : new StartupFact(false, $"nothing sets {ProxyShutdownSettings.ExitOnZeroKey}" + Unapplied(mesh.IsManaged, mesh.ShutdownSetting.ExitOnZero));

        var graceScalar = pod.Spec?.Scalar("terminationGracePeriodSeconds");
        var grace = graceScalar is { Type: ScalarType.Int } && long.TryParse(graceScalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var graceSeconds)
            ? new ShutdownDuration(graceSeconds, $"the pod's terminationGracePeriodSeconds: {graceSeconds}")
            : new ShutdownDuration(DefaultGraceSeconds, "Kubernetes' default terminationGracePeriodSeconds");

        var apps = (pod.Spec?.Sequence("containers")?.Items ?? []).OfType<YamlMapping>()
            .Where(container => container.Text("name") != PodStartup.IstioProxy)
            .ToList();
        return new PodShutdown
        {
            Drain = drain,
            GracePeriod = grace,
            GracePeriodAt = graceScalar is { Type: ScalarType.Int } ? graceScalar.Span : null,
            ExitOnZeroActiveConnections = exit,
            QuitCall = apps.Select(QuitCallOf).FirstOrDefault(call => call is not null),
            PreStopWaits = apps.Select(PreStopWaitOf).OfType<PreStopWait>().ToList(),
        };
    }

    internal static string Seconds(decimal seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string Unapplied(bool managed, MeshSetting? scanned) =>
        managed && scanned is not null
            ? $", since {scanned.Setting} at {scanned.Source} does not apply on a managed Cloud Service Mesh"
            : string.Empty;

    /// <summary>
    /// A call to pilot-agent's /quitquitquit on its status port, read from the command text: MeshLint
    /// cannot see inside a script file the container runs.
    /// </summary>
    private static string? QuitCallOf(YamlMapping container)
    {
        var words = new[] { "command", "args" }
            .SelectMany(list => container.Sequence(list)?.Items.OfType<YamlScalar>() ?? [])
            .Select(word => word.Value);
        return words.Any(word => word.Contains("localhost:15020/quitquitquit", StringComparison.Ordinal) || word.Contains("127.0.0.1:15020/quitquitquit", StringComparison.Ordinal))
            ? $"the container {ContainerName(container)} calls pilot-agent's /quitquitquit"
            : null;
    }

    private static PreStopWait? PreStopWaitOf(YamlMapping container)
    {
        if (container.Mapping("lifecycle")?.Entry("preStop") is not { Value: YamlMapping hook } entry)
        {
            return null;
        }

        // The sleep action (Kubernetes 1.29+, PodLifecycleSleepAction).
        if (hook.At("sleep", "seconds") is YamlScalar { Type: ScalarType.Int } sleep && Number(sleep.Value) is { } slept)
        {
            return new PreStopWait(ContainerName(container), slept, $"sleep: {{seconds: {sleep.Value}}}", entry.Key.Span);
        }

        var command = hook.At("exec", "command") is YamlSequence list ? list.Items.OfType<YamlScalar>().Select(word => word.Value).ToList() : [];
        var seconds = command switch
        {
            ["sleep" or "/bin/sleep", var n] => Number(n),
            ["sh" or "bash" or "/bin/sh" or "/bin/bash", "-c", var script] => ScriptSleep(script),
            _ => null,
        };
        return seconds is { } waited ? new PreStopWait(ContainerName(container), waited, "exec " + string.Join(' ', command), entry.Key.Span) : null;
    }

    /// <summary>A shell script that starts with <c>sleep N</c>, alone or followed by <c>&amp;&amp;</c> or <c>;</c>.</summary>
    private static decimal? ScriptSleep(string script)
    {
        var text = script.Trim();
        if (!text.StartsWith("sleep ", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text["sleep ".Length..].TrimStart();
        var end = rest.IndexOfAny([' ', '\t', ';', '&', '\n']);
        var number = end < 0 ? rest : rest[..end];
        var after = end < 0 ? string.Empty : rest[end..].TrimStart(' ', '\t');
        return after.Length == 0 || after.StartsWith("&&", StringComparison.Ordinal) || after.StartsWith(';') || after.StartsWith('\n') ? Number(number) : null;
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string ContainerName(YamlMapping container) => container.Text("name") is { Length: > 0 } name ? name : "(unnamed)";
}

/// <summary>One moment of the modelled shutdown, in seconds after the pod is deleted; null when it follows the app's exit, whenever that is.</summary>
public sealed record ShutdownEvent(decimal? At, string What);
