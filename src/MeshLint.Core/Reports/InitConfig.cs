using System.Text;
using MeshLint.Engine;
using MeshLint.Mesh;

namespace MeshLint.Reports;

/// <summary>
/// <c>meshlint init</c>'s <c>.meshlint.yaml</c>: the target as the scan detected it, each part with a
/// comment that says where it came from and why it matters, and the parts no manifest can tell
/// (the oldest node's Kubernetes release) left for the user to fill in. It asks nothing.
/// </summary>
public static class InitConfig
{
    /// <param name="folder">The report path of the folder the file will sit in (empty for the working directory).</param>
    public static string Write(LintResult result, string folder)
    {
        var sources = result.Mesh ?? MeshSources.None;
        var probe = folder.Length == 0 ? ".meshlint.yaml" : folder + "/.meshlint.yaml";
        var context = result.ContextFor?.Invoke(probe) ?? sources.For(probe);
        var target = context.Target;
        var text = new StringBuilder();
        text.Append("# MeshLint configuration: https://github.com/meshlint/meshlint/blob/main/docs/configuration.md\n")
            .Append("# Written by 'meshlint init' from what the scan found. Correct it where your clusters differ:\n")
            .Append("# the target decides how Istio builds each pod (native or legacy sidecars) and so which\n")
            .Append("# start-up and shutdown findings apply.\n")
            .Append("mesh:\n")
            .Append("  target:\n");

        // Istio: the release detected for the default revision, with every other release the scan names.
        text.Append("    # The Istio minor release of the control plane.");
        var releases = sources.ControlPlanes
            .Where(plane => plane.Settings.GetValueOrDefault(MeshWideSetting.IstioRelease) is { Value: not null })
            .Select(plane => (Release: plane.Settings[MeshWideSetting.IstioRelease]!, Plane: plane))
            .ToList();
        if (target.Istio is { Release: { } istio, Origin: TargetOrigin.Detected or TargetOrigin.Configured })
        {
            text.Append(target.Istio.Origin == TargetOrigin.Detected ? " Detected from " : " From ").Append(Comment(target.Istio.Source)).Append(".\n");
            AppendOthers(text, releases.Where(found => found.Release.Value != istio.ToString()).ToList());
            text.Append("    istio: \"").Append(istio).Append("\"\n");
        }
        else
        {
            text.Append(" No scanned file names it").Append(target.Istio.Origin == TargetOrigin.Assumed && target.Istio.Source.StartsWith("the nearest sources disagree", StringComparison.Ordinal) ? $" unambiguously ({Comment(target.Istio.Source)})" : string.Empty).Append(".\n");
            AppendOthers(text, releases);
            text.Append("    # istio: \"1.28\"\n");
        }

        text.Append("    # The Kubernetes minor release of your OLDEST node; manifests do not say it. From Istio 1.27,\n")
            .Append("    # istio-proxy is a native sidecar (ready before the app starts) only when every node runs\n")
            .Append("    # 1.33 or later, and Kubernetes before 1.29 cannot run native sidecars at all.\n");
        text.Append(target.Kubernetes.Release is { } kubernetes ? $"    kubernetes: \"{kubernetes}\"\n" : "    # kubernetes: \"1.34\"\n");

        text.Append("    # Who runs Istio: istio (self-managed), csm-managed (Cloud Service Mesh, managed control\n")
            .Append("    # plane), aks (the AKS add-on), openshift or gke-autopilot.");
        if (target.Platform.Origin == TargetOrigin.Assumed)
        {
            text.Append(" Nothing in the scan says otherwise.\n    platform: istio\n");
        }
        else
        {
            text.Append(target.Platform.Origin == TargetOrigin.Detected ? " Detected: " : " From ").Append(Comment(target.Platform.Source)).Append(".\n")
                .Append("    platform: ").Append(MeshPlatforms.Name(target.Platform.Platform)).Append('\n');
        }

        if (context.Cni is { On: true, Source: { } cni })
        {
            text.Append("  # Istio CNI is on: ").Append(Comment($"{cni.Setting} at {cni.Source}")).Append(".\n");
        }
        else
        {
            text.Append("  # Istio CNI: no scanned file installs it. Set cni: true if your clusters run it.\n  # cni: true\n");
        }

        return text.ToString();
    }

    private static void AppendOthers(StringBuilder text, List<(MeshSetting Release, ControlPlane Plane)> others)
    {
        if (others.Count == 0)
        {
            return;
        }

        text.Append("    # The scan also names:\n");
        foreach (var (release, plane) in others.Take(8))
        {
            text.Append("    #   ").Append(release.Value).Append(" (").Append(Comment(release.Setting)).Append(" at ").Append(Comment(release.Source))
                .Append(plane.Revision is { } revision && revision != ControlPlane.DefaultRevision ? $", revision {Comment(revision)}" : string.Empty).Append(")\n");
        }

        if (others.Count > 8)
        {
            text.Append("    #   and ").Append(others.Count - 8).Append(" more\n");
        }

        text.Append("    # A folder whose clusters differ can have a .meshlint.yaml of its own (extends: ../.meshlint.yaml).\n");
    }

    /// <summary>Text from the scanned files, safe inside a YAML comment: one line, printable.</summary>
    private static string Comment(string text) => UntrustedText.Printable(text).ReplaceLineEndings(" ");
}
