// Turns one bench/run results folder (hyperfine JSON exports, /usr/bin/time logs, set sizes) into
// bench/RESULTS.md: the machine, the command, one table per set, scaling, the targets with
// pass/fail, whether every thread count prints the same bytes as --jobs 1, where the time goes
// by MeshLint's own accounting, and what MeshLint reported.
//
//   meshlint-bench-report RESULTS_DIR OUTPUT.md [WORK_DIR]

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MeshLint.Bench.Report;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: meshlint-bench-report RESULTS_DIR OUTPUT.md [WORK_DIR]");
            return 2;
        }
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var report = new Report(args[0], args.Length > 2 ? args[2] : null);
        File.WriteAllText(args[1], KeepAotBlock(args[1], report.Render()), new UTF8Encoding(false));
        return 0;
    }

    /// <summary>
    /// bench/aot writes its comparison of the release binary between two markers near the top of
    /// the same file; a new run of bench/run keeps that block, after the title, as it was.
    /// </summary>
    private static string KeepAotBlock(string path, string rendered)
    {
        var old = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var start = old.IndexOf("<!-- aot:begin", StringComparison.Ordinal);
        const string endMarker = "<!-- aot:end -->";
        var end = old.IndexOf(endMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return rendered;
        }

        var block = old[start..(end + endMarker.Length)];
        var titleEnd = rendered.IndexOf("\n\n", StringComparison.Ordinal);
        return titleEnd < 0 ? block + "\n\n" + rendered : rendered[..(titleEnd + 2)] + block + "\n\n" + rendered[(titleEnd + 2)..];
    }
}

internal sealed record SetInfo(string Name, string Path, long Files, long Documents, long Bytes, long ParseErrors);

internal sealed record Measure(
    string Set, string Tool, string Command, int Runs,
    double WallMin, double WallMedian, double WallMax,
    double? CpuMedian, double? RssMaxMB, string ExitCodes, string? Note)
{
    public bool Extrapolated => Note is not null;
}

internal sealed class Report
{
    private readonly string _dir;
    private readonly string? _work;
    private readonly Dictionary<string, string> _meta = new(StringComparer.Ordinal);
    private readonly List<SetInfo> _sets = [];
    private readonly List<Measure> _measures = [];
    private readonly List<string[]> _identical = [];

    private static readonly string[] ToolOrder =
    [
        "floor-1", "floor-2", "floor-2-shared", "floor-4", "floor-all",
        "meshlint-1", "meshlint-2", "meshlint-4", "meshlint-all", "meshlint", "meshlint-hook", "yamllint",
    ];

    private static readonly Dictionary<string, string> ToolNames = new(StringComparer.Ordinal)
    {
        ["floor-1"] = "parse floor, 1 thread",
        ["floor-2"] = "parse floor, 2 threads",
        ["floor-2-shared"] = "parse floor, 2 threads, YamlDotNet's shared pool",
        ["floor-4"] = "parse floor, 4 threads",
        ["floor-all"] = "parse floor, all cores",
        ["meshlint-1"] = "MeshLint `--jobs 1`",
        ["meshlint-2"] = "MeshLint `--jobs 2`",
        ["meshlint-4"] = "MeshLint `--jobs 4`",
        ["meshlint-all"] = "MeshLint `--jobs 0` (all cores)",
        ["meshlint"] = "MeshLint (defaults), the file alone",
        ["meshlint-hook"] = "MeshLint (defaults), the file in a 1k-document git work tree (hook)",
        ["yamllint"] = "yamllint (default config)",
    };

    // The table MeshLint prints on stderr under MESHLINT_TIMING=1: a header line, then one row per part (name, ms, share).
    private static readonly Regex TimingRow = new(@"^  (\S.*?)\s{2,}([0-9]+(?:\.[0-9]+)?) ms\s+([0-9]+(?:\.[0-9]+)?)%$", RegexOptions.CultureInvariant);
    private const string TimingHeader = "Timing (milliseconds of thread time, summed over threads):";

