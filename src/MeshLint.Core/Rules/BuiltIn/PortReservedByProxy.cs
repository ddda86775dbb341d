using System.Globalization;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH013. istio-proxy shares the pod's network namespace and listens on its own ports (Istio's
/// "Ports used by Istio"); an app container port among them collides with Envoy's or pilot-agent's
/// listeners, and the redirect sends the traffic for it to Envoy, not to the app. A Service reaches
/// the pod on its targetPort; a named one resolves to the container port of that name, which is
/// judged there. A gateway's Services target its proxy on purpose (15021 for the load balancer's health check).
/// </summary>
internal sealed partial class PortReservedByProxy : IObjectRule
{
    private static readonly Dictionary<int, string> Reserved = new()
    {
        [15000] = "Envoy's admin port",
        [15001] = "Envoy's outbound listener",
        [15004] = "pilot-agent's debug port",
        [15006] = "Envoy's inbound listener",
        [15008] = "the HBONE mTLS tunnel port",
        [15020] = "pilot-agent's merged Prometheus metrics port",
        [15021] = "the health check port",
        [15053] = "the DNS proxy port",
        [15090] = "Envoy's Prometheus metrics port",
    };

    public void Check(ObjectCheck check)
    {
        if (check.Startup is not { Proxy: not null } startup || check.Pod is not { } pod)
        {
            return;
        }

        // A pod that declares istio-proxy itself is a gateway (inject.istio.io/templates: gateway,
        // image: auto) or was injected already: its Services may target the proxy on purpose.
        var services = startup.Proxy is { At: not null } ? [] : check.Services.Where(service => service.Selects(pod.Labels)).ToList();
        var reason = ("reason", startup.Injection.Why);
        foreach (var port in startup.AppPorts)
        {
            if (Use(port.Port) is { } use)
            {
                check.Report(Id, Messages.ContainerPort, port.At, $"containerPort:{(port.Container == "(unnamed)" ? string.Empty : port.Container)}:{port.Port}",
                    [("container", port.Container), ("port", port.Port), ("use", use), reason]);
            }
        }

        foreach (var service in services)
        {
            foreach (var target in service.TargetPorts)
            {
                if (Use(target.Value) is not { } use)
                {
                    continue;
                }

                var here = service.Path == check.Object.Path;
                check.Report(Id, here ? Messages.TargetPort : Messages.TargetPortElsewhere, here ? target.At : startup.At, $"targetPort:{service.Name}:{target.Value}",
                    [("service", service.DisplayName), ("port", target.Value), ("use", use), ("where", $"{service.Path}:{target.At.Start.Line}"), reason]);
            }
        }
    }

    private static string? Use(string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Reserved.GetValueOrDefault(number) : null;
}
