using MeshLint.Parsing;
using MeshLint.Registry.Values;

namespace MeshLint.Registry;

/// <summary>
/// The fields of one ProxyConfig (a pod's <c>proxy.istio.io/config</c> or a mesh-wide
/// <c>defaultConfig</c>) that decide how istio-proxy stops. A value Istio cannot decode (MESH004:
/// a duration that is not a Go duration string, a proxyMetadata value that is not a string) is absent.
/// </summary>
/// <param name="Drain">The <c>terminationDrainDuration</c> scalar, when it is a Go duration.</param>
/// <param name="DrainSeconds">Its length in seconds.</param>
/// <param name="ExitOnZero">The <c>proxyMetadata.EXIT_ON_ZERO_ACTIVE_CONNECTIONS</c> scalar, when it is a string.</param>
internal sealed record ProxyShutdownSettings(YamlScalar? Drain, decimal? DrainSeconds, YamlScalar? ExitOnZero)
{
    public const string ExitOnZeroKey = "EXIT_ON_ZERO_ACTIVE_CONNECTIONS";

    public static ProxyShutdownSettings None { get; } = new(null, null, null);

    public static ProxyShutdownSettings Of(YamlNode? config)
    {
        if (config is not YamlMapping map)
        {
            return None;
        }

        // Istio decodes ProxyConfig with protobuf's JSON rules, which take both field spellings.
        var drain = map.Scalar("terminationDrainDuration") ?? map.Scalar("termination_drain_duration");
        var nanoseconds = drain is { Type: ScalarType.String } ? GoDurationValue.Parse(drain.Value) : null;
        var exit = (map.Mapping("proxyMetadata") ?? map.Mapping("proxy_metadata"))?.Scalar(ExitOnZeroKey);
        return new(
            nanoseconds is null ? null : drain,
            nanoseconds / 1_000_000_000m,
            exit is { Type: ScalarType.String } ? exit : null);
    }
}
