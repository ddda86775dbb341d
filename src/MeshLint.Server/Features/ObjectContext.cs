using MeshLint.Registry;

namespace MeshLint.Server.Features;

/// <summary>
/// The Kubernetes object a line belongs to (its kind and name, from its top-level keys) and, for a
/// line inside <c>labels</c> or <c>annotations</c>, which metadata that is and the kind of object
/// its keys end up on: a Deployment's own, its pod template's (they land on Pods), a CronJob's job
/// template's (on Jobs).
/// </summary>
internal sealed record ObjectContext(string? Kind, string? Name, IReadOnlyList<string> Path)
{
    /// <summary>Kinds whose pods come from <c>spec.template</c>.</summary>
    private static readonly HashSet<string> TemplateKinds = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "Rollout",
    };

    /// <summary>The context of the entry (or would-be entry) at a line whose content starts at a column.</summary>
    public static ObjectContext At(YamlOutline outline, int line, int column)
    {
        var parents = outline.Parents(line, column);
        IReadOnlyList<OutlineEntry> root;
        var path = parents.Select(entry => entry.Key).ToList();
        if (parents.Count >= 2 && parents[0] is { Key: "items", Column: 0 })
        {
            root = outline.Siblings(parents[1].Line, parents[1].Column);
            path.RemoveAt(0);
        }
        else if (parents.Count == 1 && parents[0] is { Key: "items", Column: 0 })
        {
            root = outline.Siblings(line, column);
            path.RemoveAt(0);
        }
        else
        {
            root = outline.TopEntries();
        }

        var kind = root.FirstOrDefault(entry => entry.Key == "kind")?.Value is { Length: > 0 } written ? Unquote(written) : null;
        string? name = null;
        if (root.FirstOrDefault(entry => entry.Key == "metadata") is { } metadata && FirstChild(outline, metadata) is { } child)
        {
            name = outline.Siblings(child.Line, child.Column).FirstOrDefault(entry => entry.Key == "name")?.Value is { Length: > 0 } named ? Unquote(named) : null;
        }

        return new ObjectContext(kind, name, path);
    }

    /// <summary>
    /// For a path that ends in <c>annotations</c> or <c>labels</c>: the kind of the keys and the kind
    /// of object they land on; null for any other place.
    /// </summary>
    public (KeyKind Kind, string LandsOn, string Where)? MetadataSite
    {
        get
        {
            if (Path.Count < 2 || Path[^2] != "metadata" || Path[^1] is not ("annotations" or "labels") || Kind is null)
            {
                return null;
            }

            var keyKind = Path[^1] == "annotations" ? KeyKind.Annotation : KeyKind.Label;
            var holder = string.Join('.', Path.Take(Path.Count - 2));
            return holder switch
            {
                "" => (keyKind, Kind, $"the {Kind}'s own metadata"),
                "spec.template" when TemplateKinds.Contains(Kind) => (keyKind, "Pod", "the pod template"),
                "spec.jobTemplate.spec.template" when Kind == "CronJob" => (keyKind, "Pod", "the pod template"),
                "spec.jobTemplate" when Kind == "CronJob" => (keyKind, "Job", "the job template"),
                _ => null,
            };
        }
    }

    /// <summary>Whether the entry at this context is a pod template's <c>metadata:</c> (or a Pod's).</summary>
    public bool IsPodTemplateMetadata(string key) =>
        key == "metadata" && Kind is not null && string.Join('.', Path) switch
        {
            "" => Kind == "Pod",
            "spec.template" => TemplateKinds.Contains(Kind),
            "spec.jobTemplate.spec.template" => Kind == "CronJob",
            _ => false,
        };

    /// <summary>Whether the entry is the object's own <c>kind:</c>.</summary>
    public bool IsKind(string key) => key == "kind" && Path.Count == 0;

    /// <summary>Whether the object's kind has pods modelled: a Pod, or a workload with a pod template.</summary>
    public bool HasPods => Kind is not null && (Kind is "Pod" or "CronJob" || TemplateKinds.Contains(Kind));

    public static string Unquote(string value)
    {
        var text = value.Trim();
        if (text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0])
        {
            return text[1..^1];
        }

        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? text[..comment].TrimEnd() : text;
    }

    private static OutlineEntry? FirstChild(YamlOutline outline, OutlineEntry parent)
    {
        for (var line = parent.Line + 1; ; line++)
        {
            var entry = outline.EntryAt(line);
            if (entry is null)
            {
                // Blank and comment lines inside the mapping, or the end of the document.
                if (line > parent.Line + 200)
                {
                    return null;
                }

                continue;
            }

            return entry.Column > parent.Column ? entry : null;
        }
    }
}
