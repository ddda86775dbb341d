using MeshLint.Findings;
using MeshLint.Parsing;

namespace MeshLint.Rules.BuiltIn;

/// <summary>
/// MESH000. A file's bytes or YAML that Kubernetes cannot read: reported by the engine while it reads
/// a file, before any object exists for an object rule to see.
/// </summary>
internal sealed partial class YamlSyntaxError : IEngineRule
{
    public string ReportedBy => "the reader, for each problem a file's bytes or YAML have";

    /// <summary>The finding for one problem of document <paramref name="documentIndex"/> of a file.</summary>
    /// <param name="consequence">What the problem leads to, where the reader knows it (which tool rejects a duplicate key): the details.</param>
    public static Finding Report(RuleDescriptor rule, Level configured, string path, SyntaxProblem problem, int documentIndex, Level? reported = null, string? consequence = null)
    {
        // The fingerprint hashes the problem and its consequence as one text, as it always has, so baselines keep matching.
        var anchor = $"{documentIndex}:{Fingerprint.WithoutPositions(consequence is null ? problem.Message : $"{problem.Message}; {consequence}")}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["problem"] = problem.Message.TrimEnd('.'),
            ["consequence"] = consequence is { Length: > 0 } ? $"{char.ToUpperInvariant(consequence[0])}{consequence[1..]}." : string.Empty,
        };
        return RuleFindings.Make(rule, configured, Messages.Default, values, path, SourceSpan.At(problem.Position), anchor, reported);
    }
}
