using MeshLint.Mesh;
using MeshLint.Registry;
using MeshLint.Startup;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH017. Native sidecars asked for where the target cannot give them. The pod's
/// sidecar.istio.io/nativeSidecar on Kubernetes before 1.29 keeps the pod from ever starting (the
/// annotation skips Istio's node check); on Istio before 1.24 it does nothing; on a managed Cloud
/// Service Mesh it is not supported. A value other than "true" or "false" is read differently by
/// 1.24-1.26 (off) and 1.27 and later (on). istiod's ENABLE_NATIVE_SIDECARS: "true" on Kubernetes
/// before 1.29 stops every injected pod, and is reported once, where it is set.
/// </summary>
internal sealed partial class NativeSidecarUnsupported : IObjectRule
{
    private static readonly MinorRelease FirstSidecarKubernetes = new(1, 29);

    public void Check(ObjectCheck check)
    {
        if (check.MeshConfigObject is { } plane)
        {
            CheckControlPlane(check, plane);
            return;
        }

        if (check.Pod?.AnnotationEntry(PodShape.AnnotationKey) is not { } entry || check.Startup is not { } startup)
        {
            return;
        }

        var value = check.Pod.Annotation(PodShape.AnnotationKey) ?? string.Empty;
        var values = new[] { ("value", value), ("reason", startup.Injection.Why) };
        switch (startup.Shape.AnnotationProblem)
        {
            case NativeAnnotationProblem.NeverStarts:
                check.Report(Id, Messages.NeverStarts, entry.Key.Span, PodShape.AnnotationKey, [.. values, ("why", startup.Shape.AnnotationWhy!)]);
                return;
            case NativeAnnotationProblem.NoEffect:
                check.Report(Id, Messages.NoEffect, entry.Key.Span, PodShape.AnnotationKey, [.. values, ("why", startup.Shape.AnnotationWhy!)], level: Findings.Level.Warning);
                return;
            case NativeAnnotationProblem.Unsupported:
                check.Report(Id, Messages.Unsupported, entry.Key.Span, PodShape.AnnotationKey, [.. values, ("why", startup.Shape.AnnotationWhy!)], level: Findings.Level.Warning);
                return;
        }

        // Neither "true" nor "false": 1.24-1.26 read it as off, 1.27 and later as on (PodShape's sources).
        if (value is not ("true" or "false" or ""))
        {
            var release = startup.Target.Istio.Release;
            var reading = release is { } known
                ? $"Istio {known} ({startup.Target.Istio.Source}) reads it as {(known >= new MinorRelease(1, 27) ? "\"true\"" : "\"false\"")}"
                : "Istio 1.24 to 1.26 read it as \"false\" and 1.27 and later as \"true\"";
            check.Report(Id, Messages.ValueMisread, entry.Value.Span, PodShape.AnnotationKey, [.. values, ("reading", reading)], level: Findings.Level.Warning);
        }
    }

    /// <summary>ENABLE_NATIVE_SIDECARS: "true" applies without Istio's node check, so on old nodes every injected pod hangs.</summary>
    private void CheckControlPlane(ObjectCheck check, Model.KubeObject plane)
    {
        if (ControlPlaneSettings.NativeSidecars(plane) is not { Value: "true" } native)
        {
            return;
        }

        var target = check.Mesh.ForRevision(ControlPlaneSettings.RevisionOf(plane)).Target;
        if (target.Kubernetes.Release is { } nodes && nodes < FirstSidecarKubernetes && target.Platform.Platform != MeshPlatform.CsmManaged)
        {
            check.Report(Id, Messages.MeshWideNeverStarts, native.At, "env:" + MeshContextBuilder.NativeSidecarsVariable,
                [("setting", native.Setting), ("kubernetes", nodes.ToString()), ("kubernetesWhy", target.Kubernetes.Source)]);
        }
    }
}
