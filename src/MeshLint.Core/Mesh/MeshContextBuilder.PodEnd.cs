using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Mesh;

/// <summary>
/// The facts about the end of a pod's life: a control plane's drain settings (chosen like its other
/// mesh-wide settings, see <see cref="MeshSources"/>) and the scanned Services.
/// </summary>
internal sealed partial class MeshContextBuilder
{
    private readonly List<ServiceFacts> services = [];

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

    /// <param name="place">Maps a span of <paramref name="defaultConfig"/> to the file (a ConfigMap's <c>data.mesh</c> is text in a scalar).</param>
    private static MeshSetting? DrainOf(KubeObject obj, YamlNode? defaultConfig, string where, Func<SourceSpan, SourceSpan>? place = null) =>
        ProxyShutdownSettings.Of(defaultConfig).Drain is { } drain
            ? new MeshSetting($"{where}.terminationDrainDuration: {drain.Value}", Where(obj, (place ?? Same)(drain.Span))) { Value = drain.Value }
            : null;

    private static MeshSetting? ExitOnZeroOf(KubeObject obj, YamlNode? defaultConfig, string where, Func<SourceSpan, SourceSpan>? place = null) =>
        ProxyShutdownSettings.Of(defaultConfig).ExitOnZero is { } exit
            ? new MeshSetting($"{where}.proxyMetadata.{ProxyShutdownSettings.ExitOnZeroKey}: \"{exit.Value}\"", Where(obj, (place ?? Same)(exit.Span))) { Value = exit.Value }
            : null;

    private static SourceSpan Same(SourceSpan span) => span;

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
            services.Add(new ServiceFacts(name, obj.Namespace, obj.Path, selector, ports) { Folder = MeshSources.FolderOf(placement ?? obj.Path), TestRoot = testRoot });
        }
    }
}
