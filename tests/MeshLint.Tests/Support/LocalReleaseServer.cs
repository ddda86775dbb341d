using System.Net;
using System.Net.Sockets;

namespace MeshLint.Tests.Support;

/// <summary>
/// Serves a folder of release files over HTTP on 127.0.0.1, laid out as GitHub serves release
/// assets (<c>BASE/vVERSION/FILE</c>), and records each request, so tests see what an installer
/// downloaded and when it did not. <see cref="Tamper"/> serves altered bytes instead.
/// </summary>
public sealed class LocalReleaseServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string folder;
    private readonly string version;
    private readonly List<string> requests = [];
    private readonly Task serving;

    public LocalReleaseServer(string folder, string version)
    {
        this.folder = folder;
        this.version = version;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/releases/download";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        serving = Task.Run(Serve);
    }

    /// <summary>What the installers take as MESHLINT_RELEASE_URL (the Action's release-url).</summary>
    public string BaseUrl { get; }

    /// <summary>When true, every file is served with its last byte changed.</summary>
    public bool Tamper { get; set; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (requests)
            {
                requests.Add(path);
            }

            var prefix = $"/releases/download/v{version}/";
            var name = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
            var file = name is null || name.Contains('/') ? null : Path.Combine(folder, name);
            using var response = context.Response;
            if (file is null || !File.Exists(file))
            {
                response.StatusCode = 404;
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(file);
            if (Tamper)
            {
                bytes[^1] ^= 0xFF;
            }

            response.ContentType = "application/octet-stream";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
