// Deterministic generator of a synthetic Kubernetes / Istio manifest repository for benchmarking.
//
//   meshlint-bench-gen --docs N [--seed S] --out DIR [--one-file]
//
// Writes N YAML documents into files of roughly 1 to 50 KB under DIR (nested folders, *.yaml and
// *.yml, several documents per file separated by '---'). The same N and S always give the same
// bytes. DIR is emptied first, but only if it is empty or was made by this tool (marker file).
// Next to DIR it writes DIR.expected.tsv: one line per workload, Namespace and IstioOperator with
// the mistake it was given ("clean" when none), so a linter's findings can be checked against it.
// --one-file puts all documents in DIR/manifest.yaml (the single-file, pre-commit case).

using System.Diagnostics;
using System.Text;

namespace MeshLint.Bench.Generator;

public static class Program
{
    private const string Marker = ".meshlint-bench-generated";

    public static int Main(string[] args)
    {
        long docs = -1;
        ulong seed = 1;
        string? outDir = null;
        var oneFile = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--docs" when i + 1 < args.Length && long.TryParse(args[i + 1], out var d) && d > 0:
                    docs = d;
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], out var s):
                    seed = s;
                    i++;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--one-file":
                    oneFile = true;
                    break;
                default:
                    Console.Error.WriteLine($"meshlint-bench-gen: bad argument '{args[i]}'");
                    Console.Error.WriteLine("usage: meshlint-bench-gen --docs N [--seed S] --out DIR [--one-file]");
                    return 2;
            }
        }
        if (docs < 0 || outDir is null)
        {
            Console.Error.WriteLine("usage: meshlint-bench-gen --docs N [--seed S] --out DIR [--one-file]");
            return 2;
        }

        outDir = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(outDir))
        {
            if (!File.Exists(Path.Combine(outDir, Marker)) && Directory.EnumerateFileSystemEntries(outDir).Any())
            {
                Console.Error.WriteLine($"meshlint-bench-gen: {outDir} exists and was not made by this tool; refusing to empty it");
                return 2;
            }
            Directory.Delete(outDir, recursive: true);
        }
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, Marker), $"docs={docs} seed={seed}\n");

        var sw = Stopwatch.StartNew();
        var stats = new RepoWriter(seed, outDir, oneFile).Write(docs);
        sw.Stop();
        Console.WriteLine(
            $"generated {stats.Documents} documents in {stats.Files} files, {stats.Bytes} bytes, into {outDir} " +
            $"({sw.Elapsed.TotalSeconds:F1} s)");
        foreach (var (k, v) in stats.Kinds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  kind {k}: {v}");
        }
        foreach (var (k, v) in stats.Categories.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  case {k}: {v}");
        }
        return 0;
    }
}

/// <summary>SplitMix64: tiny, fast, and the same on every runtime (unlike relying on System.Random).</summary>
internal sealed class Rng(ulong seed)
{
    private ulong _state = seed ^ 0x9E3779B97F4A7C15UL;

    public ulong NextU64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(NextU64() % (ulong)n);

    /// <summary>Uniform in [lo, hi].</summary>
    public int Range(int lo, int hi) => lo + Next(hi - lo + 1);

    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    public string Hex(int len)
    {
        const string digits = "0123456789abcdef";
        return string.Create(len, this, static (span, r) =>
        {
            var v = r.NextU64();
            for (var i = 0; i < span.Length; i++)
            {
                if (i % 16 == 0 && i > 0)
                {
                    v = r.NextU64();
                }
                span[i] = digits[(int)(v & 0xF)];
                v >>= 4;
            }
        });
    }

    /// <summary>Picks an index by weight.</summary>
    public int Weighted(double[] weights, double total)
    {
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}

internal sealed class Stats
{
    public long Documents;
    public long Files;
    public long Bytes;
    public readonly Dictionary<string, long> Kinds = new(StringComparer.Ordinal);
    public readonly Dictionary<string, long> Categories = new(StringComparer.Ordinal);

    public void Count(Dictionary<string, long> d, string key) =>
        d[key] = d.TryGetValue(key, out var v) ? v + 1 : 1;
}

/// <summary>Groups generated documents into files and writes them.</summary>
internal sealed class RepoWriter(ulong seed, string outDir, bool oneFile)
{
    private const int MaxFileBytes = 50 * 1024;
    private const int FilesPerFolder = 40;

    private readonly Rng _rng = new(seed);
    private readonly Stats _stats = new();
    private readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public Stats Write(long totalDocs)
    {
        var gen = new DocGenerator(_rng, totalDocs);
        var expectedPath = outDir + ".expected.tsv";
        using var expected = new StreamWriter(expectedPath, append: false, _utf8);
        expected.Write("file\tdocument\tkind\tnamespace\tname\tcase\texpected_rules\n");

        var pending = new Queue<Doc>();
        long produced = 0;
        var fileIndex = 0;
        var file = new StringBuilder(64 * 1024);
        var fileRecords = new List<Doc>();

        while (produced < totalDocs || pending.Count > 0)
        {
            // Target size for this file: mostly small files, a long tail up to 50 KB.
            var target = oneFile ? int.MaxValue : (int)(1024 * Math.Exp(_rng.NextDouble() * Math.Log(MaxFileBytes / 1024.0)));
            target = Math.Min(target, MaxFileBytes);
            file.Clear();
            fileRecords.Clear();
            while (true)
            {
                if (pending.Count == 0)
                {
                    if (produced >= totalDocs)
                    {
                        break;
                    }
                    foreach (var d in gen.NextBundle(totalDocs - produced, produced))
                    {
                        pending.Enqueue(d);
                        produced++;
                    }
                }
                var next = pending.Peek();
                if (fileRecords.Count > 0 && (file.Length + next.Text.Length + 4 > MaxFileBytes || file.Length >= target) && !oneFile)
                {
                    break;
                }
                pending.Dequeue();
                if (fileRecords.Count > 0)
                {
                    file.Append("---\n");
                }
                else if (_rng.Chance(0.3))
                {
                    // Many real files open with an explicit document marker.
                    file.Append("---\n");
                }
                file.Append(next.Text);
                fileRecords.Add(next);
            }
            if (fileRecords.Count == 0)
            {
                break;
            }

            string rel;
            if (oneFile)
            {
                rel = "manifest.yaml";
            }
            else
            {
                var folder = fileIndex / FilesPerFolder;
                var ext = _rng.Chance(0.2) ? "yml" : "yaml";
                rel = Path.Combine($"team-{folder / 25:D3}", $"svc-{folder:D5}", $"{fileIndex:D6}-{fileRecords[0].Name}.{ext}");
            }
            var full = Path.Combine(outDir, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var bytes = _utf8.GetBytes(file.ToString());
            File.WriteAllBytes(full, bytes);
            _stats.Files++;
            _stats.Bytes += bytes.Length;
            for (var i = 0; i < fileRecords.Count; i++)
            {
                var d = fileRecords[i];
                _stats.Documents++;
                _stats.Count(_stats.Kinds, d.Kind);
                if (d.Case is not null)
                {
                    _stats.Count(_stats.Categories, d.Case);
                    expected.Write($"{rel.Replace('\\', '/')}\t{i}\t{d.Kind}\t{d.Namespace}\t{d.Name}\t{d.Case}\t{d.Expected}\n");
                }
            }
            fileIndex++;
        }
        return _stats;
    }
}

/// <summary>One generated document. Case is null for kinds the linter has nothing to say about.</summary>
internal sealed record Doc(string Kind, string Namespace, string Name, string? Case, string Expected, string Text);
