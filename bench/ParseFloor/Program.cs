// The parse floor: the least work any YAML linter built on YamlDotNet must do. It reads every
// *.yaml / *.yml file under the given paths with YamlDotNet's event parser and does nothing with
// the events except count document starts. MeshLint's end-to-end time is judged against this.
//
//   meshlint-parse-floor [--threads N] [--shared-pool] PATH...
//
// --threads 1 (default) parses files one after another on the main thread; N > 1 parses files in
// parallel on N threads; 0 means one thread per core. Like MeshLint, the floor first stops
// YamlDotNet's scanner from sharing one process-wide StringBuilder pool between threads (MeshLint's
// own ScannerBuilderPool, compiled in); --shared-pool leaves the pool as YamlDotNet ships it, to
// show what that contention costs. Output (stdout, one line):
//   files=F documents=D bytes=B errors=E
// A file that fails to parse counts as an error (the documents before the error still count);
// the exit code is 0 either way, because the floor measures parsing, not validity.

using MeshLint.Parsing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshLint.Bench.ParseFloor;

public static class Program
{
    public static int Main(string[] args)
    {
        var threads = 1;
        var sharedPool = false;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" or "-t" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], out threads) || threads < 0)
                    {
                        return Usage($"bad --threads value '{args[i]}'");
                    }
                    break;
                case "--shared-pool":
                    sharedPool = true;
                    break;
                case "--help" or "-h":
                    Usage(null);
                    return 0;
                default:
                    if (args[i].StartsWith('-'))
                    {
                        return Usage($"unknown option '{args[i]}'");
                    }
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count == 0)
        {
            return Usage("no path given");
        }
        if (threads == 0)
        {
            threads = Environment.ProcessorCount;
        }
        if (!sharedPool && !ScannerBuilderPool.Unshared)
        {
            // A YamlDotNet upgrade renamed the pool's internals: the floor would then silently
            // measure the contended pool while claiming not to.
            Console.Error.WriteLine("meshlint-parse-floor: could not unshare YamlDotNet's StringBuilder pool (use --shared-pool)");
            return 2;
        }

        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories))
                {
                    if (f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    {
                        files.Add(f);
                    }
                }
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                Console.Error.WriteLine($"meshlint-parse-floor: no such file or directory: {p}");
                return 2;
            }
        }
        files.Sort(StringComparer.Ordinal);

        long documents = 0, bytes = 0, errors = 0;
        if (threads == 1)
        {
            foreach (var f in files)
            {
                var r = ParseFile(f);
                documents += r.Documents;
                bytes += r.Bytes;
                errors += r.Error ? 1 : 0;
            }
        }
        else
        {
            // A shared cursor over the sorted list: each worker takes the next file. Cheaper and
            // more predictable than Parallel.ForEach's partitioner for a few thousand items.
            var next = -1;
            var workers = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    long d = 0, b = 0, e = 0;
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < files.Count)
                    {
                        var r = ParseFile(files[i]);
                        d += r.Documents;
                        b += r.Bytes;
                        e += r.Error ? 1 : 0;
                    }
                    Interlocked.Add(ref documents, d);
                    Interlocked.Add(ref bytes, b);
                    Interlocked.Add(ref errors, e);
                });
                workers[t].Start();
            }
            foreach (var w in workers)
            {
                w.Join();
            }
        }

        Console.WriteLine($"files={files.Count} documents={documents} bytes={bytes} errors={errors}");
        return 0;
    }

    private readonly record struct Result(long Documents, long Bytes, bool Error);

    private static Result ParseFile(string path)
    {
        long docs = 0;
        using var reader = new StreamReader(path);
        var bytes = reader.BaseStream.Length;
        var parser = new Parser(reader);
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is DocumentStart)
                {
                    docs++;
                }
            }
            return new Result(docs, bytes, false);
        }
        catch (YamlException)
        {
            return new Result(docs, bytes, true);
        }
    }

    private static int Usage(string? error)
    {
        if (error is not null)
        {
            Console.Error.WriteLine($"meshlint-parse-floor: {error}");
        }
        Console.Error.WriteLine("usage: meshlint-parse-floor [--threads N] [--shared-pool] PATH...   (N=0: one per core)");
        return error is null ? 0 : 2;
    }
}
