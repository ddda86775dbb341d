using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MeshLint.Server.Documents;
using MeshLint.Server.Features;
using MeshLint.Server.Protocol;
using StreamJsonRpc;

namespace MeshLint.Server;

/// <summary>
/// <c>meshlint server</c>: a Language Server Protocol 3.17 server over a pair of streams (standard
/// input and output). StreamJsonRpc carries the protocol (Content-Length framing, requests,
/// notifications, <c>$/cancelRequest</c>); every message is read and written through
/// source-generated System.Text.Json contracts, so the server runs in a Native AOT build.
/// </summary>
public sealed class LanguageServer : IDisposable
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    private readonly JsonRpc rpc;
    private readonly TextWriter log;
    private readonly TimeSpan defaultDebounce;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Workspace? workspace;
    private ClientFeatures client = ClientFeatures.None;
    private volatile int phase; // 0 before initialize, 1 running, 2 shut down

    private LanguageServer(Stream input, Stream output, TextWriter log, TimeSpan debounce)
    {
        this.log = log;
        defaultDebounce = debounce;
        var formatter = CreateFormatter();
        rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        rpc.TraceSource.Switch.Level = SourceLevels.Warning;
        rpc.TraceSource.Listeners.Clear();
        rpc.TraceSource.Listeners.Add(new TextWriterTraceListener(log));

        Request("initialize", Initialize);
        Request("textDocument/hover", HoverAsync);
        Request("textDocument/completion", CompletionAsync);
        Request("textDocument/codeAction", CodeActionAsync);
        Notification("initialized", Initialized);
        Notification("textDocument/didOpen", DidOpen);
        Notification("textDocument/didChange", DidChange);
        Notification("textDocument/didClose", DidClose);
        Notification("textDocument/didSave", DidSave);
        Notification("workspace/didChangeWatchedFiles", DidChangeWatchedFiles);
        Notification("workspace/didChangeWorkspaceFolders", DidChangeWorkspaceFolders);
        Notification("workspace/didChangeConfiguration", _ => { });
        Func<JsonElement> shutdown = Shutdown;
        rpc.AddLocalRpcMethod(shutdown.Method, shutdown.Target, new JsonRpcMethodAttribute("shutdown"));
        Action exit = Exit;
        rpc.AddLocalRpcMethod(exit.Method, exit.Target, new JsonRpcMethodAttribute("exit"));
    }

    /// <summary>The workspace, once <c>initialize</c> has made it (tests look at it).</summary>
    internal Workspace? Workspace => workspace;

    /// <summary>
    /// Serves one client until it sends <c>exit</c>, closes the connection, or its process (the
    /// <c>processId</c> of <c>initialize</c>) ends. The exit code is 0 after <c>shutdown</c> and
    /// <c>exit</c>, 1 otherwise, as the protocol asks.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, TimeSpan? debounce = null, CancellationToken cancellation = default)
    {
        using var server = new LanguageServer(input, output, log, debounce ?? TimeSpan.FromMilliseconds(150));
        return await server.ServeAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>A server on the given streams, started, for tests that look inside it.</summary>
    internal static LanguageServer Start(Stream input, Stream output, TextWriter log, TimeSpan debounce, out Task<int> serving)
    {
        var server = new LanguageServer(input, output, log, debounce);
        serving = server.ServeAsync(CancellationToken.None);
        return server;
    }

    private async Task<int> ServeAsync(CancellationToken cancellation)
    {
        rpc.StartListening();
        using var stop = cancellation.Register(() => exited.TrySetResult(1));
        var finished = await Task.WhenAny(rpc.Completion, exited.Task).ConfigureAwait(false);
        if (finished == rpc.Completion)
        {
            try
            {
                await rpc.Completion.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A stream that is no longer JSON-RPC (a message that is not JSON) cannot be read on: say so in one line.
                await log.WriteLineAsync($"meshlint server: the connection ended: {exception.GetBaseException().Message}").ConfigureAwait(false);
            }

            return phase == 2 ? 0 : 1;
        }

        return await exited.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        workspace?.Dispose();
        rpc.Dispose();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The formatter is given source-generated contracts for every type it meets (LspJson), including StreamJsonRpc's own; the Native AOT probe in docs/editors.md ran it.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: no type is serialized through reflection.")]
    private static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.TypeInfoResolver = LspJson.Default;
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        return formatter;
    }

    // Every method takes its params as one JSON object and reads it through the source-generated
    // contracts here, so a malformed params object is an InvalidParams error, not a lost message.
    private void Request(string method, Func<JsonElement, CancellationToken, Task<JsonElement>> handler) =>
        rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private void Notification(string method, Action<JsonElement> handler)
    {
        Action<JsonElement> guarded = parameters =>
        {
            if (phase != 1)
            {
                // Before initialize and after shutdown, notifications other than exit are dropped.
                return;
            }

            try
            {
                handler(parameters);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
            {
                log.WriteLine($"meshlint server: {method}: malformed params ({exception.Message}); ignored");
            }
        };
        rpc.AddLocalRpcMethod(guarded.Method, guarded.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
    }

    private static T Read<T>(JsonElement parameters, JsonTypeInfo<T> type)
    {
        try
        {
            return parameters.Deserialize(type) ?? throw new LocalRpcException("params are missing") { ErrorCode = Lsp.InvalidParams };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new LocalRpcException($"malformed params: {exception.Message}") { ErrorCode = Lsp.InvalidParams };
        }
    }

    private static JsonElement Write<T>(T value, JsonTypeInfo<T> type) => value is null ? Null : JsonSerializer.SerializeToElement(value, type);

    private Workspace Running()
    {
        return phase switch
        {
            0 => throw new LocalRpcException("the server is not initialized yet") { ErrorCode = Lsp.ServerNotInitialized },
            2 => throw new LocalRpcException("the server is shutting down") { ErrorCode = Lsp.InvalidRequest },
            _ => workspace!,
        };
    }

    private Task<JsonElement> Initialize(JsonElement parameters, CancellationToken cancellation)
    {
        if (phase != 0)
        {
            throw new LocalRpcException("initialize was sent twice") { ErrorCode = Lsp.InvalidRequest };
        }

        var request = Read(parameters, LspJson.Default.InitializeParams);
        client = ClientFeatures.Of(request.Capabilities);
        var debounce = request.InitializationOptions is { ValueKind: JsonValueKind.Object } options
            && options.TryGetProperty("debounceMilliseconds", out var value) && value.TryGetInt32(out var milliseconds) && milliseconds >= 0
                ? TimeSpan.FromMilliseconds(milliseconds)
                : defaultDebounce;
        workspace = new Workspace(debounce, PublishAsync, Tell);
        workspace.SetFolders(FoldersOf(request));
        // A client whose process this server cannot see (another PID namespace) is not watched: it would look gone at once.
        if (request.ProcessId is { } processId && IsRunning(processId))
        {
            _ = WatchClientAsync(processId);
        }

        phase = 1;
        var capabilities = new ServerCapabilities(
            "utf-16",
            new TextDocumentSyncOptions(true, Lsp.SyncIncremental, new SaveOptions(false)),
            true,
            new CodeActionOptions([Lsp.QuickFix, Lsp.FixAllKind], false),
            new CompletionOptions(["/", ".", ":", "-", "\""], false),
            new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(true, true)));
        var version = typeof(LanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return Task.FromResult(Write(new InitializeResult(capabilities, new ServerInfo("meshlint", version)), LspJson.Default.InitializeResult));
    }

    private static IEnumerable<string> FoldersOf(InitializeParams request)
    {
        if (request.WorkspaceFolders is { Count: > 0 } folders)
        {
            return folders.Select(folder => Uris.ToPath(folder.Uri)).OfType<string>();
        }

        if (Uris.ToPath(request.RootUri) is { } root)
        {
            return [root];
        }

        return request.RootPath is { Length: > 0 } path ? [Path.GetFullPath(path)] : [];
    }

    private void Initialized(JsonElement parameters)
    {
        if (!client.WatchesFiles)
        {
            return;
        }

        // Files that feed the context change outside the editor too (git checkout, a generator).
        var watchers = new[] { "**/*.yaml", "**/*.yml", "**/Kustomization", "**/.meshlint.yaml", "**/.meshlint/**", "**/.gitignore" }
            .Select(glob => new Protocol.FileSystemWatcher(glob)).ToList();
        var registration = new RegistrationParams([new Registration("meshlint-watched-files", "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers))]);
        _ = RequestClientAsync("client/registerCapability", Write(registration, LspJson.Default.RegistrationParams));
    }

    private JsonElement Shutdown()
    {
        if (phase == 0)
        {
            throw new LocalRpcException("the server is not initialized yet") { ErrorCode = Lsp.ServerNotInitialized };
        }

        phase = 2;
        workspace?.Dispose();
        return Null;
    }

    private void Exit() => exited.TrySetResult(phase == 2 ? 0 : 1);

    private void DidOpen(JsonElement parameters)
    {
        var document = Read(parameters, LspJson.Default.DidOpenTextDocumentParams).TextDocument;
        Running().Open(document.Uri, document.Version, document.Text ?? string.Empty);
    }

    private void DidChange(JsonElement parameters)
    {
        var change = Read(parameters, LspJson.Default.DidChangeTextDocumentParams);
        Running().Change(change.TextDocument.Uri, change.TextDocument.Version ?? 0, change.ContentChanges ?? []);
    }

    private void DidClose(JsonElement parameters) => Running().Close(Read(parameters, LspJson.Default.DidCloseTextDocumentParams).TextDocument.Uri);

    private void DidSave(JsonElement parameters) => Running().Saved(Read(parameters, LspJson.Default.DidSaveTextDocumentParams).TextDocument.Uri);

    private void DidChangeWatchedFiles(JsonElement parameters) => Running().FilesChanged(Read(parameters, LspJson.Default.DidChangeWatchedFilesParams).Changes ?? []);

    private void DidChangeWorkspaceFolders(JsonElement parameters)
    {
        var change = Read(parameters, LspJson.Default.DidChangeWorkspaceFoldersParams).Event;
        var workspace = Running();
        var removed = (change.Removed ?? []).Select(folder => Uris.ToPath(folder.Uri)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = (change.Added ?? []).Select(folder => Uris.ToPath(folder.Uri)).OfType<string>();
        workspace.SetFolders(workspace.Folders.Where(folder => !removed.Contains(folder)).Concat(added));
    }

    private async Task<JsonElement> HoverAsync(JsonElement parameters, CancellationToken cancellation)
    {
        var request = Read(parameters, LspJson.Default.TextDocumentPositionParams);
        var workspace = Running();
        if (workspace.Find(request.TextDocument.Uri) is not { } document)
        {
            return Null;
        }

        var lines = document.Lines;
        if (Hovers.Target(lines, request.Position) is not { } target)
        {
            return Null;
        }

        var markdown = Hovers.ForKey(target.Entry, target.Context);
        if (markdown is null && target.Context.HasPods)
        {
            // The pod's model comes from a lint; an older one still names the same objects.
            var linted = workspace.Latest(request.TextDocument.Uri) ?? await workspace.CurrentAsync(request.TextDocument.Uri, cancellation).ConfigureAwait(false);
            markdown = linted is null ? null : Hovers.ForPod(target.Entry, target.Context, linted);
        }

        if (markdown is null)
        {
            return Null;
        }

        var range = new Protocol.Range(new Position(target.Entry.Line, target.Entry.Column), new Position(target.Entry.Line, target.Entry.KeyEnd));
        var contents = new MarkupContent(client.HoverMarkdown ? "markdown" : "plaintext", markdown);
        return Write(new Protocol.Hover(contents, range), LspJson.Default.Hover);
    }

    private Task<JsonElement> CompletionAsync(JsonElement parameters, CancellationToken cancellation)
    {
        var request = Read(parameters, LspJson.Default.TextDocumentPositionParams);
        if (Running().Find(request.TextDocument.Uri) is not { } document)
        {
            return Task.FromResult(Null);
        }

        return Task.FromResult(Write(Completions.At(document.Lines, request.Position), LspJson.Default.CompletionList));
    }

    private async Task<JsonElement> CodeActionAsync(JsonElement parameters, CancellationToken cancellation)
    {
        var request = Read(parameters, LspJson.Default.CodeActionParams);
        var workspace = Running();
        var uri = request.TextDocument.Uri;
        if (workspace.Find(uri) is null || await workspace.CurrentAsync(uri, cancellation).ConfigureAwait(false) is not { } linted)
        {
            return Null;
        }

        var only = request.Context?.Only;
        WorkspaceEdit Edit(IReadOnlyList<Protocol.TextEdit> edits) => client.DocumentChanges
            ? new WorkspaceEdit { DocumentChanges = [new TextDocumentEdit(new VersionedTextDocumentIdentifier(uri, linted.Version), edits)] }
            : new WorkspaceEdit { Changes = new Dictionary<string, IReadOnlyList<Protocol.TextEdit>> { [uri] = edits } };
        var uriOf = (string display) => (string?)workspace.UriOf(Path.GetFullPath(display, linted.WorkingDirectory));
        var actions = new List<CodeAction>();
        if (CodeActions.Wants(only, Lsp.QuickFix))
        {
            actions.AddRange(CodeActions.QuickFixes(request, linted, uri, Edit, finding => Diagnostics.Of(finding, linted, uriOf)));
        }

        if (CodeActions.Wants(only, Lsp.FixAllKind))
        {
            cancellation.ThrowIfCancellationRequested();
            if (CodeActions.FixAll(linted, workspace.Buffers(), Edit) is { } fixAll)
            {
                actions.Add(fixAll);
            }
        }

        return Write<IReadOnlyList<CodeAction>>(actions, LspJson.Default.IReadOnlyListCodeAction);
    }

    private Task PublishAsync(PublishDiagnosticsParams diagnostics) => NotifyClientAsync("textDocument/publishDiagnostics", Write(diagnostics, LspJson.Default.PublishDiagnosticsParams));

    private void Tell(int type, string message)
    {
        log.WriteLine(message);
        if (type <= Lsp.MessageWarning)
        {
            _ = NotifyClientAsync("window/showMessage", Write(new ShowMessageParams(type, message), LspJson.Default.ShowMessageParams));
        }
        else
        {
            _ = NotifyClientAsync("window/logMessage", Write(new LogMessageParams(type, message), LspJson.Default.LogMessageParams));
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The argument is always a JsonElement, which the formatter writes through its source-generated contract.")]
    private async Task NotifyClientAsync(string method, JsonElement parameters)
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client has gone: the connection's end stops the server.
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The argument is always a JsonElement, which the formatter writes through its source-generated contract.")]
    private async Task RequestClientAsync(string method, JsonElement parameters)
    {
        try
        {
            await rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RemoteRpcException or ConnectionLostException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            await log.WriteLineAsync($"meshlint server: {method} failed: {exception.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>The protocol asks a server to exit when the process that started it has gone, even without <c>exit</c>.</summary>
    private async Task WatchClientAsync(int processId)
    {
        while (!exited.Task.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            if (!IsRunning(processId))
            {
                await log.WriteLineAsync($"meshlint server: the client (process {processId}) has gone; exiting").ConfigureAwait(false);
                exited.TrySetResult(1);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The parts of the client's capabilities the server adapts to.</summary>
    private sealed record ClientFeatures(bool HoverMarkdown, bool DocumentChanges, bool WatchesFiles)
    {
        public static ClientFeatures None { get; } = new(true, false, false);

        public static ClientFeatures Of(JsonElement? capabilities)
        {
            if (capabilities is not { ValueKind: JsonValueKind.Object } root)
            {
                return None;
            }

            var formats = At(root, "textDocument", "hover", "contentFormat");
            var markdown = formats is not { ValueKind: JsonValueKind.Array } list || list.EnumerateArray().Any(format => format.ValueKind == JsonValueKind.String && format.GetString() == "markdown");
            return new ClientFeatures(
                markdown,
                At(root, "workspace", "workspaceEdit", "documentChanges") is { ValueKind: JsonValueKind.True },
                At(root, "workspace", "didChangeWatchedFiles", "dynamicRegistration") is { ValueKind: JsonValueKind.True });
        }

        private static JsonElement? At(JsonElement element, params string[] path)
        {
            foreach (var name in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }

            return element;
        }
    }
}
