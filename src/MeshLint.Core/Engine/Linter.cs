using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Model;
using MeshLint.Parsing;
using MeshLint.Registry;
using MeshLint.Rendering;
using MeshLint.Rules;
using MeshLint.Rules.BuiltIn;
using MeshLint.Suppression;

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


    /// <summary>The rules run on a Kustomize patch: those that judge a value present, not something missing.</summary>
    private readonly IReadOnlyList<IObjectRule> patchRules;
    private readonly LintOptions options;

    /// <summary>Each rule's row in the timing table, when timings are asked for.</summary>
    private readonly Dictionary<string, string>? ruleLabels;
    private readonly TextReadings<ProxyConfigValue> proxyConfigReadings = new(ProxyConfigValue.Read);
    private readonly TextReadings<YamlMapping?> meshConfigReadings = new(MeshConfigText.Parse);

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

        // Build output first: its findings, carried back to the files they came from, stand in for
        // those files' own when the files are linted next (where their comments and fixes are).
        var built = Enumerable.Range(0, files.Count).Where(i => files[i].Origin is not null).ToList();
        var plain = Enumerable.Range(0, files.Count).Where(i => files[i].Origin is null).ToList();
        ForEachFile(built.Count, n =>
        {
            var i = built[n];
            var settings = options.SettingsFor?.Invoke(files[i]) ?? new FileSettings(options.Levels, options.Mesh);
            perFile[i] = LintFileGuarded(files[i], contents, meshes.GetOrAdd(settings.Mesh, meshFacts.With), rules, settings.Levels, false, null);
        });
        var fromBuilds = BuildFindings.Merge(built.SelectMany(i => perFile[i].Findings.Select(finding => (Finding: BuildOf(files[i]).Map(finding), Origin: BuildOf(files[i]))))
                .Where(item => item.Finding is not null)
                .Select(item => (item.Finding! with { Fix = null }, item.Origin)))
            .GroupBy(finding => finding.Path, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<Finding>)group.ToList(), StringComparer.Ordinal);
        var fedBack = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        ForEachFile(plain.Count, n =>
        {
            var i = plain[n];
            var settings = options.SettingsFor?.Invoke(files[i]) ?? new FileSettings(options.Levels, options.Mesh);
            var fileMesh = meshes.GetOrAdd(settings.Mesh, meshFacts.With);
            var isPatch = patches.Contains(files[i]);
            // Several in-process variants of one file share its path: the builds' findings go to one of them.
            var injected = fromBuilds.TryGetValue(files[i].DisplayPath, out var found) && fedBack.TryAdd(files[i].DisplayPath, true) ? found : null;
            perFile[i] = LintFileGuarded(files[i], contents, fileMesh, isPatch ? patchRules : rules, settings.Levels, isPatch, injected);
        });
        foreach (var i in built)
        {
            perFile[i] = perFile[i] with { Findings = [], Documents = 0, Pods = MapPods(perFile[i].Pods, BuildOf(files[i])), Unchecked = 0 };
        }

        var findings = perFile.SelectMany(outcome => outcome.Findings).ToList();
        findings.Sort(FindingOrder.Instance);
        var suppressed = findings.Where(finding => finding.IgnoredBy is not null).ToList();
        findings.RemoveAll(finding => finding.IgnoredBy is not null);
        var errors = contextErrors.Concat(perFile.Where(outcome => outcome.Error is not null).Select(outcome => outcome.Error!)).ToList();
        var pods = perFile.SelectMany(outcome => outcome.Pods ?? []).ToList();
        var notes = perFile.Select(outcome => outcome.Note).OfType<string>().ToList();

        // Each linted file's folder keeps the assumptions of its own configuration, for the views that show a folder's context.
        var folderAssumptions = new Dictionary<string, MeshAssumptions>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            folderAssumptions.TryAdd(MeshSources.FolderOf(file.DisplayPath), options.SettingsFor?.Invoke(file)?.Mesh ?? options.Mesh);
        }

        MeshContext ContextFor(string path) =>
            (folderAssumptions.TryGetValue(MeshSources.FolderOf(path), out var assumptions) ? meshes.GetOrAdd(assumptions, meshFacts.With) : mesh).For(path);
        return new LintResult(findings, errors, plain.Count, perFile.Sum(outcome => outcome.Documents))
        {
            Suppressed = suppressed,
            Pods = pods,
            Mesh = mesh,
            Notes = notes,
            ContextFor = ContextFor,
            UncheckedWorkloads = perFile.Sum(outcome => outcome.Unchecked),
        };
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
        Run([new SourceFile(path, null) { Content = System.Text.Encoding.UTF8.GetBytes(text), Role = FileRole.Manifest }]);

    /// <summary>
    /// Every file the context is read from, once each, in path order: the order decides which of two
    /// conflicting Namespaces wins, so it must not depend on which files were asked for.
    /// </summary>
    private static List<SourceFile> ContextSources(IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? contextFiles)
    {
        // A file that a build stands in for gives its context through the build's output.
        var sources = files.Where(file => file.FeedsContext).ToList();
        if (contextFiles is { Count: > 0 })
        {
            var seen = files.Select(file => file.FullPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
            sources.AddRange(contextFiles.Where(file => (file.FullPath is null || seen.Add(file.FullPath)) && file.FeedsContext));
        }

        return sources.OrderBy(file => file.DisplayPath, StringComparer.Ordinal).ToList();
    }

    private (MeshSources Mesh, IReadOnlyList<InputError> Errors) BuildMeshContext(IReadOnlyList<SourceFile> files, FileContents contents)
    {
        var builders = new MeshContextBuilder[files.Count];
        var errors = new InputError?[files.Count];
        var placement = new ContextPlacement(files);
        var testRoots = new string?[files.Count];
        var cache = options.ContextCache;
        ForEachFile(files.Count, i =>
        {
            var placed = placement.Of(files[i].DisplayPath);
            testRoots[i] = TestData.RootOf(placed) ?? (options.ContextExcluded?.Invoke(files[i]) == true ? MeshSources.FolderOf(placed) : null);

            // Taken before the file is read, so that a change while it is read is not hidden by the cache.
            var stamp = cache is null ? null : MeshContextCache.StampOf(files[i]);
            if (stamp is not null && cache!.Find(files[i], placed, stamp) is { } known && known.TestRoot == testRoots[i])
            {
                builders[i] = known;
                return;
            }

            var builder = new MeshContextBuilder(placed, testRoots[i]);
            builders[i] = builder;
            var started = RunTimings.Now;
            try
            {
                AddContext(files[i], contents, builder);
                options.Timings?.AddSince("mesh context (read, test, parse)", started);
                if (stamp is not null)
                {
                    cache!.Keep(files[i], placed, stamp, builder);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The context of every workload depends on this file, so its findings are not to be trusted: exit code 2.
                builders[i] = new MeshContextBuilder();
                errors[i] = new InputError(files[i].DisplayPath, $"internal error while reading the mesh context ({exception.GetType().Name}: {exception.Message})") { Cause = exception };
            }
        });
        var combined = MeshContextBuilder.Combine(builders, placement);
        if (combined.IstioEvidence is null)
        {
            var started = RunTimings.Now;
            combined = combined.WithEvidence(IstioEvidenceOnPods(files, testRoots, contents));
            options.Timings?.AddSince("mesh context (read, test, parse)", started);
        }

        return (combined, errors.OfType<InputError>().ToList());
    }

    /// <summary>
    /// The first pod template, in path order and outside test data, whose Istio label or annotation shows
    /// Istio in use: the rarer second look for <c>mesh.assumeInjection: auto</c> when no Namespace, control
    /// plane or Istio resource did. Only files whose bytes name an Istio key are parsed, and it stops at the first.
    /// </summary>
    private string? IstioEvidenceOnPods(IReadOnlyList<SourceFile> files, string?[] testRoots, FileContents contents)
    {
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                if (testRoots[i] is not null || contents.Read(files[i]) is not { } bytes || !MeshContextBuilder.MayShowIstio(bytes) || SourceText.Decode(bytes).Text is not { } text)
                {
                    continue;
                }

                foreach (var document in new YamlDocumentReader(text).Documents())
                {
                    foreach (var obj in ObjectReader.Objects(files[i].DisplayPath, document))
                    {
                        if (MeshContextBuilder.EvidenceOf(obj) is { } evidence)
                        {
                            return evidence;
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable file is reported where it is linted; it shows nothing here.
            }
        }

        return null;
    }

    private void AddContext(SourceFile file, FileContents contents, MeshContextBuilder builder)
    {
        if (contents.Read(file) is not { } bytes || !MeshContextBuilder.MayContribute(bytes) || SourceText.Decode(bytes).Text is not { } text)
        {
            return;
        }

        var named = MeshContextBuilder.IsNamedContextFile(file.DisplayPath);
        foreach (var document in new YamlDocumentReader(text).Documents())
        {
            if (named)
            {
                // A Chart.yaml or kustomization is known by its name; it need not have a kind.
                if (document.Root is YamlMapping root)
                {
                    var kind = root.Scalar("kind")?.Text is { Length: > 0 } written ? written : Path.GetFileName(file.DisplayPath) == "Chart.yaml" ? "Chart" : "Kustomization";
                    builder.AddNamedFile(new KubeObject(file.DisplayPath, document.Index, root, root.Scalar("apiVersion")?.Text, kind));
                }

                continue;
            }

            foreach (var obj in ObjectReader.Objects(file.DisplayPath, Transformed(document, file)))
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
    private FileOutcome LintFileGuarded(SourceFile file, FileContents contents, MeshSources mesh, IReadOnlyList<IObjectRule> fileRules, IReadOnlyDictionary<string, Level?> levels, bool isPatch, IReadOnlyList<Finding>? fromBuilds)
    {
        try
        {
            return LintFile(file, contents, mesh.For(file.DisplayPath), Running(fileRules, levels), levels, isPatch, fromBuilds);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var what = exception is RuleFailure failure ? $"rule {failure.RuleId}" : "the linter";
            var cause = exception is RuleFailure { InnerException: { } inner } ? inner : exception;
            return new FileOutcome([], 0, new InputError(file.DisplayPath, $"internal error in {what} ({cause.GetType().Name}: {cause.Message}); the file was not linted") { Cause = cause });
        }
    }

    /// <param name="fromBuilds">Findings that builds carried back to this file: added to its own, or in their place when it is judged through its builds.</param>
    private FileOutcome LintFile(SourceFile file, FileContents contents, MeshContext mesh, IReadOnlyList<IObjectRule> fileRules, IReadOnlyDictionary<string, Level?> levels, bool isPatch, IReadOnlyList<Finding>? fromBuilds)
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
            // Size says nothing about the YAML: a note for the run, not a syntax error to silence.
            return new FileOutcome(findings, 0, null) { Note = $"{file.DisplayPath}: larger than the {FileSizeLimit.Describe(options.MaxFileBytes)} limit (--max-file-size); not read" };
        }

        var decoded = SourceText.Decode(bytes);
        if (decoded.Problem is { } encodingProblem)
        {
            if (KubernetesInput.Of(file, isPatch, declaresObject: false, bytes) is not null)
            {
                AddSyntaxFinding(findings, file.DisplayPath, encodingProblem, 0, levels);
            }

            return new FileOutcome(findings, 0, null);
        }

        timings?.Lap(ref timings.Read);
        var pods = options.ModelStartup ? new List<Startup.PodStartup>() : null;
        var modelsStartup = pods is not null || fileRules.Any(rule => catalog.Find(rule.Id)?.Reads.Contains(RuleInput.Startup) == true);
        var notChecked = 0;
        var comments = CommentIgnores.Scan(decoded.Text!, catalog);
        var ledger = new IgnoreLedger();
        var documents = 0;
        var syntaxProblems = new List<(SyntaxProblem Problem, int DocumentIndex)>();
        var declaresObject = false;
        var edits = new Lazy<YamlEdits>(() => new YamlEdits(new SourceMap(decoded.Text!)), LazyThreadSafetyMode.None);
        using var reader = new YamlDocumentReader(decoded.Text!).Documents().GetEnumerator();
        while (NextDocument(reader, timings))
        {
            var document = reader.Current;
            documents++;
            foreach (var problem in document.Problems)
            {
                syntaxProblems.Add((problem, document.Index));
            }

            declaresObject |= document.Root is YamlMapping { } top && top.Entry("apiVersion") is not null && top.Entry("kind") is not null;

            foreach (var obj in ObjectReader.Objects(file.DisplayPath, Transformed(document, file)))
            {
                var first = findings.Count;
                // Through an alias one node stands in several places, and an edit of it would reach them all.
                var check = new ObjectCheck(obj, mesh, catalog, FileLevel, findings, proxyConfigReadings, meshConfigReadings, document.UsesAliases ? null : edits);
                if (modelsStartup)
                {
                    // The pod's start-up and shutdown are modelled once, before any rule reads them.
                    var modelled = timings is null ? 0 : RunTimings.Now;
                    check.BuildStartup();
                    if (timings is not null)
                    {
                        timings.Startup += RunTimings.Now - modelled;
                    }
                }

                for (var r = 0; r < fileRules.Count; r++)
                {
                    var rule = fileRules[r];
                    var started = timings is null ? 0 : RunTimings.Now;
                    try
                    {
                        if (rule is IIstioReleaseRule byRelease)
                        {
                            byRelease.Check(check, check.IstioRelease);
                        }
                        else
                        {
                            rule.Check(check);
                        }
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

                if (modelsStartup && check.Startup is { NotChecked: true })
                {
                    notChecked++;
                }

                var objectIgnores = AnnotationIgnores.Of(obj, check.Pod, catalog);
                ledger.Apply(objectIgnores, findings, first, static (_, _) => true);
                UnusedIgnore.ReportAnnotations(check, ledger.Unused(objectIgnores), rule => LevelOf(levels, rule));
            }
        }

        // MESH000 speaks only of YAML that is, or builds, Kubernetes objects: a broken mkdocs.yml or
        // workflow is another tool's business.
        var input = syntaxProblems.Count == 0 || file.JudgedByBuilds ? null : KubernetesInput.Of(file, isPatch, declaresObject, decoded.Text!);
        if (input is not null)
        {
            // A template that does not parse as YAML is one note, not a syntax error per document. It
            // is a MESH000 finding two levels below MESH000's own, and moves with it (off: no note, and
            // still nothing else from a file that is not YAML).
            // Jinja writes expressions as {{ }} too: a statement or comment tag is what tells it from Go.
            var template = JinjaTemplateText.FirstTag(decoded.Text!) is { } tag ? (At: tag, What: "a Jinja template", How: "pipe the rendered text into 'meshlint -'")
                : GoTemplateText.FirstAction(decoded.Text!) is { } action ? (At: action, What: "a Go template (Helm)", How: "a chart is rendered when helm is on PATH, or pipe 'helm template' into 'meshlint -'")
                : ((SourcePosition At, string What, string How)?)null;
            if (template is { } found)
            {
                var note = new SyntaxProblem(found.At, $"this is {found.What}, not YAML, so it was not linted", false);
                var templateFindings = new List<Finding>();
                AddSyntaxFinding(templateFindings, file.DisplayPath, note, 0, levels, Level.Note, $"lint its rendered output ({found.How})");
                return new FileOutcome(templateFindings, documents, null, null);
            }

            foreach (var (problem, documentIndex) in syntaxProblems)
            {
                AddSyntaxFinding(findings, file.DisplayPath, problem, documentIndex, levels, consequence: problem.DuplicateKey ? input.Value.DuplicateKeys() : null);
            }
        }

        if (syntaxProblems.Count > 0)
        {
            // meshlint fix never edits a file with MESH000, so no finding in it offers a fix.
            for (var i = 0; i < findings.Count; i++)
            {
                findings[i] = findings[i] with { Fix = null };
            }
        }

        if (file.JudgedByBuilds || fromBuilds is not null)
        {
            // The raw file's own findings give way to its builds'; where both find the same thing on
            // the same line, the raw finding's fix (an edit of this very text) goes with it.
            var own = findings.ToList();
            findings.Clear();
            if (!file.JudgedByBuilds)
            {
                findings.AddRange(own);
            }

            foreach (var finding in fromBuilds ?? [])
            {
                var fix = own.FirstOrDefault(raw => raw.Fix is not null && raw.RuleId == finding.RuleId && raw.Start.Line == finding.Start.Line)?.Fix;
                findings.Add(finding with { Fix = fix });
            }
        }

        ledger.Apply(comments, findings, 0, static (finding, ignore) => finding.Start.Line - ignore.At.Start.Line is 0 or 1);
        if (comments.Count > 0 && LevelOf(levels, UnusedIgnore.RuleId) is { } unusedLevel)
        {
            findings.AddRange(UnusedIgnore.ReportComments(catalog, unusedLevel, file.DisplayPath, ledger.Unused(comments), rule => LevelOf(levels, rule)));
        }
        timings?.AddTo(options.Timings!, fileRules, ruleLabels!);

        return new FileOutcome(findings, documents, null, pods) { Unchecked = notChecked };
    }

    /// <summary>Built pods shown where they come from (<c>meshlint startup</c>): each at the source of its anchor.</summary>
    // Only the build layer makes files with an origin, and all of them are builds.
    private static IBuildOrigin BuildOf(SourceFile file) => (IBuildOrigin)file.Origin!;

    private static List<Startup.PodStartup>? MapPods(List<Startup.PodStartup>? pods, IBuildOrigin origin) =>
        pods?.Select(pod => origin.Map(new Finding(pod.Path, pod.At, string.Empty, string.Empty, Level.Note, string.Empty, pod.Object, string.Empty)) is { } at
                ? pod with { Path = at.Path, At = at.Span }
                : null)
            .OfType<Startup.PodStartup>()
            .ToList();

    private static ParsedDocument Transformed(ParsedDocument document, SourceFile file) =>
        file.Transform is { } transform && document.Root is YamlMapping root ? document with { Root = transform(root) } : document;

    /// <summary>Adds a MESH000 finding at the level the configuration gives MESH000, or nothing when it is off.</summary>
    private void AddSyntaxFinding(List<Finding> findings, string path, SyntaxProblem problem, int documentIndex, IReadOnlyDictionary<string, Level?> levels, Level? reported = null, string? consequence = null)
    {
        if (LevelOf(levels, YamlSyntaxError.RuleId) is { } configured)
        {
            findings.Add(YamlSyntaxError.Report(catalog[YamlSyntaxError.RuleId], configured, path, problem, documentIndex, reported, consequence));
        }
    }

    /// <summary>
    /// The rules that can report under <paramref name="levels"/>: a rule turned off, or left out by
    /// --select, is not run at all. A lookup per rule and file, which costs nothing beside the file's lint.
    /// </summary>
    private List<IObjectRule> Running(IReadOnlyList<IObjectRule> fileRules, IReadOnlyDictionary<string, Level?> levels) =>
        fileRules.Where(rule => LevelOf(levels, rule.Id) is not null).ToList();

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
        public long Startup;
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
            run.Add("pod start-up model", Startup);
            var ruleTotal = Startup;
            for (var r = 0; r < rules.Count; r++)
            {
                run.Add(labels[rules[r].Id], Rules[r]);
                ruleTotal += Rules[r];
            }

            run.Add("objects, inline ignores, findings", RunTimings.Now - started - Read - Parse - ruleTotal);
        }
    }

    private sealed record FileOutcome(List<Finding> Findings, int Documents, InputError? Error, List<Startup.PodStartup>? Pods = null)
    {
        /// <summary>Workloads that got no Istio lifecycle check because nothing in the scan shows Istio in use.</summary>
        public int Unchecked { get; init; }

        /// <summary>Why the file was not read (over the size limit), for the run's summary.</summary>
        public string? Note { get; init; }
    }

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
