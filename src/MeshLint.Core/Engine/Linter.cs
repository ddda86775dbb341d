using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Rules;
using MeshLint.Suppression;

namespace MeshLint.Engine;

/// <summary>
/// The pipeline. Pass one reads only the files that can hold Namespaces or IstioOperators (a byte
/// test decides) and keeps small facts; pass two lints every file, one document at a time, on all
/// cores. Files are independent, so a broken file never touches another's findings.
/// </summary>
public sealed class Linter
{
    private const string UnusedIgnoreRule = "MESH008";

    private readonly RuleCatalog catalog;
    private readonly IReadOnlyList<IObjectRule> rules;

    /// <summary>The rules run on a Kustomize patch: those that judge a value present, not something missing.</summary>
    private readonly IReadOnlyList<IObjectRule> patchRules;
    private readonly LintOptions options;

    /// <summary>Each rule's row in the timing table, when timings are asked for.</summary>
    private readonly Dictionary<string, string>? ruleLabels;
    private readonly ProxyConfigReadings proxyConfigReadings = new();
    private readonly MeshConfigReadings meshConfigReadings = new();

    public Linter(LintOptions? options = null, RuleCatalog? catalog = null)
        : this(options, catalog, null)
    {
    }

    /// <summary>A linter with other object rules than the built-in ones, to test how the engine treats them.</summary>
    internal Linter(LintOptions? options, RuleCatalog? catalog, IReadOnlyList<IObjectRule>? rules)
    {
        this.options = options ?? new LintOptions();
        this.catalog = catalog ?? RuleCatalog.BuiltIn;
        this.rules = rules ?? BuiltInRules.For(this.catalog);
        patchRules = this.rules.Where(rule => this.catalog.Find(rule.Id) is not { JudgesMissing: true }).ToList();
        ruleLabels = this.options.Timings is null ? null
            : this.rules.ToDictionary(rule => rule.Id, rule => $"rule {rule.Id} {this.catalog.Find(rule.Id)?.Name}".TrimEnd(), StringComparer.Ordinal);
    }

    /// <param name="files">The files to lint and report on.</param>
    /// <param name="contextFiles">
    /// Files read only for the mesh context (Namespaces, IstioOperators) and never reported on, so
    /// that linting a few files of a repository finds what linting all of it finds for them.
    /// </param>
    public LintResult Run(IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? contextFiles = null)
    {
        var contents = new FileContents(options.MaxFileBytes);
        var sources = ContextSources(files, contextFiles);
        var (meshFacts, contextErrors) = BuildMeshContext(sources, contents);
        var mesh = meshFacts.With(options.Mesh);
        // One context per set of assumptions, so that each keeps its per-folder cache.
        var meshes = new System.Collections.Concurrent.ConcurrentDictionary<MeshAssumptions, MeshSources> { [options.Mesh] = mesh };
        var patches = KustomizePatches.Of(sources, contents.Read);
        var perFile = new FileOutcome[files.Count];
        ForEachFile(files.Count, i =>
        {
            var settings = options.SettingsFor?.Invoke(files[i]) ?? new FileSettings(options.Levels, options.Mesh);
            var fileMesh = meshes.GetOrAdd(settings.Mesh, meshFacts.With);
            perFile[i] = LintFileGuarded(files[i], contents, fileMesh, patches.Contains(files[i]) ? patchRules : rules, settings.Levels);
        });

        var findings = perFile.SelectMany(outcome => outcome.Findings).ToList();
        findings.Sort(FindingOrder.Instance);
        var suppressed = findings.Where(finding => finding.IgnoredBy is not null).ToList();
        findings.RemoveAll(finding => finding.IgnoredBy is not null);
        var errors = contextErrors.Concat(perFile.Where(outcome => outcome.Error is not null).Select(outcome => outcome.Error!)).ToList();
        var pods = perFile.SelectMany(outcome => outcome.Pods ?? []).ToList();
        return new LintResult(findings, errors, files.Count, perFile.Sum(outcome => outcome.Documents)) { Suppressed = suppressed, Pods = pods, Mesh = mesh };
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each file index, on the calling thread when there is one file
    /// or one job: a pre-commit run of one file would otherwise start the thread pool for nothing.
    /// </summary>
    private void ForEachFile(int count, Action<int> body)
    {
        if (count < 2 || options.EffectiveJobs == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveJobs }, body);
    }

