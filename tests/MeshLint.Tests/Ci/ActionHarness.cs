using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MeshLint.Tests.Ci;

/// <summary>What one run of the composite action left behind.</summary>
public sealed record ActionOutcome(int ExitCode, IReadOnlyDictionary<string, string> Outputs, string Log, string Summary, IReadOnlyList<string> StepsRun);

/// <summary>
/// Runs the steps of a composite <c>action.yml</c> as the Actions runner does: each <c>run</c>
/// step as <c>bash --noprofile --norc -eo pipefail</c> in the workspace, with GITHUB_OUTPUT (a
/// file per step), GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH, RUNNER_OS, RUNNER_ARCH and RUNNER_TEMP set, step outputs
/// read back, <c>${{ }}</c> expressions substituted and <c>if</c> conditions obeyed. Of the
/// <c>uses</c> steps, setup-dotnet is skipped (the SDK is here; only a build from source asks for it) and the cache restore and save
/// steps work on a folder standing in for GitHub's cache. An expression it does not know fails
/// the run, so a change to action.yml cannot slip past it untested.
/// </summary>
public sealed partial class ActionHarness(string actionPath, string cacheStore)
{
    public ActionOutcome Run(string workspace, IReadOnlyDictionary<string, string> inputs)
    {
        var root = (YamlMappingNode)LoadYaml(Path.Combine(actionPath, "action.yml"));
        var runnerTemp = Directory.CreateTempSubdirectory("meshlint-runner-").FullName;
        var summary = Path.Combine(runnerTemp, "step_summary.md");
        File.WriteAllText(summary, string.Empty);
        var context = new Context(actionPath, workspace, runnerTemp, ResolveInputs(root, inputs));
        var log = new System.Text.StringBuilder();
        var stepsRun = new List<string>();
        var exitCode = 0;
        foreach (var step in ((YamlSequenceNode)Mapping(root, "runs")["steps"]).Children.Cast<YamlMappingNode>())
        {
            var name = Text(step, "name") ?? Text(step, "uses") ?? "step";
            var condition = Text(step, "if");
            if (exitCode != 0 || (condition is not null && !context.Condition(condition)))
            {
                continue;
            }

            stepsRun.Add(name);
            var id = Text(step, "id");
            var outputs = Text(step, "uses") is { } uses ? Uses(uses, step, context) : RunScript(step, context, summary, log, out exitCode);
            if (id is not null)
            {
                context.StepOutputs[id] = outputs;
            }
        }

        var actionOutputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue("outputs", out var declared))
        {
            foreach (var (key, value) in ((YamlMappingNode)declared).Children)
            {
                actionOutputs[((YamlScalarNode)key).Value!] = context.Substitute(Text((YamlMappingNode)value, "value") ?? string.Empty);
            }
        }

