using MeshLint.Findings;
using MeshLint.Mesh;
using MeshLint.Server.Protocol;

namespace MeshLint.Server.Documents;

/// <summary>
/// The open buffers, the workspace folders and the lints of both. A change schedules a lint of its
/// buffer after a quiet spell (the debounce); one worker lints one buffer at a time, so typing never
/// has more than one scan behind it, and a result that a newer change has overtaken is dropped. When
/// a buffer that feeds the mesh context changes (a Namespace, a control plane, a Service, a
/// kustomization), the other open buffers are linted again with it.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<string, State> documents = new(StringComparer.Ordinal);
    private readonly List<string> folders = [];
    private readonly MeshContextCache cache = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeSpan debounce;
    private readonly Func<PublishDiagnosticsParams, Task> publish;
    private readonly Action<int, string> log;
    private readonly Task worker;
    private string shownProblems = string.Empty;
    private bool disposed;

    /// <param name="publish">Sends diagnostics to the client.</param>
    /// <param name="log">Tells the client something: an LSP message type (1 error … 4 log) and the text.</param>
    public Workspace(TimeSpan debounce, Func<PublishDiagnosticsParams, Task> publish, Action<int, string> log)
    {
        this.debounce = debounce;
        this.publish = publish;
        this.log = log;
        worker = Task.Run(WorkAsync);
    }

    /// <summary>How many lints have run, for tests that wait for one.</summary>
    public int Lints { get; private set; }

    public void SetFolders(IEnumerable<string> paths)
    {
        lock (gate)
        {
            folders.Clear();
            folders.AddRange(paths.Distinct(StringComparer.Ordinal));
            foreach (var state in documents.Values)
            {
                state.Place = PlaceOf(state.Document.Path);
            }
        }

        cache.Clear();
        ScheduleAll(TimeSpan.Zero);
    }

    public IReadOnlyList<string> Folders
    {
        get
        {
            lock (gate)
            {
                return folders.ToList();
            }
        }
    }

    public OpenDocument? Find(string uri)
    {
        lock (gate)
        {
            return documents.TryGetValue(uri, out var state) ? state.Document : null;
        }
    }

    public void Open(string uri, int version, string text)
    {
        var path = Uris.ToPath(uri);
        lock (gate)
        {
            var document = new OpenDocument(uri, path, version, text);
            documents[uri] = new State(document, PlaceOf(path)) { PropagatedBytes = path is not null && File.Exists(path) ? document.Bytes : null };
            Schedule(documents[uri], TimeSpan.Zero);
        }
    }

    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        lock (gate)
        {
            if (!documents.TryGetValue(uri, out var state))
            {
                log(Lsp.MessageLog, $"didChange for {uri}, which is not open; ignored");
                return;
            }

            state.Document.Apply(version, changes);
            Schedule(state, debounce);
        }
    }

    public void Close(string uri)
    {
        State? closed;
        lock (gate)
        {
            if (!documents.Remove(uri, out closed))
            {
                return;
            }

            closed.Closed = true;
            foreach (var waiter in closed.Waiters)
            {
                waiter.Result.TrySetResult(null);
            }
        }

        _ = publish(new PublishDiagnosticsParams(uri, null, []));
        // Its file on disk takes the buffer's place in the context again.
        if (closed.FedContext || (closed.Document.Path is { } path && ContextFeeds.FileFeeds(path)))
        {
            ScheduleOthers(null, TimeSpan.Zero);
        }
    }

    /// <summary>A saved buffer: configuration is read from disk, so a saved <c>.meshlint.yaml</c> changes every lint.</summary>
    public void Saved(string uri)
    {
        var path = Uris.ToPath(uri);
        if (path is null)
        {
            return;
        }

        if (ContextFeeds.IsConfiguration(path))
        {
            cache.Clear();
            ScheduleAll(TimeSpan.Zero);
        }
        else if (ContextFeeds.FileFeeds(path))
        {
            // It may be a new file, which the kept listing of its work tree does not hold yet.
            cache.ForgetListings();
        }
    }

    /// <summary>Files changed on disk, as the client's file watcher reports them; open buffers keep their own text.</summary>
    public void FilesChanged(IReadOnlyList<FileEvent> changes)
    {
        var relint = false;
        foreach (var change in changes)
        {
            if (Uris.ToPath(change.Uri) is not { } path)
            {
                continue;
            }

            if (ContextFeeds.IsConfiguration(path))
            {
                cache.Clear();
                relint = true;
                continue;
            }

            if (change.Type != Lsp.FileChanged)
            {
                cache.ForgetListings();
            }

            relint |= change.Type == Lsp.FileDeleted || ContextFeeds.FileFeeds(path);
        }

        if (relint)
        {
            ScheduleAll(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// The lint of the buffer's current version, waiting for it when a change is still being
    /// linted; null for a buffer that is not open (or closes meanwhile).
    /// </summary>
    public Task<Linted?> CurrentAsync(string uri, CancellationToken cancellation)
    {
        lock (gate)
        {
            if (!documents.TryGetValue(uri, out var state))
            {
                return Task.FromResult<Linted?>(null);
            }

            if (state.Latest is { } latest && latest.Version == state.Document.Version && ReferenceEquals(latest.Text, state.Document.Text))
            {
                return Task.FromResult<Linted?>(latest);
            }

            var waiter = new Waiter(state.Document.Version, new TaskCompletionSource<Linted?>(TaskCreationOptions.RunContinuationsAsynchronously));
            state.Waiters.Add(waiter);
            // Someone is waiting: no reason to wait out the debounce.
            Schedule(state, TimeSpan.Zero);
            cancellation.Register(() => waiter.Result.TrySetCanceled(cancellation));
            return waiter.Result.Task;
        }
    }

    /// <summary>The newest lint of a buffer, whatever version it was for; null before the first.</summary>
    public Linted? Latest(string uri)
    {
        lock (gate)
        {
            return documents.TryGetValue(uri, out var state) ? state.Latest : null;
        }
    }

    /// <summary>The buffers that stand in for files, by full path, as a scan's contents.</summary>
    public IReadOnlyDictionary<string, byte[]> Buffers()
    {
        lock (gate)
        {
            return BuffersLocked();
        }
    }

    /// <summary>The client URI of an open buffer for a path, or the file's own URI.</summary>
    public string UriOf(string fullPath)
    {
        lock (gate)
        {
            return documents.Values.FirstOrDefault(state => state.Document.Path == fullPath)?.Document.Uri ?? Uris.FromPath(fullPath);
        }
    }

    public LintPlace PlaceFor(string? path)
    {
        lock (gate)
        {
            return PlaceOf(path);
        }
    }

    public MeshContextCache Cache => cache;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stopping.Cancel();
        wake.Release();
        try
        {
            worker.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The worker stops on cancellation; anything else it met was logged.
        }

        stopping.Dispose();
        wake.Dispose();
    }

    private LintPlace PlaceOf(string? path) =>
        path is null ? new LintPlace(folders.FirstOrDefault() ?? Directory.GetCurrentDirectory(), null) : LintPlace.For(path, folders);

    private Dictionary<string, byte[]> BuffersLocked() =>
        documents.Values.Where(state => state.Document.Path is not null)
            .GroupBy(state => state.Document.Path!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last().Document.Bytes, StringComparer.Ordinal);

    private void Schedule(State state, TimeSpan delay)
    {
        var due = Environment.TickCount64 + (long)delay.TotalMilliseconds;
        // A change restarts the quiet spell; a lint wanted now (an open, a waiting request) only moves it closer.
        state.DueAt = delay > TimeSpan.Zero || state.DueAt < 0 ? due : Math.Min(state.DueAt, due);

        wake.Release();
    }

    private void ScheduleAll(TimeSpan delay)
    {
        lock (gate)
        {
            foreach (var state in documents.Values)
            {
                Schedule(state, delay);
            }
        }
    }

    private void ScheduleOthers(State? except, TimeSpan delay)
    {
        lock (gate)
        {
            foreach (var state in documents.Values.Where(state => !ReferenceEquals(state, except)))
            {
                Schedule(state, delay);
            }
        }
    }

    /// <summary>
    /// While set, the worker starts no lint: tests use it to hold a request in its wait (a cancelled
    /// request must be answered RequestCancelled, which a lint finishing first would pre-empt).
    /// </summary>
    internal SemaphoreSlim? HoldLints { get; set; }

    /// <summary>The requests waiting for a lint of <paramref name="uri"/>, for the tests of cancellation.</summary>
    internal int Waiting(string uri)
    {
        lock (gate)
        {
            return documents.TryGetValue(uri, out var state) ? state.Waiters.Count(waiter => !waiter.Result.Task.IsCompleted) : 0;
        }
    }

    private async Task WorkAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            if (HoldLints is { } hold)
            {
                await hold.WaitAsync(stopping.Token).ConfigureAwait(false);
                hold.Release();
            }

            Job? job;
            TimeSpan wait;
            lock (gate)
            {
                (job, wait) = NextJob();
            }

            if (job is null)
            {
                try
                {
                    await wake.WaitAsync(wait, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Run(job);
        }
    }

    private (Job? Job, TimeSpan Wait) NextJob()
    {
        var now = Environment.TickCount64;
        State? next = null;
        foreach (var state in documents.Values)
        {
            if (state.DueAt >= 0 && (next is null || state.DueAt < next.DueAt))
            {
                next = state;
            }
        }

        if (next is null)
        {
            return (null, Timeout.InfiniteTimeSpan);
        }

        if (next.DueAt > now)
        {
            return (null, TimeSpan.FromMilliseconds(next.DueAt - now));
        }

        next.DueAt = -1;
        var document = next.Document;
        var request = BufferLint.RequestFor(document.Path, document.Text, next.Place, BuffersLocked(), cache);
        return (new Job(next, document.Version, document.Text, document.Bytes, request), TimeSpan.Zero);
    }

    private void Run(Job job)
    {
        Linted linted;
        try
        {
            linted = BufferLint.Run(job.Version, job.Text, job.Request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A defect of MeshLint's own: the buffer keeps its last diagnostics, and the server goes on.
            log(Lsp.MessageError, $"meshlint: internal error while linting {job.State.Document.Uri}: {exception.GetType().Name}: {exception.Message}");
            return;
        }

        Lints++;
        var state = job.State;
        PublishDiagnosticsParams? diagnostics = null;
        bool propagate;
        lock (gate)
        {
            if (state.Closed)
            {
                return;
            }

            var current = state.Document.Version == job.Version && ReferenceEquals(state.Document.Text, job.Text);
            if (current)
            {
                state.Latest = linted;
                foreach (var waiter in state.Waiters.Where(waiter => waiter.Version <= job.Version).ToList())
                {
                    waiter.Result.TrySetResult(linted);
                    state.Waiters.Remove(waiter);
                }

                // A version is published once per change of its findings; a new version always, so the client sees it is current.
                if (state.Published is not { } published || state.PublishedVersion != job.Version || !Features.Diagnostics.Same(published, linted.Findings))
                {
                    state.Published = linted.Findings;
                    state.PublishedVersion = job.Version;
                    diagnostics = new PublishDiagnosticsParams(state.Document.Uri, job.Version, linted.Findings.Select(finding => Features.Diagnostics.Of(finding, linted, PathToUri(linted))).ToList());
                }
            }

            // A buffer that feeds the context (or did) and changed since it was last passed on: the others see it next.
            var feeds = state.Document.Path is { } path && ContextFeeds.Feeds(path, job.Bytes);
            propagate = current && !ReferenceEquals(state.PropagatedBytes, job.Bytes) && (feeds || state.FedContext);
            if (current)
            {
                state.FedContext = feeds;
                state.PropagatedBytes = job.Bytes;
            }
        }

        Tell(linted.Problems);
        if (diagnostics is not null)
        {
            _ = publish(diagnostics);
        }

        if (propagate)
        {
            ScheduleOthers(state, TimeSpan.Zero);
        }
    }

    private Func<string, string?> PathToUri(Linted linted) =>
        displayPath => UriOfLocked(Path.GetFullPath(displayPath, linted.WorkingDirectory));

    private string UriOfLocked(string fullPath) =>
        documents.Values.FirstOrDefault(state => state.Document.Path == fullPath)?.Document.Uri ?? Uris.FromPath(fullPath);

    /// <summary>Problems of a run (a bad configuration) are shown once, not after every keystroke; they also go to the log.</summary>
    private void Tell(IReadOnlyList<string> problems)
    {
        var text = string.Join("\n", problems);
        lock (gate)
        {
            if (text == shownProblems)
            {
                return;
            }

            shownProblems = text;
        }

        if (text.Length > 0)
        {
            log(Lsp.MessageWarning, "meshlint: " + text);
        }
    }

    private sealed class State(OpenDocument document, LintPlace place)
    {
        public OpenDocument Document { get; } = document;

        public LintPlace Place { get; set; } = place;

        /// <summary>When the next lint is due (<see cref="Environment.TickCount64"/>), or -1 for none.</summary>
        public long DueAt { get; set; } = -1;

        public Linted? Latest { get; set; }

        public IReadOnlyList<Finding>? Published { get; set; }

        public int PublishedVersion { get; set; }

        public List<Waiter> Waiters { get; } = [];

        public bool FedContext { get; set; }

        public byte[]? PropagatedBytes { get; set; }

        public bool Closed { get; set; }
    }

    private sealed record Waiter(int Version, TaskCompletionSource<Linted?> Result);

    private sealed record Job(State State, int Version, string Text, byte[] Bytes, Scanning.ScanRequest Request);
}

/// <summary>Which files the mesh context, or the scan itself, is read from.</summary>
public static class ContextFeeds
{
    private static readonly HashSet<string> Kustomizations = new(StringComparer.Ordinal) { "kustomization.yaml", "kustomization.yml", "Kustomization" };

    /// <summary>Whether these contents of the file can change another file's findings.</summary>
    public static bool Feeds(string path, byte[] contents) =>
        Kustomizations.Contains(Path.GetFileName(path)) || MeshContextBuilder.MayContribute(contents);

    /// <summary>The same for a file on disk (false when it cannot be read).</summary>
    public static bool FileFeeds(string path)
    {
        if (Kustomizations.Contains(Path.GetFileName(path)))
        {
            return true;
        }

        if (!Input.FileDiscovery.IsYamlFile(path))
        {
            return false;
        }

        try
        {
            return File.Exists(path) && MeshContextBuilder.MayContribute(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Files that change what every scan reads: configuration, user rules and .gitignore.</summary>
    public static bool IsConfiguration(string path)
    {
        var name = Path.GetFileName(path);
        return name is ".meshlint.yaml" or ".gitignore"
            || path.Contains($"{Path.DirectorySeparatorChar}.meshlint{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
    }
}
