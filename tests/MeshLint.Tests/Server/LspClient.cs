using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshLint.Server;

namespace MeshLint.Tests.Server;

/// <summary>
/// A language client for tests: it frames JSON-RPC messages as LSP does (Content-Length headers)
/// and talks to a <see cref="LanguageServer"/> in this process over two pipes, or to any server
/// through a pair of streams. It writes raw frames too, to send what a real client never would.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Stream toServer;
    private readonly Stream fromServer;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly List<JsonElement> notifications = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task reading;
    private readonly SemaphoreSlim writing = new(1);
    private int nextId;

    public LspClient(Stream toServer, Stream fromServer)
    {
        this.toServer = toServer;
        this.fromServer = fromServer;
        reading = Task.Run(ReadAsync);
    }

    /// <summary>The server's exit code, for a server started in this process.</summary>
    public Task<int>? Serving { get; private init; }

    public LanguageServer? Server { get; private init; }

    public StringWriter Log { get; private init; } = new();

    /// <summary>A server in this process with its own pipes; the debounce is short so tests do not wait.</summary>
    public static LspClient InProcess(TimeSpan? debounce = null)
    {
        var up = new Pipe();
        var down = new Pipe();
        var log = new StringWriter();
        var server = LanguageServer.Start(up.Reader.AsStream(), down.Writer.AsStream(), TextWriter.Synchronized(log), debounce ?? TimeSpan.FromMilliseconds(20), out var serving);
        return new LspClient(up.Writer.AsStream(), down.Reader.AsStream()) { Serving = serving, Server = server, Log = log };
    }

    public static string Uri(string path) => new System.Uri(path).AbsoluteUri;

    /// <summary>Sends a request and waits for its response: the result, or a <see cref="LspError"/>.</summary>
    public async Task<JsonElement> RequestAsync(string method, JsonNode? parameters, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var (task, _) = await SendRequestAsync(id, method, parameters);
        return await task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends a request without waiting: its id and the task of its response.</summary>
    public async Task<(Task<JsonElement> Response, int Id)> SendRequestAsync(int? id, string method, JsonNode? parameters)
    {
        var requestId = id ?? Interlocked.Increment(ref nextId);
        var source = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[requestId] = source;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = requestId, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        await WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString()));
        return (source.Task, requestId);
    }

    public Task NotifyAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    /// <summary>One frame per content with exactly these bytes, valid JSON or not, written and flushed together.</summary>
    public async Task WriteAsync(params byte[][] contents)
    {
        await writing.WaitAsync();
        try
        {
            foreach (var content in contents)
            {
                await toServer.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {content.Length}\r\n\r\n"));
                await toServer.WriteAsync(content);
            }

            await toServer.FlushAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    public async Task<JsonElement> InitializeAsync(string? root, JsonNode? capabilities = null, JsonNode? options = null, int? processId = null)
    {
        var parameters = new JsonObject
        {
            ["processId"] = processId ?? Environment.ProcessId,
            ["rootUri"] = root is null ? null : Uri(root),
            ["capabilities"] = capabilities ?? new JsonObject
            {
                ["workspace"] = new JsonObject { ["workspaceEdit"] = new JsonObject { ["documentChanges"] = true } },
            },
        };
        if (options is not null)
        {
            parameters["initializationOptions"] = options;
        }

        var result = await RequestAsync("initialize", parameters);
        await NotifyAsync("initialized", new JsonObject());
        return result;
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = version, ["text"] = text } });

    /// <summary>Replaces the whole text.</summary>
    public Task ChangeAsync(string uri, int version, string text) =>
        NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });

    public Task EditAsync(string uri, int version, int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = Range(startLine, startCharacter, endLine, endCharacter), ["text"] = text }),
        });

    public static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = startLine, ["character"] = startCharacter },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };

    public static JsonObject At(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    /// <summary>The next diagnostics for <paramref name="uri"/> that satisfy <paramref name="wanted"/>, waiting for them.</summary>
    public async Task<JsonElement> DiagnosticsAsync(string uri, Func<JsonElement, bool>? wanted = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var seen = 0;
        while (true)
        {
            lock (notifications)
            {
                for (; seen < notifications.Count; seen++)
                {
                    var message = notifications[seen];
                    if (message.GetProperty("method").GetString() == "textDocument/publishDiagnostics"
                        && message.GetProperty("params").GetProperty("uri").GetString() == uri
                        && (wanted?.Invoke(message.GetProperty("params")) ?? true))
                    {
                        notifications.RemoveRange(0, seen + 1);
                        return message.GetProperty("params");
                    }
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no matching diagnostics for {uri}; server log:\n{Log}");
            }

            await arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The rule ids of a publishDiagnostics' diagnostics, in order.</summary>
    public static IReadOnlyList<string> Codes(JsonElement diagnostics) =>
        diagnostics.GetProperty("diagnostics").EnumerateArray().Select(diagnostic => diagnostic.GetProperty("code").GetString()!).ToList();

    public IReadOnlyList<JsonElement> Notifications(string method)
    {
        lock (notifications)
        {
            return notifications.Where(message => message.GetProperty("method").GetString() == method).ToList();
        }
    }

    public async Task<int> ShutdownAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
        return await (Serving ?? Task.FromResult(0)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        toServer.Dispose();
        if (Serving is not null)
        {
            await Serving.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
        }

        Server?.Dispose();
        fromServer.Dispose();
        await reading.ContinueWith(_ => { });
    }

    private async Task ReadAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var length = -1;
            while (length < 0)
            {
                var text = Encoding.ASCII.GetString(buffer.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var header = text[..end].Split("\r\n").First(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    buffer.RemoveRange(0, end + 4);
                    break;
                }

                var read = await fromServer.ReadAsync(chunk);
                if (read == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, read));
            }

            while (buffer.Count < length)
            {
                var read = await fromServer.ReadAsync(chunk);
                if (read == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, read));
            }

            var message = JsonDocument.Parse(buffer.GetRange(0, length).ToArray()).RootElement.Clone();
            buffer.RemoveRange(0, length);
            Dispatch(message);
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && !message.TryGetProperty("method", out _))
        {
            if (id.ValueKind == JsonValueKind.Number && pending.TryRemove(id.GetInt32(), out var source))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    source.TrySetException(new LspError(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? string.Empty));
                }
                else
                {
                    source.TrySetResult(message.GetProperty("result"));
                }
            }

            return;
        }

        if (message.TryGetProperty("id", out var requestId) && message.GetProperty("method").GetString() is { } method)
        {
            // A request from the server (client/registerCapability): accept it.
            var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(requestId.GetRawText()), ["result"] = null };
            _ = WriteAsync(Encoding.UTF8.GetBytes(reply.ToJsonString()));
            _ = method;
        }

        lock (notifications)
        {
            notifications.Add(message);
        }

        arrived.Release();
    }
}

/// <summary>An error response: its JSON-RPC code and message.</summary>
public sealed class LspError(int code, string message) : Exception($"{code}: {message}")
{
    public int Code { get; } = code;
}
