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
    /// A Service file passes when a targetPort's value starts with 150, as every port the proxy
    /// reserves does (others cannot matter, and this keeps the context pass to a few more files), and
    /// the word Service stands alone (not ServiceAccount or ServiceEntry), as <c>kind: Service</c> and JSON write it.
    /// </summary>
    private static bool MayHoldService(ReadOnlySpan<byte> content) =>
        HasReservedTargetPort(content) && HasWord(content, "Service"u8);

    private static bool HasReservedTargetPort(ReadOnlySpan<byte> content)
    {
        while (content.IndexOf("targetPort"u8) is var at and >= 0)
        {
            content = content[(at + "targetPort"u8.Length)..];
            var rest = content is [(byte)'"' or (byte)'\'', ..] ? content[1..] : content;
            if (rest.TrimStart(" \t"u8) is [(byte)':', .. var value] && value.TrimStart(" \t"u8).TrimStart("\"'"u8).StartsWith("150"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasWord(ReadOnlySpan<byte> content, ReadOnlySpan<byte> word)
    {
        while (content.IndexOf(word) is var at and >= 0)
        {
            content = content[(at + word.Length)..];
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
            .Where(target => target.Type == ScalarType.Int)
            .Select(target => new ServiceTargetPort(target.Value, target.Span))
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
