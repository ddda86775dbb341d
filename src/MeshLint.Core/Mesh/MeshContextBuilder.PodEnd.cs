using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>The facts about the end of a pod's life: mesh-wide drain settings and the scanned Services.</summary>
internal sealed partial class MeshContextBuilder
{
    private readonly List<ServiceFacts> services = [];
    private MeshShutdown shutdown = MeshShutdown.None;

    private static bool IsService(KubeObject obj) => obj.Kind == "Service" && obj.Group.Length == 0;

    /// <summary>
    /// A Service file passes when it names a targetPort (only those can route to a proxy port) and the
    /// word Service stands alone (not ServiceAccount or ServiceEntry), as <c>kind: Service</c> and JSON write it.
    /// </summary>
    private static bool MayHoldService(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf("targetPort"u8) < 0)
        {
            return false;
        }

        while (content.IndexOf("Service"u8) is var at and >= 0)
        {
            content = content[(at + "Service"u8.Length)..];
            if (content.IsEmpty || !char.IsAsciiLetterOrDigit((char)content[0]))
            {
                return true;
            }
        }

        return false;
    }

    private void AddPodEnd(KubeObject obj, MeshConfigReadings? meshConfigs)
    {
        if (IsService(obj))
        {
            AddService(obj);
            return;
        }

        var (defaultConfig, where, place) = obj switch
        {
            { IsIstioOperator: true } => (obj.Root.At("spec", "meshConfig", "defaultConfig"), "spec.meshConfig.defaultConfig", (Func<SourceSpan, SourceSpan>)(span => span)),
            { IsIstiodValues: true } => (obj.Root.At("meshConfig", "defaultConfig"), "meshConfig.defaultConfig", span => span),
            _ when MeshConfigText.Of(obj, meshConfigs) is { } mesh => (mesh.Root["defaultConfig"], "data.mesh defaultConfig", mesh.Place),
            _ => (null, string.Empty, span => span),
        };
        var settings = ProxyShutdownSettings.Of(defaultConfig);
        if (shutdown.Drain is null && settings.Drain is { } drain)
        {
            shutdown = shutdown with { Drain = new MeshSetting($"{where}.terminationDrainDuration: {drain.Value}", Where(obj, place(drain.Span))), DrainSeconds = settings.DrainSeconds };
        }

        if (shutdown.ExitOnZero is null && settings.ExitOnZero is { } exit)
        {
            shutdown = shutdown with { ExitOnZero = new MeshSetting($"{where}.proxyMetadata.{ProxyShutdownSettings.ExitOnZeroKey}: \"{exit.Value}\"", Where(obj, place(exit.Span))), ExitOnZeroValue = exit.Value };
        }
    }

    private void AddService(KubeObject obj)
    {
        if (obj.Name is not { } name || obj.Root.Mapping("spec") is not { } spec)
        {
            return;
        }

        var selector = spec.Mapping("selector")?.Entries
            .Where(entry => entry.Value is YamlScalar)
            .Select(entry => KeyValuePair.Create(entry.Key.Value, ((YamlScalar)entry.Value).Value))
            .ToList() ?? [];
        var ports = (spec.Sequence("ports")?.Items ?? [])
            .OfType<YamlMapping>()
            .Select(port => port.Scalar("targetPort"))
            .OfType<YamlScalar>()
            .Where(target => target.Type is ScalarType.Int or ScalarType.String)
            .Select(target => new ServiceTargetPort(target.Value, target.Type == ScalarType.Int, target.Span))
            .ToList();
        if (selector.Count > 0 && ports.Count > 0)
        {
            services.Add(new ServiceFacts(name, obj.Namespace, obj.Path, selector, ports));
        }
    }

    private static void CombinePodEnd(MeshContextBuilder builder, List<ServiceFacts> services, ref MeshShutdown shutdown)
    {
        services.AddRange(builder.services);
        shutdown = new MeshShutdown(
            shutdown.Drain ?? builder.shutdown.Drain,
            shutdown.Drain is null ? builder.shutdown.DrainSeconds : shutdown.DrainSeconds,
            shutdown.ExitOnZero ?? builder.shutdown.ExitOnZero,
            shutdown.ExitOnZero is null ? builder.shutdown.ExitOnZeroValue : shutdown.ExitOnZeroValue);
    }
}
