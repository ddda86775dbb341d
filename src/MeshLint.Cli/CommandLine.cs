using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;

namespace MeshLint.Cli;

public enum OutputFormat
{
    Text,
    Json,
    Sarif,
}

/// <summary>The parsed command line of a lint run.</summary>
public sealed record LintCommand
{
    public List<string> Paths { get; } = [];

    public OutputFormat Format { get; set; } = OutputFormat.Text;

    public string? OutputFile { get; set; }

    /// <summary>The lowest level that fails the run; null for never.</summary>
    public Level? FailOn { get; set; } = Level.Error;

    public string StdinFilename { get; set; } = "<stdin>";

    public int Jobs { get; set; }

    public bool NoColor { get; set; }

    public long MaxFileBytes { get; set; } = LintOptions.DefaultMaxFileBytes;

    public DiscoveryOptions Discovery { get; set; } = new();
}

/// <summary>A usage error: printed with a hint, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

public static class CommandLineParser
{
    public static LintCommand Parse(IReadOnlyList<string> args)
    {
        var command = new LintCommand();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "--format" or "-f":
                    command.Format = Value(name, inline, args, ref i) switch
                    {
                        "text" => OutputFormat.Text,
                        "json" => OutputFormat.Json,
                        "sarif" => OutputFormat.Sarif,
                        var other => throw new UsageException($"unknown format '{other}' (use text, json or sarif)"),
                    };
                    break;
                case "--output" or "-o":
                    command.OutputFile = Value(name, inline, args, ref i);
                    break;
                case "--fail-on":
                    var threshold = Value(name, inline, args, ref i);
                    command.FailOn = threshold == "never" ? null
                        : LevelNames.TryParse(threshold, out var level) ? level
                        : throw new UsageException($"unknown --fail-on level '{threshold}' (use error, warning, note or never)");
                    break;
                case "--stdin-filename":
                    command.StdinFilename = Value(name, inline, args, ref i);
                    break;
                case "--jobs" or "-j":
                    var jobs = Value(name, inline, args, ref i);
                    command.Jobs = int.TryParse(jobs, out var n) && n >= 0 ? n : throw new UsageException($"--jobs needs a whole number (0 for one per core), not '{jobs}'");
                    break;
                case "--no-color":
                    command.NoColor = true;
                    break;
                case "--max-file-size":
                    var size = Value(name, inline, args, ref i);
                    command.MaxFileBytes = FileSizeLimit.TryParse(size, out var bytes) ? bytes : throw new UsageException($"--max-file-size needs a size such as 8MB, 512KB or 100000, not '{size}'");
                    break;
                case "--follow-symlinks":
                    command.Discovery = command.Discovery with { FollowSymlinks = true };
                    break;
                case "--helm":
                    command.Discovery = command.Discovery with { RenderHelm = true };
                    break;
                case "--kustomize":
                    command.Discovery = command.Discovery with { BuildKustomize = true };
                    break;
                case "--":
                    command.Paths.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('-') && arg != "-"))
                    {
                        throw new UsageException($"unknown option '{arg}'");
                    }

                    command.Paths.Add(arg);
                    break;
            }
        }

        if (command.Paths.Count == 0)
        {
            command.Paths.Add(".");
        }

        if (command.Paths.Count(path => path == "-") > 1)
        {
            throw new UsageException("standard input ('-') can be given only once");
        }

        return command;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Value(string name, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (i + 1 >= args.Count)
        {
            throw new UsageException($"{name} needs a value");
        }

        return args[++i];
    }
}
