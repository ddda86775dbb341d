namespace MeshLint.Rules;

/// <summary>
/// A rule carried out by code. Its id, name and message keys come from its <c>rules/MESHnnn.yaml</c>:
/// the build writes them into the other half of the rule's partial class (RuleSurface.targets).
/// </summary>
internal interface ICodedRule
{
    string Id { get; }

    /// <summary>The keys of its <c>messages:</c>, all of which it may report.</summary>
    IReadOnlyList<string> MessageKeys { get; }
}

/// <summary>A rule the engine reports itself, at a point of the run no object rule sees (reading a file, after every rule ran).</summary>
internal interface IEngineRule : ICodedRule
{
    /// <summary>Where in the run it reports, for the registry's error messages.</summary>
    string ReportedBy { get; }
}
