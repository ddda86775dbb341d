using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH004. Istio decodes proxy.istio.io/config (and an IstioOperator's meshConfig.defaultConfig)
/// into ProxyConfig with protobuf's JSON rules: a wrong type makes the injection webhook reject
/// the pod; an unknown field is dropped without a word.
/// </summary>
internal sealed class ProxyConfigInvalid : IObjectRule
{
    private const string OnAnnotation = "annotation";

    private const string OnMeshDefault = "mesh-default";

    public string Id => "MESH004";

    public IReadOnlyList<string> MessageKeys => [OnAnnotation, OnMeshDefault];

    public void Check(ObjectCheck check)
    {
        if (check.ProxyConfig is { Malformed: null } config)
        {
            foreach (var issue in config.Issues)
            {
                check.Report(Id, OnAnnotation, config.Entry.Key.Span, issue.Field, Values(issue, issue.Level == Level.Error ? "the sidecar injector rejects the pod" : "the setting has no effect"), issue.Level);
            }
        }

        var meshConfig = check.MeshConfigObject;
        var (meshDefault, where) = meshConfig switch
        {
            { IsIstioOperator: true } obj => (obj.Root.At("spec", "meshConfig", "defaultConfig"), "spec.meshConfig.defaultConfig"),
            { IsIstiodValues: true } obj => (obj.Root.At("meshConfig", "defaultConfig"), "meshConfig.defaultConfig"),
            _ => (null, string.Empty),
        };
        if (meshDefault is not (null or YamlScalar { Type: ScalarType.Null }))
        {
            Report(check, ProxyConfigSchema.Validate(meshDefault), where, span => span);
        }

        if (check.MeshConfigText is { } mesh
            && mesh.Root["defaultConfig"] is { } configMapDefault and not YamlScalar { Type: ScalarType.Null })
        {
            Report(check, ProxyConfigSchema.Validate(configMapDefault), "data.mesh defaultConfig", mesh.Place);
        }
    }

    private void Report(ObjectCheck check, IReadOnlyList<ProxyConfigIssue> issues, string where, Func<SourceSpan, SourceSpan> place)
    {
        foreach (var issue in issues)
        {
            var effect = issue.Level == Level.Error ? "Istio cannot decode this mesh config, so the install is rejected" : "the setting has no effect on any pod";
            check.Report(Id, OnMeshDefault, place(issue.At), "defaultConfig." + issue.Field, [.. Values(issue, effect), ("where", where)], issue.Level);
        }
    }

    private static (string, string)[] Values(ProxyConfigIssue issue, string effect) => [("problem", issue.Message), ("effect", effect)];
}
