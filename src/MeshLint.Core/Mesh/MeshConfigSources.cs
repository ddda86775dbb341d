using MeshLint.Model;
using MeshLint.Parsing;

namespace MeshLint.Mesh;

/// <summary>
/// The places besides an IstioOperator where a mesh-wide ProxyConfig lives: the values file of the
/// istiod Helm chart (<c>meshConfig.defaultConfig</c>, <c>global.proxy</c>, <c>pilot.env</c>) and the
/// <c>istio</c> ConfigMap in which istiod reads the mesh config (its <c>data.mesh</c> is a YAML string).
/// </summary>
public static class MeshConfigSources
{
    /// <summary>The kind ObjectReader gives a values document, which has no kind of its own.</summary>
    public const string IstiodValuesKind = "IstiodValues";

    /// <summary>A document without a kind whose keys are the istiod chart's: a mapping <c>meshConfig</c>, or <c>global.proxy</c>.</summary>
    public static bool IsIstiodValues(YamlMapping root) =>
        root["kind"] is null && (root.Mapping("meshConfig") is not null || root.At("global", "proxy") is YamlMapping);

    public static bool IsIstiodValues(KubeObject obj) => obj.Kind == IstiodValuesKind && obj.ApiVersion is null;

    /// <summary>istiod reads the ConfigMap <c>istio</c> (or <c>istio-REVISION</c>) in its own namespace.</summary>
    public static bool IsMeshConfigMap(KubeObject obj) =>
        obj.Kind == "ConfigMap" && obj.Group.Length == 0 && obj.Name is { } name && (name == "istio" || name.StartsWith("istio-", StringComparison.Ordinal))
        && obj.Root.At("data", "mesh") is YamlScalar;

    /// <summary>
    /// The mesh config in a ConfigMap's <c>data.mesh</c>, parsed, with the line offset that turns its
    /// lines into the file's (exact for a literal block scalar, the usual form; otherwise the key's line).
    /// </summary>
    public static MeshConfigText? MeshConfigOf(KubeObject obj)
    {
        if (obj.Root.Mapping("data")?.Entry("mesh") is not { Value: YamlScalar { Text: { } text } scalar } entry)
        {
            return null;
        }

        var document = new YamlDocumentReader(text).Documents().FirstOrDefault();
        if (document is null || document.Problems.Count > 0 || document.Root is not YamlMapping root)
        {
            return null;
        }

        return new MeshConfigText(entry, root, scalar.Style == YamlDotNet.Core.ScalarStyle.Literal);
    }
}

/// <summary>A parsed <c>data.mesh</c>; <see cref="Place"/> maps a position inside it to the file.</summary>
public sealed record MeshConfigText(YamlEntry Entry, YamlMapping Root, bool LiteralBlock)
{
    public SourceSpan Place(SourceSpan inner)
    {
        if (!LiteralBlock)
        {
            return Entry.Key.Span;
        }

        // A literal block's content starts on the line after the key; its indentation is not kept in
        // the value, so the column is the key's plus the customary two spaces.
        var line = Entry.Key.Start.Line + inner.Start.Line;
        var column = Entry.Key.Start.Column + 2 + inner.Start.Column - 1;
        return SourceSpan.At(new SourcePosition(line, column));
    }
}
