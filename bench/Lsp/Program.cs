// The language server's speed where it matters: re-linting one changed file with a warm server in a
// large repository, against a one-shot `meshlint FILE` run on the same file in the same run (what an
// editor integration that starts the CLI per change would pay). Also the server's memory.
//
//   meshlint-lsp-bench --meshlint PATH --repo DIR [--edits N] [--cli-runs N] [--out FILE]
//
// DIR is a git work tree (bench/lsp-run generates one). The edited file is the first, in path order,
// of 195 to 210 lines that holds a Deployment. Each measured edit changes one character of a value
// (incremental didChange) and is timed until the server publishes diagnostics for that version; the
// server runs with no debounce, so the figure is the lint and the protocol round trip only.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshLint.Bench.Lsp;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? meshlint = null, repo = null, output = null;
        var edits = 100;
        var cliRuns = 10;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--meshlint" when i + 1 < args.Length: meshlint = Path.GetFullPath(args[++i]); break;
                case "--repo" when i + 1 < args.Length: repo = Path.GetFullPath(args[++i]); break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--edits" when i + 1 < args.Length: edits = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--cli-runs" when i + 1 < args.Length: cliRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: meshlint-lsp-bench --meshlint PATH --repo DIR [--edits N] [--cli-runs N] [--out FILE]");
                    return 2;
            }
        }

        if (meshlint is null || repo is null)
        {
            Console.Error.WriteLine("usage: meshlint-lsp-bench --meshlint PATH --repo DIR [--edits N] [--cli-runs N] [--out FILE]");
            return 2;
        }

        var files = Directory.EnumerateFiles(repo, "*.y*ml", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
        var target = files.First(path => File.ReadAllLines(path) is var lines && lines.Length is >= 195 and <= 210 && lines.Contains("kind: Deployment"));
        var relative = Path.GetRelativePath(repo, target);
        var text = File.ReadAllText(target);
        var lineCount = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        var bytes = files.Sum(path => new FileInfo(path).Length);
        Console.Error.WriteLine($"repository: {files.Count} YAML files, {bytes / 1024 / 1024} MB; edited file: {relative} ({lineCount} lines)");

        // The baseline first, so the page cache is as warm for it as for the server.
        var cli = new List<double>();
        var cliPeaks = new List<long>();
        // GNU time, where it is installed, gives each one-shot run's peak resident memory (%M, in KB).
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        for (var run = 0; run < cliRuns + 1; run++)
        {
            var watch = Stopwatch.StartNew();
            string[] command = ["--format", "json", "--output", "/dev/null", relative];
            var start = time is null
                ? new ProcessStartInfo(meshlint, command)
                : new ProcessStartInfo(time, ["-f", "%M", meshlint, .. command]);
            start.WorkingDirectory = repo;
            start.RedirectStandardError = true;
            start.RedirectStandardOutput = true;
            using var process = Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (run > 0)
            {
                cli.Add(watch.Elapsed.TotalMilliseconds);
                if (time is not null && long.TryParse(stderr.TrimEnd().Split('\n')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var peakKb))
                {
                    cliPeaks.Add(peakKb);
                }
            }
        }

        await using var server = Server.Start(meshlint, repo);
        var started = Stopwatch.StartNew();
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = new Uri(repo).AbsoluteUri,
            ["capabilities"] = new JsonObject(),
            ["initializationOptions"] = new JsonObject { ["debounceMilliseconds"] = 0 },
        });
        await server.NotifyAsync("initialized", new JsonObject());
        var uri = new Uri(target).AbsoluteUri;
        await server.NotifyAsync("textDocument/didOpen", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = text } });
        await server.DiagnosticsAsync(uri, 1);
        var cold = started.Elapsed.TotalMilliseconds;

        // One character of a value, back and forth: the image tag of the first container.
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, candidate => candidate.TrimStart().StartsWith("image:", StringComparison.Ordinal));
        var column = lines[line].Length - 1;
        var original = lines[line][column].ToString();
        var warm = new List<double>();
        const int Warmup = 10;
        for (var edit = 0; edit < Warmup + edits; edit++)
        {
            var version = edit + 2;
            var replacement = edit % 2 == 0 ? (original == "x" ? "y" : "x") : original;
            var watch = Stopwatch.StartNew();
            await server.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                ["contentChanges"] = new JsonArray(new JsonObject
                {
                    ["range"] = new JsonObject
                    {
                        ["start"] = new JsonObject { ["line"] = line, ["character"] = column },
                        ["end"] = new JsonObject { ["line"] = line, ["character"] = column + 1 },
                    },
                    ["text"] = replacement,
                }),
            });
            await server.DiagnosticsAsync(uri, version);
            if (edit >= Warmup)
            {
                warm.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var (rss, peak) = server.Memory();
        await server.RequestAsync("shutdown", null);
        await server.NotifyAsync("exit", null);

        var report = new StringBuilder();
        var cliMedian = Percentile(cli, 50);
        var warmMedian = Percentile(warm, 50);
        report.AppendLine(CultureInfo.InvariantCulture, $"Repository: {files.Count} YAML files ({bytes / 1024.0 / 1024.0:F1} MB) in a git work tree; edited file: `{relative}`, {lineCount} lines.");
        report.AppendLine();
        report.AppendLine("| measurement | runs | median | p90 | max | vs one-shot CLI |");
        report.AppendLine("|---|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| one-shot `meshlint --format json FILE` from the root (baseline) | {cli.Count} | {cliMedian:F1} ms | {Percentile(cli, 90):F1} ms | {cli.Max():F1} ms | 1 |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| server: open to first diagnostics (cold: start, initialize, read the work tree) | 1 | {cold:F1} ms | | | {cold / cliMedian:F2} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| server: one-character change to its diagnostics (warm) | {warm.Count} | {warmMedian:F1} ms | {Percentile(warm, 90):F1} ms | {warm.Max():F1} ms | {warmMedian / cliMedian:F3} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Server memory after the edits: {rss / 1024.0:F0} MB resident (VmRSS), {peak / 1024.0:F0} MB peak (VmHWM).");
        if (cliPeaks.Count > 0)
        {
            var cliPeak = Percentile(cliPeaks.Select(value => (double)value).ToList(), 50);
            report.AppendLine(CultureInfo.InvariantCulture, $"One-shot CLI run, median peak resident memory (GNU time %M): {cliPeak / 1024.0:F0} MB; the server's peak is {peak / cliPeak:F2} of it.");
        }
        Console.Out.Write(report.ToString());
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>The server as a child process, spoken to over its standard input and output.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stream input;
    private readonly Stream output;
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> pending = [];
    private readonly List<JsonElement> diagnostics = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task reading;
    private int nextId;

    private Server(Process process)
    {
        this.process = process;
        input = process.StandardInput.BaseStream;
        output = process.StandardOutput.BaseStream;
        reading = Task.Run(ReadAsync);
        _ = process.StandardError.ReadToEndAsync();
    }

    public static Server Start(string meshlint, string repo) =>
        new(Process.Start(new ProcessStartInfo(meshlint, ["server"]) { WorkingDirectory = repo, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!);

    public async Task<JsonElement> RequestAsync(string method, JsonNode? parameters)
    {
        var id = ++nextId;
        var source = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending[id] = source;
        }

        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await source.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public Task NotifyAsync(string method, JsonNode? parameters) => SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public async Task DiagnosticsAsync(string uri, int version)
    {
        while (true)
        {
            lock (diagnostics)
            {
                var index = diagnostics.FindIndex(message => message.GetProperty("uri").GetString() == uri && message.GetProperty("version").GetInt32() == version);
                if (index >= 0)
                {
                    diagnostics.RemoveRange(0, index + 1);
                    return;
                }
            }

            if (!await arrived.WaitAsync(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException($"no diagnostics for version {version}");
            }
        }
    }

    /// <summary>Resident and peak resident memory in KB, from /proc.</summary>
    public (long Rss, long Peak) Memory()
    {
        long Read(string field) => File.ReadLines($"/proc/{process.Id}/status").Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.WaitForExit(10000))
        {
            process.Kill();
        }

        await reading.ContinueWith(_ => { });
        process.Dispose();
    }

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        await input.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await input.WriteAsync(body);
        await input.FlushAsync();
    }

    private async Task ReadAsync()
    {
        var reader = new BufferedStream(output);
        while (true)
        {
            var length = 0;
            while (await ReadLineAsync(reader) is { } header)
            {
                if (header.Length == 0)
                {
                    break;
                }

                if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(header["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }

            if (length == 0)
            {
                return;
            }

            var body = new byte[length];
            await reader.ReadExactlyAsync(body);
            var message = JsonDocument.Parse(body).RootElement.Clone();
            if (message.TryGetProperty("id", out var id) && !message.TryGetProperty("method", out _))
            {
                TaskCompletionSource<JsonElement>? source;
                lock (pending)
                {
                    pending.Remove(id.GetInt32(), out source);
                }

                source?.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
            }
            else if (message.GetProperty("method").GetString() == "textDocument/publishDiagnostics")
            {
                lock (diagnostics)
                {
                    diagnostics.Add(message.GetProperty("params"));
                }

                arrived.Release();
            }
        }
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.Length > 0 ? line.ToString() : null;
    }
}
