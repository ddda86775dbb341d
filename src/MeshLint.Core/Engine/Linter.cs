using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Rules;

namespace MeshLint.Engine;

/// <summary>
/// The pipeline. Pass one reads only the files that can hold Namespaces or IstioOperators (a byte
/// test decides) and keeps small facts; pass two lints every file, one document at a time, on all
/// cores. Files are independent, so a broken file never touches another's findings.
/// </summary>
public sealed class Linter
{
    private readonly RuleCatalog catalog;
    private readonly IReadOnlyList<IObjectRule> rules;
    private readonly LintOptions options;

    public Linter(LintOptions? options = null, RuleCatalog? catalog = null)
    {
        this.options = options ?? new LintOptions();
        this.catalog = catalog ?? RuleCatalog.BuiltIn;
        rules = BuiltInRules.For(this.catalog);
    }

    public LintResult Run(IReadOnlyList<SourceFile> files)
    {
        var contents = new FileContents(options.MaxFileBytes);
        var mesh = BuildMeshContext(files, contents);
        var perFile = new FileOutcome[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs }, i =>
        {
            perFile[i] = LintFile(files[i], contents, mesh);
        });

        var findings = perFile.SelectMany(outcome => outcome.Findings).ToList();
        findings.Sort(FindingOrder.Instance);
        var errors = perFile.Where(outcome => outcome.Error is not null).Select(outcome => outcome.Error!).ToList();
        return new LintResult(findings, errors, files.Count, perFile.Sum(outcome => outcome.Documents));
    }

    /// <summary>Lints already-loaded text; for callers (and tests) that hold a manifest in memory.</summary>
    public LintResult RunText(string path, string text) =>
        Run([new SourceFile(path, null) { Content = System.Text.Encoding.UTF8.GetBytes(text) }]);

    private MeshContext BuildMeshContext(IReadOnlyList<SourceFile> files, FileContents contents)
    {
        var builders = new MeshContextBuilder[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs }, i =>
        {
            var builder = new MeshContextBuilder();
            builders[i] = builder;
            if (contents.Read(files[i]) is not { } bytes || !MeshContextBuilder.MayContribute(bytes) || SourceText.Decode(bytes).Text is not { } text)
            {
                return;
            }

            foreach (var document in new YamlDocumentReader(text).Documents())
            {
                foreach (var obj in ObjectReader.Objects(files[i].DisplayPath, document))
                {
                    if (MeshContextBuilder.Contributes(obj))
                    {
                        builder.Add(obj);
                    }
                }
            }
        });
        return MeshContextBuilder.Combine(builders);
    }

    private FileOutcome LintFile(SourceFile file, FileContents contents, MeshContext mesh)
    {
        var findings = new List<Finding>();
        byte[]? bytes;
        try
        {
            bytes = contents.ReadOrThrow(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FileOutcome([], 0, new InputError(file.DisplayPath, exception.Message));
        }

        if (bytes is null)
        {
            var limit = new SyntaxProblem(SourcePosition.Start, $"the file is larger than the {FileSizeLimit.Describe(options.MaxFileBytes)} limit (--max-file-size); it was skipped", true);
            findings.Add(SyntaxFinding(file.DisplayPath, limit, 0));
            return new FileOutcome(findings, 0, null);
        }

        var decoded = SourceText.Decode(bytes);
        if (decoded.Problem is { } encodingProblem)
        {
            findings.Add(SyntaxFinding(file.DisplayPath, encodingProblem, 0));
            return new FileOutcome(findings, 0, null);
        }

        var documents = 0;
        foreach (var document in new YamlDocumentReader(decoded.Text!).Documents())
        {
            documents++;
            foreach (var problem in document.Problems)
            {
                findings.Add(SyntaxFinding(file.DisplayPath, problem, document.Index));
            }

            foreach (var obj in ObjectReader.Objects(file.DisplayPath, document))
            {
                var check = new ObjectCheck(obj, mesh, catalog, LevelOf, findings);
                foreach (var rule in rules)
                {
                    rule.Check(check);
                }
            }
        }

        if (findings.Any(finding => finding.RuleId == "MESH000") && GoTemplateText.FirstAction(decoded.Text!) is { } action)
        {
            var note = new SyntaxProblem(action, "this is a Go template (Helm), not YAML, so it was not linted; lint its rendered output (--helm, or 'helm template … | meshlint -')", false);
            return new FileOutcome([SyntaxFinding(file.DisplayPath, note, 0) with { Level = Level.Note }], documents, null);
        }

        return new FileOutcome(findings, documents, null);
    }

    private Finding SyntaxFinding(string path, SyntaxProblem problem, int documentIndex)
    {
        var rule = catalog["MESH000"];
        return new Finding(
            path,
            SourceSpan.At(problem.Position),
            rule.Id,
            rule.Name,
            LevelOf(rule.Id) ?? rule.DefaultLevel,
            rule.Format("default", new Dictionary<string, string> { ["reason"] = problem.Message }),
            null,
            Fingerprint.Of(rule.Id, path, null, $"{documentIndex}:{problem.Message}"));
    }

    private Level? LevelOf(string ruleId) =>
        options.Levels.TryGetValue(ruleId, out var configured) ? configured : catalog[ruleId].DefaultLevel;

    private sealed record FileOutcome(List<Finding> Findings, int Documents, InputError? Error);

    /// <summary>
    /// Reads each file when asked. Standard input is held in memory (it can be read only once);
    /// files are read again in the second pass rather than kept, so memory stays bounded.
    /// </summary>
    private sealed class FileContents(long maxBytes)
    {
        public byte[]? Read(SourceFile file)
        {
            try
            {
                return ReadOrThrow(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The file's bytes, or null when it is over the size limit.</summary>
        public byte[]? ReadOrThrow(SourceFile file) =>
            file.Content is { } content ? (content.Length > maxBytes ? null : content) : BoundedFile.Read(file.FullPath!, maxBytes);
    }
}
