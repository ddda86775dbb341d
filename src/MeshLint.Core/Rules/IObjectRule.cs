namespace MeshLint.Rules;

/// <summary>A rule that looks at one Kubernetes object at a time (and the mesh context).</summary>
internal interface IObjectRule : ICodedRule
{
    void Check(ObjectCheck check);
}