    /// <summary>Lints already-loaded text; for callers (and tests) that hold a manifest in memory.</summary>
    public LintResult RunText(string path, string text) =>
        Run([new SourceFile(path, null) { Content = System.Text.Encoding.UTF8.GetBytes(text) }]);

    /// <summary>
    /// Every file the context is read from, once each, in path order: the order decides which of two
    /// conflicting Namespaces wins, so it must not depend on which files were asked for.
    /// </summary>
    private static List<SourceFile> ContextSources(IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? contextFiles)
    {
        var sources = files.ToList();
        if (contextFiles is { Count: > 0 })
        {
            var seen = files.Select(file => file.FullPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
            sources.AddRange(contextFiles.Where(file => file.FullPath is null || seen.Add(file.FullPath)));
        }

        return sources.OrderBy(file => file.DisplayPath, StringComparer.Ordinal).ToList();
    }

    private (MeshSources Mesh, IReadOnlyList<InputError> Errors) BuildMeshContext(IReadOnlyList<SourceFile> files, FileContents contents)
    {
        var builders = new MeshContextBuilder[files.Count];
        var errors = new InputError?[files.Count];
        var placement = new ContextPlacement(files);
        var cache = options.ContextCache;
        ForEachFile(files.Count, i =>
        {
            var place = placement.Of(files[i].DisplayPath);
            // Taken before the file is read, so that a change while it is read is not hidden by the cache.
            var stamp = cache is null ? null : MeshContextCache.StampOf(files[i]);
            if (stamp is not null && cache!.Find(files[i], place, stamp) is { } known)
            {
                builders[i] = known;
                return;
            }

            var builder = new MeshContextBuilder(place);
            builders[i] = builder;
            var started = RunTimings.Now;
            try
            {
                AddContext(files[i], contents, builder);
                options.Timings?.AddSince("mesh context (read, test, parse)", started);
                if (stamp is not null)
                {
                    cache!.Keep(files[i], place, stamp, builder);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The context of every workload depends on this file, so its findings are not to be trusted: exit code 2.
                builders[i] = new MeshContextBuilder();
                errors[i] = new InputError(files[i].DisplayPath, $"internal error while reading the mesh context ({exception.GetType().Name}: {exception.Message})") { Cause = exception };
            }
        });
        return (MeshContextBuilder.Combine(builders, placement), errors.OfType<InputError>().ToList());
    }

    private void AddContext(SourceFile file, FileContents contents, MeshContextBuilder builder)
    {
        if (contents.Read(file) is not { } bytes || !MeshContextBuilder.MayContribute(bytes) || SourceText.Decode(bytes).Text is not { } text)
        {
            return;
        }

        foreach (var document in new YamlDocumentReader(text).Documents())
        {
            foreach (var obj in ObjectReader.Objects(file.DisplayPath, document))
            {
                if (MeshContextBuilder.Contributes(obj))
                {
                    builder.Add(obj, meshConfigReadings);
                }
            }
        }
    }

    /// <summary>
    /// A defect in MeshLint costs the findings of the one file it met, never the run's: the file is
    /// named as an input error (exit code 2) and every other file is still linted and reported.
    /// </summary>
    private FileOutcome LintFileGuarded(SourceFile file, FileContents contents, MeshSources mesh, IReadOnlyList<IObjectRule> fileRules, IReadOnlyDictionary<string, Level?> levels)
    {
        try
        {
            return LintFile(file, contents, mesh.For(file.DisplayPath), fileRules, levels);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var what = exception is RuleFailure failure ? $"rule {failure.RuleId}" : "the linter";
            var cause = exception is RuleFailure { InnerException: { } inner } ? inner : exception;
            return new FileOutcome([], 0, new InputError(file.DisplayPath, $"internal error in {what} ({cause.GetType().Name}: {cause.Message}); the file was not linted") { Cause = cause });
        }
    }

    private FileOutcome LintFile(SourceFile file, FileContents contents, MeshContext mesh, IReadOnlyList<IObjectRule> fileRules, IReadOnlyDictionary<string, Level?> levels)
    {
        Level? FileLevel(string ruleId) => LevelOf(levels, ruleId);
        var timings = options.Timings is null ? null : new FileTimings(fileRules.Count);
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
            AddSyntaxFinding(findings, file.DisplayPath, limit, 0, levels);
            return new FileOutcome(findings, 0, null);
        }

        var decoded = SourceText.Decode(bytes);
        if (decoded.Problem is { } encodingProblem)
        {
            AddSyntaxFinding(findings, file.DisplayPath, encodingProblem, 0, levels);
            return new FileOutcome(findings, 0, null);
        }

        timings?.Lap(ref timings.Read);
        var pods = options.ModelStartup ? new List<Startup.PodStartup>() : null;
        var comments = CommentIgnores.Scan(decoded.Text!, catalog);
        var ledger = new IgnoreLedger();
        var documents = 0;
        var syntaxProblems = false;
        var edits = new Lazy<YamlEdits>(() => new YamlEdits(new SourceMap(decoded.Text!)), LazyThreadSafetyMode.None);
        using var reader = new YamlDocumentReader(decoded.Text!).Documents().GetEnumerator();
        while (NextDocument(reader, timings))
        {
            var document = reader.Current;
            documents++;
            foreach (var problem in document.Problems)
            {
                syntaxProblems = true;
                AddSyntaxFinding(findings, file.DisplayPath, problem, document.Index, levels);
            }

            foreach (var obj in ObjectReader.Objects(file.DisplayPath, document))
            {
                var first = findings.Count;
                // Through an alias one node stands in several places, and an edit of it would reach them all.
                var check = new ObjectCheck(obj, mesh, catalog, FileLevel, findings, proxyConfigReadings, meshConfigReadings, document.UsesAliases ? null : edits);
                for (var r = 0; r < fileRules.Count; r++)
                {
                    var rule = fileRules[r];
                    var started = timings is null ? 0 : RunTimings.Now;
                    try
                    {
                        rule.Check(check);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        throw new RuleFailure(rule.Id, exception);
                    }

                    if (timings is not null)
                    {
                        timings.Rules[r] += RunTimings.Now - started;
                    }
                }

                if (pods is not null && check.Startup is { } startup)
                {
                    pods.Add(startup);
                }

                var objectIgnores = AnnotationIgnores.Of(obj, check.Pod, catalog);
                ledger.Apply(objectIgnores, findings, first, static (_, _) => true);
                ReportUnusedAnnotationIgnores(check, ledger, objectIgnores, levels);
            }
        }

        // A Go template that does not parse as YAML is one note, not a syntax error per document. It
        // is a MESH000 finding two levels below MESH000's own, and moves with it (off: no note, and
        // still nothing else from a file that is not YAML).
        if (syntaxProblems && GoTemplateText.FirstAction(decoded.Text!) is { } action)
        {
            var note = new SyntaxProblem(action, "this is a Go template (Helm), not YAML, so it was not linted; lint its rendered output (--helm, or 'helm template … | meshlint -')", false);
            var templateFindings = new List<Finding>();
            AddSyntaxFinding(templateFindings, file.DisplayPath, note, 0, levels, Level.Note);
            return new FileOutcome(templateFindings, documents, null, null);
        }

        if (syntaxProblems)
        {
            // meshlint fix never edits a file with MESH000, so no finding in it offers a fix.
            for (var i = 0; i < findings.Count; i++)
            {
                findings[i] = findings[i] with { Fix = null };
            }
        }

        ledger.Apply(comments, findings, 0, static (finding, ignore) => finding.Start.Line - ignore.At.Start.Line is 0 or 1);
        ReportUnusedCommentIgnores(file.DisplayPath, ledger, comments, findings, levels);
        timings?.AddTo(options.Timings!, fileRules, ruleLabels!);

        return new FileOutcome(findings, documents, null, pods);
    }

    /// <summary>Adds a MESH000 finding at the level the configuration gives MESH000, or nothing when it is off.</summary>
    private void AddSyntaxFinding(List<Finding> findings, string path, SyntaxProblem problem, int documentIndex, IReadOnlyDictionary<string, Level?> levels, Level? reported = null)
    {
        var rule = catalog["MESH000"];
        if (LevelOf(levels, rule.Id) is not { } configured)
        {
            return;
        }

        findings.Add(new Finding(
            path,
            SourceSpan.At(problem.Position),
            rule.Id,
            rule.Name,
            rule.LevelAt(configured, reported),
            rule.Format("default", new Dictionary<string, string> { ["reason"] = problem.Message }),
            null,
            Fingerprint.Of(rule.Id, path, null, $"{documentIndex}:{Fingerprint.WithoutPositions(problem.Message)}")));
    }

    private void ReportUnusedAnnotationIgnores(ObjectCheck check, IgnoreLedger ledger, IReadOnlyList<InlineIgnore> ignores, IReadOnlyDictionary<string, Level?> levels)
    {
        foreach (var (ignore, rule) in ledger.Unused(ignores))
        {
            if (rule is not null && catalog.Find(rule) is null)
            {
                check.Report(UnusedIgnoreRule, "unknown-rule", ignore.At, "ignore:" + rule, [("rule", rule), ("where", $"{check.Object.DisplayName}: {InlineIgnore.AnnotationKey}")]);
            }
            else if (rule is null || LevelOf(levels, rule) is not null)
            {
                // A rule the configuration turns off reports nothing by design; its ignore is not stale.
                check.Report(UnusedIgnoreRule, rule is null ? "annotation-all" : "annotation", ignore.At, "ignore:" + (rule ?? "*"), [("rule", rule ?? "*"), ("annotation", InlineIgnore.AnnotationKey)]);
            }
        }
    }

    private void ReportUnusedCommentIgnores(string path, IgnoreLedger ledger, IReadOnlyList<InlineIgnore> ignores, List<Finding> findings, IReadOnlyDictionary<string, Level?> levels)
    {
        if (ignores.Count == 0 || LevelOf(levels, UnusedIgnoreRule) is not { } level)
        {
            return;
        }

        var rule = catalog[UnusedIgnoreRule];
        foreach (var (ignore, ruleId) in ledger.Unused(ignores))
        {
            var key = ruleId is null ? "comment-all" : catalog.Find(ruleId) is null ? "unknown-rule" : "comment";
            if (key == "comment" && LevelOf(levels, ruleId!) is null)
            {
                continue;
            }

            var values = new Dictionary<string, string> { ["rule"] = ruleId ?? "*", ["where"] = "this meshlint:ignore comment" };
            // Comments have no object to anchor to; the reason text keeps two stale comments in a file apart.
            var anchor = $"comment:{ruleId ?? "*"}:{ignore.Reason}";
            findings.Add(new Finding(path, ignore.At, rule.Id, rule.Name, level, rule.Format(key, values), null, Fingerprint.Of(rule.Id, path, null, anchor)));
        }
    }

    private Level? LevelOf(IReadOnlyDictionary<string, Level?> levels, string ruleId) =>
        levels.TryGetValue(ruleId, out var configured) ? configured : catalog.Find(ruleId)?.DefaultLevel;

    private sealed class RuleFailure(string ruleId, Exception inner) : Exception(inner.Message, inner)
    {
        public string RuleId { get; } = ruleId;
    }

    private static bool NextDocument(IEnumerator<ParsedDocument> reader, FileTimings? timings)
    {
        if (timings is null)
        {
            return reader.MoveNext();
        }

        var started = RunTimings.Now;
        var more = reader.MoveNext();
        timings.Parse += RunTimings.Now - started;
        return more;
    }

    /// <summary>One file's times, added to the run's once at its end so threads do not meet per object.</summary>
    private sealed class FileTimings(int rules)
    {
        private readonly long started = RunTimings.Now;
        private long lap = RunTimings.Now;
        public long Read;
        public long Parse;
        public readonly long[] Rules = new long[rules];

        public void Lap(ref long part)
        {
            var now = RunTimings.Now;
            part += now - lap;
            lap = now;
        }

        public void AddTo(RunTimings run, IReadOnlyList<IObjectRule> rules, IReadOnlyDictionary<string, string> labels)
        {
            run.Add("read and decode files", Read);
            run.Add("parse YAML", Parse);
            var ruleTotal = 0L;
            for (var r = 0; r < rules.Count; r++)
            {
                run.Add(labels[rules[r].Id], Rules[r]);
                ruleTotal += Rules[r];
            }

            run.Add("objects, inline ignores, findings", RunTimings.Now - started - Read - Parse - ruleTotal);
        }
    }

    private sealed record FileOutcome(List<Finding> Findings, int Documents, InputError? Error, List<Startup.PodStartup>? Pods = null);

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