        var summaryText = File.ReadAllText(summary);
        Directory.Delete(runnerTemp, recursive: true);
        return new ActionOutcome(exitCode, actionOutputs, log.ToString(), summaryText, stepsRun);
    }

    private Dictionary<string, string> Uses(string uses, YamlMappingNode step, Context context)
    {
        var with = step.Children.TryGetValue("with", out var node) ? (YamlMappingNode)node : new YamlMappingNode();
        string With(string key) => context.Substitute(Text(with, key) ?? throw new InvalidOperationException($"{uses} needs with.{key}"));
        var action = uses.Split('@')[0];
        switch (action)
        {
            case "actions/setup-dotnet":
                return [];
            case "actions/cache/restore":
                var stored = Path.Combine(cacheStore, With("key"));
                if (!Directory.Exists(stored))
                {
                    return new() { ["cache-hit"] = "false" };
                }

                CopyDirectory(stored, With("path"));
                return new() { ["cache-hit"] = "true" };
            case "actions/cache/save":
                CopyDirectory(With("path"), Path.Combine(cacheStore, With("key")));
                return [];
            default:
                throw new NotSupportedException($"the harness cannot stand in for {uses}");
        }
    }

    private Dictionary<string, string> RunScript(YamlMappingNode step, Context context, string summary, System.Text.StringBuilder log, out int exitCode)
    {
        if (Text(step, "shell") != "bash")
        {
            throw new NotSupportedException("composite run steps must say shell: bash");
        }

        var output = Path.Combine(context.RunnerTemp, $"output_{Guid.NewGuid():N}");
        File.WriteAllText(output, string.Empty);
        var script = Path.Combine(context.RunnerTemp, $"step_{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, context.Substitute(Text(step, "run")!));
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_WORKSPACE"] = context.Workspace,
            ["GITHUB_ACTION_PATH"] = actionPath,
            ["GITHUB_OUTPUT"] = output,
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["RUNNER_TEMP"] = context.RunnerTemp,
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = RunnerArch,
        };
        if (step.Children.TryGetValue("env", out var env))
        {
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
            {
                environment[((YamlScalarNode)key).Value!] = context.Substitute(((YamlScalarNode)value).Value ?? string.Empty);
            }
        }

        var run = ToolProcess.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], context.Workspace, environment, TimeSpan.FromMinutes(8));
        log.Append(run.Stdout).Append(run.Stderr);
        exitCode = run.ExitCode;
        return ReadOutputFile(output);
    }

    /// <summary>GITHUB_OUTPUT holds <c>name=value</c> lines and <c>name&lt;&lt;DELIMITER</c> blocks.</summary>
    public static Dictionary<string, string> ReadOutputFile(string path)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var heredoc = lines[i].IndexOf("<<", StringComparison.Ordinal);
            var equals = lines[i].IndexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var name = lines[i][..heredoc];
                var delimiter = lines[i][(heredoc + 2)..];
                var body = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    body.Add(lines[i]);
                }

                outputs[name] = string.Join('\n', body);
            }
            else if (equals > 0)
            {
                outputs[lines[i][..equals]] = lines[i][(equals + 1)..];
            }
        }

        return outputs;
    }

    private static Dictionary<string, string> ResolveInputs(YamlMappingNode root, IReadOnlyDictionary<string, string> given)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Mapping(root, "inputs").Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            inputs[name] = given.TryGetValue(name, out var provided) ? provided : Text((YamlMappingNode)value, "default") ?? string.Empty;
        }

        foreach (var name in given.Keys.Where(name => !inputs.ContainsKey(name)))
        {
            throw new InvalidOperationException($"action.yml declares no input '{name}'");
        }

        return inputs;
    }

    /// <summary>The runner's processor as GitHub names it (X64, ARM64).</summary>
    private static string RunnerArch => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToUpperInvariant();

    private static YamlNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private sealed partial class Context(string actionPath, string workspace, string runnerTemp, Dictionary<string, string> inputs)
    {
        public string Workspace => workspace;

        public string RunnerTemp => runnerTemp;

        public Dictionary<string, Dictionary<string, string>> StepOutputs { get; } = new(StringComparer.Ordinal);

        public string Substitute(string text) => ExpressionPattern().Replace(text, match => Value(match.Groups[1].Value.Trim()));

        /// <summary>
        /// The forms of <c>if</c> that action.yml uses: <c>EXPR == 'literal'</c> and
        /// <c>EXPR != 'literal'</c>, alone or joined by <c>&amp;&amp;</c>.
        /// </summary>
        public bool Condition(string condition) => condition.Split("&&").All(Comparison);

        private bool Comparison(string condition)
        {
            var match = ConditionPattern().Match(condition.Trim());
            if (!match.Success)
            {
                throw new NotSupportedException($"the harness cannot evaluate 'if: {condition}'");
            }

            var equal = string.Equals(Value(match.Groups[1].Value), match.Groups[3].Value, StringComparison.OrdinalIgnoreCase);
            return match.Groups[2].Value == "==" ? equal : !equal;
        }

        private string Value(string expression)
        {
            var parts = expression.Split('.');
            return parts switch
            {
                ["inputs", var name] => inputs.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no input '{name}'"),
                ["steps", var id, "outputs", var name] => StepOutputs.GetValueOrDefault(id)?.GetValueOrDefault(name) ?? string.Empty,
                ["github", "action_path"] => actionPath,
                ["github", "workspace"] => workspace,
                ["runner", "temp"] => runnerTemp,
                ["runner", "os"] => "Linux",
                ["runner", "arch"] => RunnerArch,
                _ => throw new NotSupportedException($"the harness cannot evaluate '${{{{ {expression} }}}}'"),
            };
        }

        [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
        private static partial Regex ExpressionPattern();

        [GeneratedRegex(@"^([A-Za-z0-9_.\-]+)\s*(==|!=)\s*'([^']*)'$")]
        private static partial Regex ConditionPattern();
    }
}
