using MeshLint.Fixes;
using MeshLint.Parsing;

namespace MeshLint.Findings;

/// <summary>
/// One problem at one place. <see cref="Fingerprint"/> identifies it independently of line numbers
/// (rule, file, object and the key it concerns), so it survives edits above it.
/// </summary>
/// <param name="Summary">
/// One line that says what is wrong and where (<c>Deployment/orders: …</c>), without a closing period;
/// a finding that rests on an assumed target ends it with a short <c>[assumes …]</c>.
/// </param>
public sealed record Finding(
    string Path,
    SourceSpan Span,
    string RuleId,
    string RuleName,
    Level Level,
    string Summary,
    string? Object,
    string Fingerprint)
{
    public SourcePosition Start => Span.Start;

    /// <summary>
    /// Why, the mesh facts and their sources, and how to fix it, in sentences; they end with the full
    /// <c>[assumed: …]</c> of <see cref="Assumption"/>. Empty when the summary is all there is.
    /// </summary>
    public string Details { get; init; } = string.Empty;

    /// <summary>
    /// The whole text: the summary, then the details. JSON's and SARIF's <c>message</c> carry it, and its
    /// first sentence is the summary, which is what SARIF viewers show first.
    /// </summary>
    public string Message => Details.Length == 0 ? Summary
        : Summary.EndsWith('.') || Summary.EndsWith('?') ? $"{Summary} {Details}"
        : $"{Summary}. {Details}";

    /// <summary>What the rule said the finding is about (a key, a path), line-independent: the part of the fingerprint the rule chose.</summary>
    internal string Anchor { get; init; } = string.Empty;

    /// <summary>The other places that decided it (the Namespace, the nearest control planes), for SARIF's related locations.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];

    /// <summary>The inline ignore (annotation or comment) that covers this finding, if any.</summary>
    public InlineIgnore? IgnoredBy { get; init; }

    /// <summary>The edits that resolve this finding, when the rule knows them; <c>meshlint fix</c> applies them.</summary>
    public Fix? Fix { get; init; }

    /// <summary>
    /// The condition the finding rests on when the target (Istio and Kubernetes releases) is not known,
    /// e.g. <c>legacy sidecars, as on Istio &lt; 1.27 or with a node below Kubernetes 1.33; set mesh.target</c>;
    /// null when the target decides it. The details end with it (<c>[assumed: …]</c>), the summary with its
    /// first clause (<c>[assumes legacy sidecars]</c>), and SARIF carries it as a property.
    /// </summary>
    public string? Assumption { get; init; }

    /// <summary>The short form of an assumption for a summary: its first clause (<c>legacy sidecars</c>).</summary>
    public static string ShortAssumption(string assumption) =>
        assumption.IndexOfAny([',', ';']) is var end and > 0 ? assumption[..end] : assumption;

    /// <summary>A rule's summary and details with the assumption (if any) in both: short in the summary, whole in the details.</summary>
    internal static (string Summary, string Details) Assumed(string summary, string details, string? assumption) =>
        assumption is null
            ? (summary, details)
            : ($"{summary} [assumes {ShortAssumption(assumption)}]", $"{details} [assumed: {assumption}]".TrimStart());

    /// <summary>The same finding with <paramref name="map"/> applied to both parts of its text (references carried back from a build).</summary>
    internal Finding MapText(Func<string, string> map) => this with { Summary = map(Summary), Details = map(Details) };

    /// <summary>
    /// The same finding saying where it comes from (<c>as built by kustomize in overlays/prod</c>): as the
    /// first sentence of its details, which the text report shows first, or after a summary without details.
    /// </summary>
    internal Finding From(string origin) => Details.Length == 0
        ? this with { Summary = $"{Summary} ({origin})" }
        : this with { Details = $"{char.ToUpperInvariant(origin[0])}{origin[1..]}. {Details}" };
}
