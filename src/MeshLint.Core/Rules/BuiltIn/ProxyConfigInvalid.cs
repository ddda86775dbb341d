using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH004. Istio decodes proxy.istio.io/config (and an IstioOperator's meshConfig.defaultConfig)
/// into ProxyConfig with protobuf's JSON rules: a wrong type makes the injection webhook reject
/// the pod; an unknown field is dropped without a word.
/// </summary>
public sealed class ProxyConfigInvalid : IObjectRule
{
    public string Id => "MESH004";

    public void Check(ObjectCheck check)
    {
        if (check.ProxyConfig is { Malformed: null } config)
        {
            foreach (var issue in config.Issues)
            {
                check.Report(Id, "annotation", config.Entry.Key.Span, issue.Field, Values(issue, issue.Level == Level.Error ? "the sidecar injector rejects the pod" : "the setting has no effect"), issue.Level);
            }
        }

        if (MeshContextBuilder.IsIstioOperator(check.Object) && check.Object.Root.At("spec", "meshConfig", "defaultConfig") is YamlNode defaultConfig and not YamlScalar { Type: ScalarType.Null })
        {
            foreach (var issue in ProxyConfigSchema.Validate(defaultConfig))
            {
                check.Report(Id, "mesh-default", issue.At, "defaultConfig." + issue.Field, Values(issue, issue.Level == Level.Error ? "Istio cannot decode this mesh config, so the install is rejected" : "the setting has no effect on any pod"), issue.Level);
            }
        }
    }

    private static (string, string)[] Values(ProxyConfigIssue issue, string effect) => [("problem", issue.Message), ("effect", effect)];
}
