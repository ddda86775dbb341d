using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Fixes;

/// <summary>Edits on a pod template that several rules' fixes share.</summary>
internal static class PodTemplateEdits
{
    /// <summary>
    /// Adds an annotation to the pod template, creating <c>annotations:</c>, and <c>metadata:</c>
    /// before the template's first key, when they do not exist yet. Null when the annotation is
    /// there already or a mapping on the way is shared through an alias or a merge key.
    /// </summary>
    public static TextEdit? AddAnnotation(this YamlEdits edits, PodTemplate pod, string key, NewValue value)
    {
        if (pod.Template is not { } template || pod.AnnotationEntry(key) is not null)
        {
            return null;
        }

        if (pod.MetadataEntry is not { } metadataEntry)
        {
            return edits.AddEntry(template, "metadata", NewValue.Map("annotations", NewValue.Map(key, value)), first: true);
        }

        if (!YamlEdits.Owned(template, metadataEntry))
        {
            return null;
        }

        if (metadataEntry.Value is not YamlMapping metadata)
        {
            return edits.FillEmpty(metadataEntry, template, "annotations", NewValue.Map(key, value));
        }

        if (metadata.Entry("annotations") is not { } annotationsEntry)
        {
            return edits.AddEntry(metadata, "annotations", NewValue.Map(key, value), styleFrom: template);
        }

        if (!YamlEdits.Owned(metadata, annotationsEntry))
        {
            return null;
        }

        return annotationsEntry.Value is YamlMapping annotations
            ? edits.AddEntry(annotations, key, value, styleFrom: metadata)
            : edits.FillEmpty(annotationsEntry, metadata, key, value);
    }

    /// <summary>
    /// Sets a top-level field in a YAML or JSON document held in a string annotation (a
    /// <c>proxy.istio.io/config</c> value), in that document's own form: a line of its own in YAML,
    /// one more member in JSON. Null when the field is there already or the scalar's style cannot be
    /// edited exactly.
    /// </summary>
    /// <param name="unless">No edit when this holds for the document's root mapping.</param>
    public static TextEdit? AddToEmbedded(this YamlEdits edits, YamlScalar holder, string field, NewValue value, Func<YamlMapping, bool>? unless = null) =>
        edits.InEmbedded(holder, (inner, root) => root.Entry(field) is null && unless?.Invoke(root) != true ? inner.AddEntry(root, field, value, json: root.IsFlow) : null);

    /// <summary>
    /// An edit on the document held in a string scalar, built by <paramref name="build"/> on that
    /// document's own text and root mapping, and carried back to the file escaped for the scalar's
    /// style. Null when the scalar's style cannot be edited exactly, or the text is not one clean
    /// YAML (or JSON) mapping.
    /// </summary>
    public static TextEdit? InEmbedded(this YamlEdits edits, YamlScalar holder, Func<YamlEdits, YamlMapping, TextEdit?> build)
    {
        if (EmbeddedText.Of(edits.Map, holder) is not { } embedded)
        {
            return null;
        }

        var documents = new YamlDocumentReader(embedded.Content).Documents().ToList();
        if (documents is not [{ Problems.Count: 0, Root: YamlMapping root }])
        {
            return null;
        }

        var inner = build(new YamlEdits(new SourceMap(embedded.Content)), root);
        return inner is null ? null : embedded.Edit(inner.Offset, inner.Length, inner.Replacement);
    }
}
