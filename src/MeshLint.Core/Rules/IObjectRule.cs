namespace MeshLint.Rules;

/// <summary>A rule that looks at one Kubernetes object at a time (and the mesh context).</summary>
internal interface IObjectRule
{
    string Id { get; }

    /// <summary>The keys of its <c>messages:</c> the rule reports with; the registry holds them to the data both ways.</summary>
    IReadOnlyList<string> MessageKeys { get; }

    void Check(ObjectCheck check);
}