    public Report(string dir, string? work)
    {
        _dir = dir;
        _work = work;
        foreach (var line in ReadLines("meta.env"))
        {
            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                _meta[line[..eq]] = line[(eq + 1)..];
            }
        }
        foreach (var f in ReadTsv("sets.tsv"))
        {
            _sets.Add(new SetInfo(f[0], f[1], L(f[2]), L(f[3]), L(f[4]), L(f[5])));
        }
        foreach (var f in ReadTsv("bench.tsv"))
        {
            _measures.Add(Load(f[0], f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5]));
        }
        _identical.AddRange(ReadTsv("identical.tsv", header: false));
        Extrapolate();
    }

    private static long L(string s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private IEnumerable<string> ReadLines(string name)
    {
        var p = Path.Combine(_dir, name);
        return File.Exists(p) ? File.ReadAllLines(p) : [];
    }

    private IEnumerable<string[]> ReadTsv(string name, bool header = true) =>
        ReadLines(name).Skip(header ? 1 : 0).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    private Measure Load(string set, string tool, string command, int runs, string json, string timelog)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, json)));
        var r = doc.RootElement.GetProperty("results")[0];
        var times = r.GetProperty("times").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var exits = r.TryGetProperty("exit_codes", out var ec)
            ? string.Join(",", ec.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetInt32().ToString(CultureInfo.InvariantCulture) : "signal").Distinct())
            : "?";

        // /usr/bin/time lines: elapsed user sys maxrss_kb exit; warmups come first, keep the last runs.
        var lines = ReadLines(timelog).Where(l => l.Trim().Length > 0 && char.IsAsciiDigit(l.Trim()[0])).ToArray();
        var kept = lines.Skip(Math.Max(0, lines.Length - runs)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 4).ToArray();
        double? cpu = kept.Length > 0 ? Median(kept.Select(p => D(p[1]) + D(p[2])).ToArray()) : null;
        double? rss = kept.Length > 0 ? kept.Max(p => D(p[3])) * 1024 / 1e6 : null;
        return new Measure(set, tool, command, runs, times.Min(), Median(times), times.Max(), cpu, rss, exits, null);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double Median(double[] xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>yamllint is not run on 100k by default (it would take 10+ minutes a run); scale the
    /// 10k figure by the byte ratio, and say so wherever it is shown.</summary>
    private void Extrapolate()
    {
        var big = Set("100k");
        var from = Set("10k");
        var y = Get("10k", "yamllint");
        if (big is null || from is null || y is null || Get("100k", "yamllint") is not null)
        {
            return;
        }
        var k = (double)big.Bytes / from.Bytes;
        _measures.Add(y with
        {
            Set = "100k", Runs = 0,
            WallMin = y.WallMin * k, WallMedian = y.WallMedian * k, WallMax = y.WallMax * k,
            CpuMedian = y.CpuMedian * k, RssMaxMB = null, ExitCodes = "-",
            Note = $"extrapolated: 10k figure × {k:F2} (byte ratio), not measured",
        });
    }

    private SetInfo? Set(string name) => _sets.FirstOrDefault(s => s.Name == name);

    private Measure? Get(string set, string tool) => _measures.FirstOrDefault(m => m.Set == set && m.Tool == tool);

    /// <summary>The all-cores row of a tool ("floor" or "meshlint"): bench/run skips `--jobs 0` where
    /// it would repeat the 2- or 4-thread row, so on those machines that row stands for it.</summary>
    private Measure? AllCores(string set, string tool) => Get(set, tool + "-all") ?? _meta.GetValueOrDefault("nproc") switch
    {
        "2" => Get(set, tool + "-2"),
        "4" => Get(set, tool + "-4"),
        _ => null,
    };

    private string AllCoresText(Measure? m) => m is null || m.Tool.EndsWith("-all", StringComparison.Ordinal)
        ? "`--jobs 0`"
        : $"`--jobs {m.Tool[(m.Tool.LastIndexOf('-') + 1)..]}` (all cores on this {_meta.GetValueOrDefault("nproc")}-core machine)";

    // ---------------------------------------------------------------- rendering

    public string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# MeshLint benchmark results");
        sb.AppendLine();
        sb.AppendLine($"Written by `bench/run` on {Stamp()}. How to read this file: `bench/README.md`.");
        sb.AppendLine();
        sb.AppendLine("Command:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(_meta.GetValueOrDefault("command", "bench/run"));
        sb.AppendLine("```");
        sb.AppendLine();
        Machine(sb);
        Targets(sb);
        Sets(sb);
        foreach (var s in _sets)
        {
            SetTable(sb, s);
        }
        Scaling(sb);
        Identical(sb);
        Timing(sb);
        Findings(sb);
        Commands(sb);
        return sb.ToString();
    }

    private string Stamp()
    {
        var s = _meta.GetValueOrDefault("stamp", "");
        return DateTime.TryParseExact(s, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : s;
    }

    private void Machine(StringBuilder sb)
    {
        sb.AppendLine("## Machine");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("| --- | --- |");
        foreach (var (k, label) in new[]
        {
            ("cpu", "CPU model (/proc/cpuinfo)"), ("nproc", "nproc"), ("memory", "memory"), ("kernel", "kernel"),
            ("dotnet", "dotnet --version"), ("hyperfine", "hyperfine"), ("yamllint", "yamllint"),
            ("meshlint_commit", "MeshLint commit"), ("meshlint_install", "MeshLint installed with"),
            ("floor_build", "parse floor built with"), ("load_start", "load average at start"),
            ("load_end", "load average at end"), ("parallel_check", "parallelism check (floor, 10k set)"),
            ("effective_cores", "effective cores (2 × one copy / two copies at once)"),
        })
        {
            if (_meta.TryGetValue(k, out var v))
            {
                sb.AppendLine($"| {label} | {v.Replace("|", "\\|")} |");
            }
        }
        sb.AppendLine();
        if (_meta.TryGetValue("effective_cores", out var ec) && double.TryParse(ec, CultureInfo.InvariantCulture, out var cores)
            && int.TryParse(_meta.GetValueOrDefault("nproc"), out var n) && cores < n * 0.85)
        {
            sb.AppendLine($"**Warning:** two single-threaded processes at once got only {cores:F2} of {n} cores' worth of " +
                "throughput: the host was busy or oversubscribed while this ran. Figures that depend on parallelism " +
                "(all-cores times, the 2-thread speed-up) understate what the code does on a quiet machine; re-run there " +
                "before judging those targets.");
            sb.AppendLine();
        }
    }

    private void Sets(StringBuilder sb)
    {
        sb.AppendLine("## Data sets");
        sb.AppendLine();
        sb.AppendLine("Documents and bytes as the parse floor counts them (files ending in `.yaml`/`.yml`).");
        sb.AppendLine();
        sb.AppendLine("| set | files | documents | MB | files the floor could not parse |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var s in _sets)
        {
            sb.AppendLine($"| {SetLabel(s)} | {s.Files:N0} | {s.Documents:N0} | {Mb(s.Bytes)} | {s.ParseErrors} |");
        }
        sb.AppendLine();
    }

    private string SetLabel(SetInfo s) => s.Name switch
    {
        "corpus" => "corpus (real-world, `shared/corpus`)",
        "small" => $"small (one file, `{Rel(s.Path)}`, timed alone in a temporary folder outside git and in a git copy of the 1k set)",
        _ => $"{s.Name} (generated, seed {_meta.GetValueOrDefault("seed", "?")})",
    };

    private static string Rel(string path)
    {
        var i = path.IndexOf("/bench/", StringComparison.Ordinal);
        return i >= 0 ? path[(i + 1)..] : path;
    }

    private void SetTable(StringBuilder sb, SetInfo s)
    {
        var ms = _measures.Where(m => m.Set == s.Name).OrderBy(m => Array.IndexOf(ToolOrder, m.Tool)).ToList();
        if (ms.Count == 0)
        {
            return;
        }
        var floor = Get(s.Name, "floor-1");
        var yl = Get(s.Name, "yamllint");
        sb.AppendLine($"## Set: {SetLabel(s)}");
        sb.AppendLine();
        sb.AppendLine($"{s.Files:N0} files, {s.Documents:N0} documents, {Mb(s.Bytes)} MB. Wall times in seconds " +
            "(min / median / max over the runs); CPU is the median of user+sys; RSS is the highest peak over the runs. " +
            "Ratios compare medians: below 1 is faster (or smaller) than the reference.");
        sb.AppendLine();
        sb.AppendLine("| tool | runs | wall min | wall median | wall max | CPU s | peak RSS MB | docs/s | MB/s | wall × floor | wall × yamllint | CPU × floor | RSS × floor | exit codes |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in ms)
        {
            var name = ToolNames.GetValueOrDefault(m.Tool, m.Tool) + (m.Extrapolated ? " *(extrapolated)*" : "");
            sb.Append($"| {name} | {(m.Extrapolated ? "-" : m.Runs.ToString(CultureInfo.InvariantCulture))} ");
            sb.Append($"| {F(m.WallMin)} | {F(m.WallMedian)} | {F(m.WallMax)} | {F(m.CpuMedian)} | {F(m.RssMaxMB, 0)} ");
            sb.Append($"| {s.Documents / m.WallMedian:N0} | {Mb(s.Bytes / m.WallMedian)} ");
            sb.Append($"| {Ratio(m.WallMedian, floor?.WallMedian)} | {Ratio(m.WallMedian, yl?.WallMedian)} ");
            sb.Append($"| {Ratio(m.CpuMedian, floor?.CpuMedian)} | {Ratio(m.RssMaxMB, floor?.RssMaxMB)} | {m.ExitCodes} |");
            sb.AppendLine();
        }
        foreach (var m in ms.Where(m => m.Extrapolated))
        {
            sb.AppendLine();
            sb.AppendLine($"*yamllint on this set: {m.Note}.*");
        }
        sb.AppendLine();
    }

    private static string Mb(double bytes) => (bytes / 1e6).ToString(bytes < 100_000 ? "F4" : "F2", CultureInfo.InvariantCulture);

    private static string F(double? v, int digits = 3) =>
        v is null || double.IsNaN(v.Value) ? "n/a" : v.Value.ToString(digits == 0 ? "N0" : v.Value >= 100 ? "F1" : "F" + digits, CultureInfo.InvariantCulture);

    private static string Ratio(double? a, double? b) =>
        a is null || b is null || b.Value <= 0 || double.IsNaN(a.Value) ? "n/a" : $"{a.Value / b.Value:F2}×";

    private void Scaling(StringBuilder sb)
    {
        var gen = new[] { "1k", "10k", "100k" }.Where(n => Set(n) is not null).ToArray();
        if (gen.Length < 2)
        {
            return;
        }
        sb.AppendLine("## Scaling with size");
        sb.AppendLine();
        sb.AppendLine("Median wall time per generated set, and the cost of 10× more documents (10× would be perfectly linear).");
        sb.AppendLine();
        sb.Append("| tool |");
        foreach (var g in gen)
        {
            sb.Append($" {g} s |");
        }
        for (var i = 1; i < gen.Length; i++)
        {
            sb.Append($" {gen[i]} ÷ {gen[i - 1]} |");
        }
        sb.AppendLine();
        sb.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", gen.Length * 2 - 1)));
        foreach (var t in ToolOrder)
        {
            var row = gen.Select(g => Get(g, t)).ToArray();
            if (row.All(m => m is null))
            {
                continue;
            }
            sb.Append($"| {ToolNames[t]} |");
            foreach (var m in row)
            {
                sb.Append($" {(m is null ? "-" : F(m.WallMedian) + (m.Extrapolated ? " (extrap.)" : ""))} |");
            }
            for (var i = 1; i < row.Length; i++)
            {
                sb.Append($" {(row[i] is null || row[i - 1] is null || row[i]!.Extrapolated ? "-" : $"{row[i]!.WallMedian / row[i - 1]!.WallMedian:F2}×")} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine();
    }

    private sealed record Target(string Name, string Measured, double? Value, string Limit, bool? Pass, string Basis);

    private void Targets(StringBuilder sb)
    {
        // The targets are stated for 100k; a --quick run judges them on 10k and says so.
        var big = Set("100k") is not null ? "100k" : Set("10k") is not null ? "10k" : null;
        var targets = new List<Target>();
        if (big is not null)
        {
            var floor1 = Get(big, "floor-1");
            var m1 = Get(big, "meshlint-1");
            var mAll = AllCores(big, "meshlint");
            var m2 = Get(big, "meshlint-2");
            targets.Add(Ratio("single-threaded end to end within 1.3× of the floor", m1, floor1, 1.3, lower: true,
                $"{big}: MeshLint `--jobs 1` ÷ parse floor 1 thread, median wall"));
            targets.Add(Ratio("all cores ≤ 0.75× the single-threaded floor", mAll, floor1, 0.75, lower: true,
                $"{big}: MeshLint {AllCoresText(mAll)} ÷ parse floor 1 thread, median wall; the floor with as many threads: " +
                RatioText(AllCores(big, "floor"), floor1)));
            targets.Add(Ratio("2 threads ≥ 1.8× faster than 1", m1, m2, 1.8, lower: false,
                $"{big}: MeshLint `--jobs 1` ÷ `--jobs 2`, median wall; the floor: {RatioText(floor1, Get(big, "floor-2"))}"));

            // Throughput against yamllint: on the largest set where yamllint was measured, not extrapolated.
            var ySet = new[] { "100k", "10k", "1k" }.FirstOrDefault(n => Get(n, "yamllint") is { Extrapolated: false });
            if (ySet is not null)
            {
                targets.Add(Ratio("≥ 50× yamllint's throughput", Get(ySet, "yamllint"), Get(ySet, "meshlint-1"), 50, lower: false,
                    $"{ySet}: yamllint ÷ MeshLint `--jobs 1` (one thread each), median wall; all cores: " +
                    $"{RatioText(Get(ySet, "yamllint"), AllCores(ySet, "meshlint"))}"));
            }
            var small = big == "100k" ? "10k" : "1k";
            targets.Add(Ratio("10× documents costs ≤ 11× time", m1, Get(small, "meshlint-1"), 11, lower: true,
                $"{small} → {big}: MeshLint `--jobs 1` median wall; all cores: {RatioText(mAll, AllCores(small, "meshlint"))}"));
            var rss = _measures.Where(m => m.Set == big && m.Tool.StartsWith("meshlint-", StringComparison.Ordinal) && m.RssMaxMB is not null)
                .Select(m => m.RssMaxMB!.Value).DefaultIfEmpty(double.NaN).Max();
            targets.Add(new Target("≤ 200 MB peak RSS", double.IsNaN(rss) ? "n/a" : $"{rss:F0} MB", double.IsNaN(rss) ? null : rss, "200 MB",
                double.IsNaN(rss) ? null : rss <= 200, $"{big}: highest peak RSS of MeshLint over all its runs (every thread count); MB = 10⁶ bytes"));
        }
        var hook = Get("small", "meshlint-hook");
        var smallFile = Ratio("one small file ≤ 0.6× yamllint's time", Get("small", "meshlint"), Get("small", "yamllint"), 0.6, lower: true,
            "single file alone (no git work tree around it), default options: MeshLint ÷ yamllint, median wall");
        targets.Add(smallFile with
        {
            Basis = smallFile.Basis + "; in a 1k-document work tree, as a hook runs it: " +
                (hook is null ? "not measured" : $"{hook.WallMedian * 1000:F0} ms" + (Get("small", "yamllint") is { } y ? $" ({hook.WallMedian / y.WallMedian:F2}× yamllint)" : "")),
        });

        sb.AppendLine("## Targets");
        sb.AppendLine();
        if (big == "10k")
        {
            sb.AppendLine("*This was a `--quick` run: targets stated for 100k are judged on 10k (and 1k → 10k for scaling).*");
            sb.AppendLine();
        }
        sb.AppendLine("Pass/fail is judged on median wall time; the CPU-time ratio in brackets is the steadier figure when the host is busy.");
        sb.AppendLine();
        sb.AppendLine("| target | measured | limit | result | how |");
        sb.AppendLine("| --- | ---: | ---: | --- | --- |");
        foreach (var t in targets)
        {
            sb.AppendLine($"| {t.Name} | {t.Measured} | {t.Limit} | {(t.Pass is null ? "n/a" : t.Pass.Value ? "**pass**" : "**FAIL**")} | {t.Basis} |");
        }
        sb.AppendLine();
    }

    private static string RatioText(Measure? a, Measure? b) =>
        a is null || b is null ? "n/a" : $"{a.WallMedian / b.WallMedian:F2}×";

    private static Target Ratio(string name, Measure? a, Measure? b, double limit, bool lower, string basis)
    {
        if (a is null || b is null)
        {
            return new Target(name, "n/a", null, $"{(lower ? "≤" : "≥")} {limit}×", null, basis + " (not measured)");
        }
        var v = a.WallMedian / b.WallMedian;
        var note = a.Extrapolated || b.Extrapolated ? " (uses an extrapolated figure)" : "";
        // The same ratio in CPU time (user+sys) is shown beside it: on a busy host it is far steadier
        // than wall time. For the parallel targets it is not comparable (CPU adds up over threads).
        var cpu = a.CpuMedian is { } ca && b.CpuMedian is { } cb && cb > 0 && !name.Contains("threads", StringComparison.Ordinal) && !name.Contains("all cores", StringComparison.Ordinal)
            ? $" (CPU {ca / cb:F2}×)" : "";
        return new Target(name, $"{v:F2}×{cpu}", v, $"{(lower ? "≤" : "≥")} {limit}×", lower ? v <= limit : v >= limit, basis + note);
    }

    private void Identical(StringBuilder sb)
    {
        if (_identical.Count == 0)
        {
            return;
        }
        sb.AppendLine("## Same output with any number of threads");
        sb.AppendLine();
        sb.AppendLine("`meshlint --jobs 1 --format json --output A DIR` against `--jobs N ... --output B DIR` for each other " +
            "thread count run (`--jobs 0` is all cores), compared with `cmp`.");
        sb.AppendLine();
        sb.AppendLine("| set | compared | result | exit code `--jobs 1` | exit code `--jobs N` | report bytes |");
        sb.AppendLine("| --- | --- | --- | ---: | ---: | ---: |");
        foreach (var f in _identical)
        {
            var verdict = f.ElementAtOrDefault(2) switch
            {
                "identical" => "byte-identical",
                "DIFFERENT" => "**DIFFERENT**",
                _ => "**no report written**",
            };
            sb.AppendLine($"| {f[0]} | `--jobs 1` vs `--jobs {f.ElementAtOrDefault(1)}` | {verdict} | {f.ElementAtOrDefault(3)} | {f.ElementAtOrDefault(4)} | {f.ElementAtOrDefault(5)} |");
        }
        sb.AppendLine();
    }

    private void Timing(StringBuilder sb)
    {
        var path = Path.Combine(_dir, "timing.stderr");
        if (!File.Exists(path))
        {
            return;
        }
        var set = _meta.GetValueOrDefault("timing_set", "?");
        sb.AppendLine("## Where the time goes");
        sb.AppendLine();
        var rows = ParseTiming(File.ReadAllLines(path));
        if (rows.Count == 0)
        {
            sb.AppendLine($"`MESHLINT_TIMING=1 meshlint --jobs 1` on the {set} set printed no timing table on stderr: " +
                "this MeshLint does not have one yet.");
            sb.AppendLine();
            return;
        }
        sb.AppendLine($"One extra single-threaded run, `MESHLINT_TIMING=1 meshlint --jobs 1 --format json --output /dev/null` on the " +
            $"{set} set, by MeshLint's own stopwatch accounting (milliseconds of thread time per part, as it printed them on stderr; " +
            "one run, not a median, and not timed by hyperfine).");
        sb.AppendLine();
        sb.AppendLine("| part | ms | share |");
        sb.AppendLine("| --- | ---: | ---: |");
        foreach (var (part, ms, share) in rows)
        {
            var name = part.Replace("|", "\\|");
            sb.AppendLine(part == "total" ? $"| **{name}** | **{ms}** | **{share}%** |" : $"| {name} | {ms} | {share}% |");
        }
        sb.AppendLine();
    }

    /// <summary>The rows of the last timing table on MeshLint's stderr (it comes after everything
    /// else there): every line after the header that matches the row format, until one does not.</summary>
    internal static List<(string Part, string Ms, string Share)> ParseTiming(IReadOnlyList<string> lines)
    {
        var rows = new List<(string, string, string)>();
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].TrimEnd() == TimingHeader)
            {
                start = i + 1;
            }
        }
        for (var i = start; start >= 0 && i < lines.Count; i++)
        {
            var m = TimingRow.Match(lines[i].TrimEnd('\r'));
            if (!m.Success)
            {
                break;
            }
            rows.Add((m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
        }
        return rows;
    }

    private void Findings(StringBuilder sb)
    {
        sb.AppendLine("## What MeshLint reported");
        sb.AppendLine();
        sb.AppendLine("Findings per rule in the `--jobs 1` JSON report, next to the mistakes the generator planted " +
            "(`bench/work/docs-*.expected.tsv` lists each planted document). A planted case can trigger more than " +
            "one rule, and some cases (`clean*`, `ns-*`, `iop-*`) should trigger none.");
        sb.AppendLine();
        foreach (var s in _sets.Where(s => s.Name != "small"))
        {
            var path = Path.Combine(_dir, $"{s.Name}.meshlint-j1.out.json");
            sb.AppendLine($"### {SetLabel(s)}");
            sb.AppendLine();
            var counts = CountRules(path, out var problem);
            if (problem is not null)
            {
                sb.AppendLine($"Report not readable: {problem}");
            }
            else
            {
                sb.AppendLine("| rule | findings |");
                sb.AppendLine("| --- | ---: |");
                foreach (var (k, v) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.AppendLine($"| {k} | {v:N0} |");
                }
                if (counts.Count == 0)
                {
                    sb.AppendLine("| (none) | 0 |");
                }
            }
            sb.AppendLine();
            var expected = _work is null ? null : Path.Combine(_work, $"docs-{s.Name}.expected.tsv");
            if (expected is not null && File.Exists(expected) && problem is null)
            {
                Compare(sb, s, expected, Path.Combine(_dir, $"{s.Name}.meshlint-j1.out.json"));
            }
            var stderr = Path.Combine(_dir, $"{s.Name}.meshlint-j1.stderr");
            if (File.Exists(stderr) && new FileInfo(stderr).Length > 0)
            {
                sb.AppendLine("MeshLint wrote to stderr (first lines):");
                sb.AppendLine();
                sb.AppendLine("```");
                foreach (var l in File.ReadLines(stderr).Take(8))
                {
                    sb.AppendLine(l.Length > 200 ? l[..200] + "…" : l);
                }
                sb.AppendLine("```");
                sb.AppendLine();
            }
        }
    }

    /// <summary>Checks the report against the generator's answer key: for every planted workload,
    /// Namespace and IstioOperator, the set of rules reported on it (matched by file and
    /// "Kind/name" object) against the set expected. Needs MeshLint's JSON layout: an array of
    /// findings with "path", "ruleId" and "object".</summary>
    private static void Compare(StringBuilder sb, SetInfo s, string expectedPath, string reportPath)
    {
        var expected = new Dictionary<(string File, string Obj), (string Case, SortedSet<string> Rules)>();
        foreach (var f in File.ReadLines(expectedPath).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 7))
        {
            expected[(f[0], $"{f[2]}/{f[4]}")] = (f[5], new SortedSet<string>(f[6].Split(' ').Where(r => r != "-"), StringComparer.Ordinal));
        }
        var found = new Dictionary<(string File, string Obj), SortedSet<string>>();
        var elsewhere = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var root = Path.GetFullPath(s.Path).TrimEnd('/') + "/";
        var marker = "/" + Path.GetFileName(root.TrimEnd('/')) + "/";
        using (var stream = File.OpenRead(reportPath))
        using (var doc = JsonDocument.Parse(stream))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                sb.AppendLine("*(The report is not an array of findings; no per-document comparison.)*");
                sb.AppendLine();
                return;
            }
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var path = e.TryGetProperty("path", out var p) ? p.GetString() ?? "" : "";
                var rule = e.TryGetProperty("ruleId", out var r) ? r.GetString() ?? "?" : "?";
                var obj = e.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() ?? "" : "";
                var full = "/" + path.Replace('\\', '/');
                var i = full.LastIndexOf(marker, StringComparison.Ordinal);
                var rel = i >= 0 ? full[(i + marker.Length)..] : path;
                if (expected.ContainsKey((rel, obj)))
                {
                    if (!found.TryGetValue((rel, obj), out var set))
                    {
                        found[(rel, obj)] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }
                    set.Add(rule);
                }
                else
                {
                    var kind = obj.Contains('/') ? obj[..obj.IndexOf('/')] : obj.Length == 0 ? "(no object)" : obj;
                    var key = $"{rule} on {kind}";
                    elsewhere[key] = elsewhere.GetValueOrDefault(key) + 1;
                }
            }
        }

        var rows = new SortedDictionary<string, (long Docs, string Rules, long Ok, long Missed, long Extra)>(StringComparer.Ordinal);
        var examples = new List<string>();
        foreach (var (key, (c, want)) in expected)
        {
            var got = found.GetValueOrDefault(key) ?? new SortedSet<string>(StringComparer.Ordinal);
            var row = rows.GetValueOrDefault(c);
            var rulesText = want.Count == 0 ? "none" : string.Join(" ", want);
            row.Rules = row.Rules is null ? rulesText : row.Rules.Split(" / ").Contains(rulesText) ? row.Rules : row.Rules + " / " + rulesText;
            row.Docs++;
            var missed = want.Except(got).ToList();
            var extra = got.Except(want).ToList();
            if (missed.Count == 0 && extra.Count == 0)
            {
                row.Ok++;
            }
            else
            {
                row.Missed += missed.Count > 0 ? 1 : 0;
                row.Extra += extra.Count > 0 ? 1 : 0;
                if (examples.Count < 12)
                {
                    examples.Add($"| `{key.File}` | {key.Obj} | {c} | {(want.Count == 0 ? "none" : string.Join(" ", want))} | {(got.Count == 0 ? "none" : string.Join(" ", got))} |");
                }
            }
            rows[c] = row;
        }
        sb.AppendLine("Per planted case: documents whose reported rules are exactly the expected ones, documents missing an " +
            "expected rule, and documents with a rule that was not expected.");
        sb.AppendLine();
        sb.AppendLine("| planted case | documents | expected rules | as expected | missed | unexpected |");
        sb.AppendLine("| --- | ---: | --- | ---: | ---: | ---: |");
        foreach (var (c, r) in rows)
        {
            sb.AppendLine($"| {c} | {r.Docs:N0} | {r.Rules} | {r.Ok:N0} | {(r.Missed > 0 ? $"**{r.Missed:N0}**" : "0")} | {(r.Extra > 0 ? $"**{r.Extra:N0}**" : "0")} |");
        }
        sb.AppendLine();
        if (elsewhere.Count > 0)
        {
            sb.AppendLine("Findings on documents without a planted case (Services, ConfigMaps) or not matched to one: " +
                string.Join(", ", elsewhere.Select(p => $"{p.Key}: {p.Value:N0}")) + ".");
            sb.AppendLine();
        }
        if (examples.Count > 0)
        {
            sb.AppendLine("First mismatches:");
            sb.AppendLine();
            sb.AppendLine("| file | object | case | expected | reported |");
            sb.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var e in examples)
            {
                sb.AppendLine(e);
            }
            sb.AppendLine();
        }
    }

    /// <summary>Counts findings by rule without assuming one report layout: every JSON object with a
    /// string "ruleId" (SARIF style) or "rule" property is a finding.</summary>
    private static Dictionary<string, long> CountRules(string path, out string? problem)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        problem = null;
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            problem = "no report file was written";
            return counts;
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
            Walk(doc.RootElement, counts);
        }
        catch (JsonException e)
        {
            problem = "not valid JSON: " + e.Message;
        }
        return counts;
    }

    private static void Walk(JsonElement e, Dictionary<string, long> counts)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var key in new[] { "ruleId", "rule", "code" })
                {
                    if (e.TryGetProperty(key, out var r) && r.ValueKind == JsonValueKind.String)
                    {
                        var id = r.GetString() ?? "?";
                        counts[id] = counts.GetValueOrDefault(id) + 1;
                        return;
                    }
                }
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, counts);
                }
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray())
                {
                    Walk(x, counts);
                }
                break;
        }
    }

    private void Commands(StringBuilder sb)
    {
        sb.AppendLine("## Commands measured");
        sb.AppendLine();
        sb.AppendLine("Each ran under `hyperfine -N -i` (no shell, exit codes ignored since linters exit 1 on findings; " +
            "stdout discarded) wrapped in `/usr/bin/time` for CPU time and peak RSS. Warm page cache: every set was " +
            "read before it was timed.");
        sb.AppendLine();
        sb.AppendLine("| set | tool | command |");
        sb.AppendLine("| --- | --- | --- |");
        foreach (var m in _measures.Where(m => !m.Extrapolated))
        {
            var where = m.Tool == "meshlint-hook" ? " (from the root of `bench/work/hook-repo`, a git copy of the 1k set)" : "";
            sb.AppendLine($"| {m.Set} | {m.Tool} | `{Shorten(m.Command)}`{where} |");
        }
        sb.AppendLine();
    }

    private static string Shorten(string cmd)
    {
        // Paths are long and machine-specific; keep the tail that matters.
        var parts = cmd.Split(' ').Select(p =>
        {
            if (!p.StartsWith('/') || p == "/dev/null")
            {
                return p;
            }
            foreach (var anchor in new[] { "/bench/", "/shared/", "/src/" })
            {
                var i = p.IndexOf(anchor, StringComparison.Ordinal);
                if (i >= 0)
                {
                    var tail = p[(i + 1)..];
                    return tail.Contains("/bin/Release/", StringComparison.Ordinal) ? Path.GetFileName(p) : tail;
                }
            }
            return p;
        });
        return string.Join(' ', parts).Replace("|", "\\|");
    }
}
