using MeshLint.Model;

namespace MeshLint.Mesh;

/// <summary>Whether a pod gets an Envoy sidecar, and why, in words a message can quote.</summary>
internal sealed record InjectionDecision(bool Injected, string Reason)
{
    /// <summary>No sidecar only because nothing in the scan shows Istio in use (<c>auto</c>): the run says how many such workloads went unchecked.</summary>
    public bool NotChecked { get; init; }
}

/// <summary>
/// Decides injection as Istio's sidecar-injector webhooks and injector do (Istio 1.12+ default
/// webhook configuration): the namespace selector on <c>istio-injection</c> / <c>istio.io/rev</c>,
/// the object selector on the pod label <c>sidecar.istio.io/inject</c>, and the injector's own
/// exclusions (host network, system namespaces).
/// </summary>
internal static class SidecarInjection
{
    private static readonly HashSet<string> NeverInjectedNamespaces = new(StringComparer.Ordinal)
    {
        "kube-system", "kube-public", "kube-node-lease", "local-path-storage",
    };

    public static InjectionDecision Decide(PodTemplate pod, MeshContext mesh)
    {
        var ns = pod.Owner.Namespace;
        if (pod.HostNetwork)
        {
            return new(false, "the pod uses hostNetwork, which the injector skips");
        }

        if (NeverInjectedNamespaces.Contains(ns))
        {
            return new(false, $"namespace {ns} is never injected");
        }

        // The label is what the webhook's object selector sees; the deprecated annotation of the
        // same name is read by the injector only when the label is absent.
        var label = pod.Label("sidecar.istio.io/inject");
        var annotation = pod.Annotation("sidecar.istio.io/inject");
        if (label == "false")
        {
            return new(false, "the pod label sidecar.istio.io/inject is \"false\"");
        }

        if (label is null && annotation is { Length: > 0 } && !IsInjectorTrue(annotation))
        {
            return new(false, $"the pod annotation sidecar.istio.io/inject is \"{annotation}\"");
        }

        var facts = mesh.Namespace(ns);
        if (facts is null && OtherMesh(pod) is { } other)
        {
            // A pod that asks another mesh's injector for its proxy is not an Istio pod, wherever it runs.
            return new(false, $"the pod asks for {other}, not Istio") { NotChecked = mesh.Assumptions.AssumeInjection is null };
        }

        if (facts is null && mesh.IstioInPlay is { } inPlay)
        {
            return new(true, mesh.Assumptions.AssumeInjection is true
                ? $"namespace {ns} is not among the scanned files, so injection is assumed"
                : $"namespace {ns} is not among the scanned files, so injection is assumed ({inPlay})");
        }

        if (facts?.InjectionLabel is { } injection)
        {
            return injection == "enabled"
                ? new(true, $"namespace {ns} has istio-injection=enabled at {facts.Source}")
                : new(false, $"namespace {ns} has istio-injection={injection} at {facts.Source}");
        }

        if (facts?.RevisionLabel is not null)
        {
            return new(true, $"namespace {ns} has istio.io/rev={facts.RevisionLabel} at {facts.Source}");
        }

        if (label == "true")
        {
            return new(true, "the pod label sidecar.istio.io/inject is \"true\"");
        }

        if (pod.Label("istio.io/rev") is { } revision)
        {
            return new(true, $"the pod label istio.io/rev is \"{revision}\"");
        }

        // Ambient mode (Istio 1.22+): ztunnel carries the namespace's traffic and no sidecar is injected;
        // a pod that opts in with a label above still gets one.
        if (facts?.DataplaneMode == "ambient")
        {
            return new(false, $"namespace {ns} has istio.io/dataplane-mode=ambient (ztunnel, no sidecar) and the pod does not opt in to a sidecar with a label");
        }

        return facts is null
            ? mesh.Assumptions.AssumeInjection is false
                ? new(false, $"namespace {ns} is not among the scanned files (mesh.assumeInjection is false) and the pod does not opt in with a label")
                : new(false, $"namespace {ns} is not among the scanned files and nothing in the scan shows Istio in use (mesh.assumeInjection: auto)") { NotChecked = true }
            : new(false, $"namespace {ns} has no injection label and the pod does not opt in with a label");
    }

    /// <summary>Another mesh's injection the pod asks for: Consul's connect-inject, Linkerd's inject annotation.</summary>
    private static string? OtherMesh(PodTemplate pod)
    {
        if (GoBoolTrue(pod.Annotation("consul.hashicorp.com/connect-inject")))
        {
            return "Consul's sidecar (consul.hashicorp.com/connect-inject)";
        }

        return pod.Annotation("linkerd.io/inject") is "enabled" or "ingress" ? "Linkerd's proxy (linkerd.io/inject)" : null;
    }

    private static bool GoBoolTrue(string? value) => value is not null && value.Trim().ToLowerInvariant() is "true" or "1" or "t";

    // The injector lower-cases the annotation and treats these YAML 1.1 words as true.
    private static bool IsInjectorTrue(string value) => value.ToLowerInvariant() is "y" or "yes" or "true" or "on";
}
