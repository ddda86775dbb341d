using MeshLint.Findings;
using MeshLint.Fixes;
using MeshLint.Input;

namespace MeshLint.Scanning;

/// <summary>What <c>meshlint fix</c> is asked to do: the scan whose findings it fixes, and which fixes it may apply.</summary>
public sealed record FixRequest
{
    public required ScanRequest Scan { get; init; }

    /// <summary>Also apply fixes that change behaviour the user must judge (<c>--unsafe-fixes</c>).</summary>
    public bool UnsafeFixes { get; init; }

    /// <summary>Passes of lint, fix, lint again; fixes that touch each other are applied one a pass.</summary>
    public int MaxPasses { get; init; } = 10;
}

/// <summary>One file the run changed: its text before and after, and the findings its fixes resolved.</summary>
public sealed record FixedFile(SourceFile File, string Before, string After, byte[] Bytes, IReadOnlyList<Finding> Fixed)
{
    public string Path => File.DisplayPath;

    /// <summary>Standard input: the fixed text goes to standard output, not to a file.</summary>
    public bool IsStdin => File.FullPath is null;
}

/// <summary>
/// The result: the scan of the fixed text (what remains) and the files changed, each with the
/// findings whose fixes were applied and are gone from that scan.
/// </summary>
public sealed record FixOutcome(ScanOutcome Final, IReadOnlyList<FixedFile> Files)
{
    public int FixedCount => Files.Sum(file => file.Fixed.Count);

    /// <summary>Remaining findings with an unsafe fix that <c>--unsafe-fixes</c> would apply.</summary>
    public int UnsafeRemaining { get; init; }

    /// <summary>How many passes applied fixes: more than one when fixes touched each other.</summary>
    public int Passes { get; init; }

    /// <summary>Files whose fixes were not applied because the result would not read as YAML: a defect to report.</summary>
    public IReadOnlyList<string> Refused { get; init; } = [];
}

/// <summary>
/// <c>meshlint fix</c>: scan, apply the fixes of the findings the scan reports (so configuration,
/// selection, inline ignores and baseline decide, as for a normal run), scan the edited text again,
/// and repeat until nothing more applies. Nothing is written here: edits are held in memory and
/// linted from there, and the caller writes them (or prints a diff).
/// </summary>
public static class FixRun
{
    public static FixOutcome Run(FixRequest request)
    {
        // Fixes are edits of the files as written, and are linted again from memory, which a
        // kustomize or helm build cannot see: the files are judged as written.
        var scan = request.Scan with { Build = false };
        string? stdin = null;
        if (scan.Paths.Contains("-"))
        {
            stdin = scan.Stdin?.ReadToEnd() ?? string.Empty;
        }

        // Contents the caller holds (an editor's unsaved buffers) are the text to fix, not what is on disk.
        var contents = scan.Contents is { } given ? new Dictionary<string, byte[]>(given, StringComparer.Ordinal) : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        var refused = new List<string>();
        ScanOutcome outcome;
        var pass = 0;
        var applying = 0;
        while (true)
        {
            outcome = Scan.Run(scan with { Contents = contents, Stdin = stdin is null ? scan.Stdin : new StringReader(stdin) });
            if (outcome.Setup is null || pass++ >= request.MaxPasses)
            {
                break;
            }

            var changed = false;
            var byPath = outcome.Files.GroupBy(file => file.DisplayPath, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
            foreach (var group in outcome.Result.Findings.Where(finding => Applies(finding, request)).GroupBy(finding => finding.Path, StringComparer.Ordinal))
            {
                if (!byPath.TryGetValue(group.Key, out var file))
                {
                    continue;
                }

                var state = files.TryGetValue(group.Key, out var known) ? known : Read(file, stdin);
                if (state is null || !FixApplier.ReadsCleanly(state.Text, out var documents))
                {
                    continue;
                }

                // A fix whose finding came back after it was applied does not work; applying it again would loop.
                var pending = group.Where(finding => !state.Fixed.Any(done => done.Fingerprint == finding.Fingerprint && done.RuleId == finding.RuleId && done.Message == finding.Message)).ToList();
                var applied = FixApplier.Apply(state.Text, pending);
                if (applied.Fixed.Count == 0)
                {
                    continue;
                }

                if (!FixApplier.ReadsCleanly(applied.Text, out var after) || after != documents)
                {
                    refused.Add(group.Key);
                    continue;
                }

                var next = state with { Text = applied.Text, Fixed = [.. state.Fixed, .. applied.Fixed] };
                files[group.Key] = next;
                if (file.FullPath is { } full)
                {
                    contents[full] = next.Encoding.Encode(next.Text);
                }
                else
                {
                    stdin = next.Text;
                }

                changed = true;
            }

            if (!changed)
            {
                break;
            }

            applying++;
        }

        // A finding is fixed when it is gone from the final scan; one that is still there was not.
        var remaining = outcome.Result.Findings.Select(finding => (finding.Path, finding.Fingerprint, finding.Message)).ToHashSet();
        var changedFiles = files.Values
            .Where(state => state.Text != state.Original)
            .Select(state => new FixedFile(state.File, state.Original, state.Text, state.Encoding.Encode(state.Text), state.Fixed.Where(finding => !remaining.Contains((finding.Path, finding.Fingerprint, finding.Message))).ToList()))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList();
        return new FixOutcome(outcome, changedFiles)
        {
            UnsafeRemaining = outcome.Result.Findings.Count(finding => finding.Fix is { IsSafe: false }),
            Passes = applying,
            Refused = refused.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static bool Applies(Finding finding, FixRequest request) => finding.Fix is { } fix && (fix.IsSafe || request.UnsafeFixes);

    private static FileState? Read(SourceFile file, string? stdin)
    {
        byte[] bytes;
        try
        {
            bytes = file.Content ?? File.ReadAllBytes(file.FullPath!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (file.FullPath is null)
        {
            return stdin is null ? null : new FileState(file, stdin, stdin, FileEncoding.Of([]), []);
        }

        var decoded = SourceText.Decode(bytes);
        return decoded.Text is { } text ? new FileState(file, text, text, FileEncoding.Of(bytes), []) : null;
    }

    private sealed record FileState(SourceFile File, string Original, string Text, FileEncoding Encoding, IReadOnlyList<Finding> Fixed);
}
