using System.Text.Json;
using MeshLint.Findings;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Registry;

/// <summary>
/// The Istio releases that have a ProxyConfig field: istio/api added it in <see cref="Added"/> and
/// removed it in <see cref="Removed"/> (null: still there). <see cref="Added"/> null means the field
/// is as old as ProxyConfig (istio/api 1.0.0).
/// </summary>
internal sealed record FieldHistory(MinorRelease? Added, MinorRelease? Removed)
{
    /// <summary>Whether Istio <paramref name="istio"/> decodes the field; null is the newest release, which lacks only removed fields.</summary>
    public bool KnownIn(MinorRelease? istio) =>
        istio is { } release ? (Added is null || release >= Added) && (Removed is null || release < Removed) : Removed is null;
}

/// <summary>A field of one ProxyConfig that some Istio releases do not decode, where it is written.</summary>
internal sealed record DatedField(string Path, SourceSpan At, FieldHistory History);

/// <summary>
/// Which ProxyConfig fields each Istio release has. <c>rules/schemas/proxy-config.schema.json</c>
/// lists every field a release since 1.0 had, each with <c>x-added</c> (and <c>x-removed</c>), the
/// first istio/api X.Y.0 tag whose <c>mesh/v1alpha1/proxy.proto</c> has (lacks) it. A release's
/// decoder drops a field it does not have, as it drops any unknown field.
/// </summary>
internal static class ProxyConfigReleases
{
    /// <summary>
    /// The history of a field named by its path from the config's root (<c>tracing.enableIstioTags</c>;
    /// JSON or protobuf names), the latest addition and earliest removal along the path; null when no
    /// release has such a field.
    /// </summary>
    public static FieldHistory? HistoryOf(string field)
    {
        MinorRelease? added = null;
        MinorRelease? removed = null;
        var schema = (JsonElement?)ProxyConfigSchema.SchemaRoot;
        foreach (var name in field.Split('.'))
        {
            if (schema is not { } current || Property(current, name) is not { } property)
            {
                return null;
            }

            var history = HistoryOf(property);
            added = Later(added, history.Added);
            removed = Earlier(removed, history.Removed);
            schema = ObjectSchema(property);
        }

        return new FieldHistory(added, removed);
    }

    /// <summary>Whether Istio <paramref name="istio"/> (null: the newest release) decodes the field at <paramref name="field"/>.</summary>
    public static bool IsKnownIn(string field, MinorRelease? istio) => HistoryOf(field)?.KnownIn(istio) == true;

    /// <summary>The fields of <paramref name="config"/> that some release since 1.0 lacks, nested ones included.</summary>
    public static IReadOnlyList<DatedField> DatedFields(YamlNode config)
    {
        var found = new List<DatedField>();
        if (config is YamlMapping mapping)
        {
            Collect(mapping, ProxyConfigSchema.SchemaRoot, string.Empty, found);
        }

        return found;
    }

    /// <summary>
    /// The issues of a ProxyConfig as Istio <paramref name="istio"/> sees them: a field that release
    /// lacks is a warning naming the release (its decoder drops it whatever its value, so the schema's
    /// complaints about its value go); null is the newest release.
    /// </summary>
    public static IReadOnlyList<ProxyConfigIssue> InRelease(IReadOnlyList<ProxyConfigIssue> issues, IReadOnlyList<DatedField> dated, MinorRelease? istio)
    {
        var unknown = dated.Where(field => !field.History.KnownIn(istio)).ToList();
        unknown.RemoveAll(field => unknown.Any(outer => outer != field && Under(field.Path, outer.Path)));
        if (unknown.Count == 0)
        {
            return issues;
        }

        return issues.Where(issue => !unknown.Any(field => Under(issue.Field, field.Path)))
            .Concat(unknown.Select(field => new ProxyConfigIssue(Level.Warning, field.Path, field.At, Unknown(field, istio))))
            .ToList();
    }

    private static string Unknown(DatedField field, MinorRelease? istio)
    {
        var history = field.History;
        if (istio is { } release && history.Added is { } added && release < added)
        {
            return $"field \"{field.Path}\" came to ProxyConfig in Istio {added}, and the target runs {release}, which ignores it";
        }

        return istio is { } target
            ? $"field \"{field.Path}\" was removed from ProxyConfig in Istio {history.Removed}, and the target runs {target}, which ignores it"
            : $"field \"{field.Path}\" was removed from ProxyConfig in Istio {history.Removed}, and Istio ignores it since";
    }

    private static bool Under(string path, string field) =>
        path == field || (path.StartsWith(field, StringComparison.Ordinal) && path.Length > field.Length && path[field.Length] is '.' or '[');

    private static void Collect(YamlMapping mapping, JsonElement schema, string prefix, List<DatedField> found)
    {
        foreach (var entry in mapping.Entries)
        {
            if (Property(schema, entry.Key.Value) is not { } property)
            {
                continue;
            }

            var path = prefix + entry.Key.Value;
            var history = HistoryOf(property);
            if (history.Added is not null || history.Removed is not null)
            {
                found.Add(new DatedField(path, entry.Key.Span, history));
            }

            if (entry.Value is YamlMapping nested && ObjectSchema(property) is { } nestedSchema)
            {
                Collect(nested, nestedSchema, path + ".", found);
            }
        }
    }

    private static JsonElement? Property(JsonElement schema, string name) =>
        schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property) ? property : null;

    /// <summary>The object schema a property's value follows, through a local <c>$ref</c>; null when it has no named properties.</summary>
    private static JsonElement? ObjectSchema(JsonElement property)
    {
        const string Definitions = "#/definitions/";
        if (property.TryGetProperty("$ref", out var reference) && reference.GetString() is { } target && target.StartsWith(Definitions, StringComparison.Ordinal)
            && ProxyConfigSchema.SchemaRoot.GetProperty("definitions").TryGetProperty(target[Definitions.Length..], out var definition))
        {
            property = definition;
        }

        return property.TryGetProperty("properties", out _) ? property : null;
    }

    /// <summary>A field's own releases; one added in the oldest release read (<c>x-releasesFrom</c>) may be older, so it has no lower bound.</summary>
    private static FieldHistory HistoryOf(JsonElement property)
    {
        var added = Release(property, "x-added");
        return new FieldHistory(added == Release(ProxyConfigSchema.SchemaRoot, "x-releasesFrom") ? null : added, Release(property, "x-removed"));
    }

    private static MinorRelease? Release(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) ? MinorRelease.Parse(value.GetString()) : null;

    private static MinorRelease? Later(MinorRelease? left, MinorRelease? right) =>
        left is { } a && right is { } b ? (a > b ? a : b) : left ?? right;

    private static MinorRelease? Earlier(MinorRelease? left, MinorRelease? right) =>
        left is { } a && right is { } b ? (a < b ? a : b) : left ?? right;
}
