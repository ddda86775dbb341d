namespace MeshLint.Findings;

/// <summary>Another place that decided a finding: the Namespace or the control plane setting it depends on.</summary>
/// <param name="Description">What is there, for the reader: <c>Namespace shop</c>, <c>IstioOperator/prod leaves the hold unset</c>.</param>
public sealed record RelatedLocation(string Path, int Line, string Description)
{
    /// <summary>From a source as the mesh context records it (<c>path:line</c>); null for anything else.</summary>
    public static RelatedLocation? Of(string source, string description) =>
        source.LastIndexOf(':') is var colon and > 0 && int.TryParse(source.AsSpan(colon + 1), out var line) && line > 0
            ? new RelatedLocation(source[..colon], line, description)
            : null;
}
