using MeshLint.Fixes;
using MeshLint.Parsing;
using MeshLint.Suppression;

namespace MeshLint.Findings;

/// <summary>
/// One problem at one place. <see cref="Fingerprint"/> identifies it independently of line numbers
/// (rule, file, object and the key it concerns), so it survives edits above it.
/// </summary>
public sealed record Finding(
    string Path,
    SourceSpan Span,
    string RuleId,
    string RuleName,
    Level Level,
    string Message,
    string? Object,
    string Fingerprint)
{
    public SourcePosition Start => Span.Start;

    /// <summary>The other places that decided it (the Namespace, the nearest control planes), for SARIF's related locations.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];

    /// <summary>The inline ignore (annotation or comment) that covers this finding, if any.</summary>
    public InlineIgnore? IgnoredBy { get; init; }

    /// <summary>The edits that resolve this finding, when the rule knows them; <c>meshlint fix</c> applies them.</summary>
    public Fix? Fix { get; init; }

    /// <summary>
    /// The condition the finding rests on when the target (Istio and Kubernetes releases) is not known,
    /// e.g. <c>legacy sidecars, as on Istio &lt; 1.27 or with a node below Kubernetes 1.33; set mesh.target</c>;
    /// null when the target decides it. The message ends with it (<c>[assumed: …]</c>), and SARIF carries it as a property.
    /// </summary>
    public string? Assumption { get; init; }
}
