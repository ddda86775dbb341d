using MeshLint.Configuration;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Rules;

namespace MeshLint.Scanning;

/// <summary>
/// Everything a run takes from <c>.meshlint.yaml</c>, the user rules beside it and the rule selection
/// of the command line: the rule catalog, the engine options, the context files and the file filter.
/// Any problem in them is an error with file and line.
/// </summary>
public sealed record ScanSetup(MeshLintConfig Config, RuleCatalog Catalog, LintOptions Options, ScanFilter Filter, IReadOnlyList<SourceFile> ContextFiles)
{
    public static (ScanSetup? Setup, IReadOnlyList<string> Errors) Prepare(ScanRequest request)
    {
        var workingDirectory = request.WorkingDirectory;
        var (config, configErrors) = request.NoConfig
            ? (new MeshLintConfig { BaseDirectory = workingDirectory }, [])
            : ReadConfig(request.ConfigFile, request.Paths, workingDirectory);
        if (config is null)
        {
            return (null, configErrors);
        }

        var errors = new List<string>();
        var (userRules, ruleErrors) = UserRuleReader.Load(config.RuleFolders, config.BaseDirectory, workingDirectory);
        errors.AddRange(ruleErrors.Select(error => error.ToString()));
        foreach (var rule in userRules)
        {
            if (RuleCatalog.BuiltIn.Find(rule.Name) is { } builtIn)
            {
                errors.Add($"{rule.Id}: the name {rule.Name} is already the name of {builtIn.Id}; choose another");
            }
        }

        var catalog = new RuleCatalog(RuleCatalog.BuiltIn.Rules.Concat(userRules));
        var shownConfig = config.SourcePath is { } source ? FileDiscovery.DisplayPath(source, workingDirectory) : MeshLintConfig.FileName;
        var levels = new Dictionary<string, Level?>(StringComparer.Ordinal);
        foreach (var setting in config.Rules)
        {
            if (catalog.Find(setting.Rule) is { } rule)
            {
                levels[rule.Id] = setting.Level;
            }
            else
            {
                errors.Add(new ConfigurationError(shownConfig, setting.At, $"no rule \"{setting.Rule}\" ('meshlint rules' lists them)").ToString());
            }
        }

        errors.AddRange(ApplySelection(catalog, levels, request.Select, request.Ignore));

        var contextPaths = config.Context.Select(path => Path.GetFullPath(path, config.BaseDirectory)).ToList();
        var (contextFiles, contextErrors) = FileDiscovery.Expand(contextPaths, workingDirectory);
        errors.AddRange(contextErrors.Select(error => $"{shownConfig}: context path {error.Path}: {error.Message}"));

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var options = new LintOptions { Levels = levels, Mesh = config.Mesh, Jobs = request.Jobs, MaxFileBytes = request.MaxFileBytes, ModelStartup = request.ModelStartup };
        var filter = new ScanFilter(config.BaseDirectory, config.Include, config.Exclude, useGitignore: !request.NoIgnore);
        return (new ScanSetup(config, catalog, options, filter, contextFiles), []);
    }

    /// <summary>
    /// <c>--select</c> and <c>--ignore</c> act on the configured levels, as ruff's do: a selected rule
    /// runs at its configured level (at its own level if the configuration turns it off, since naming
    /// it on the command line asks for it), every other rule is off, and an ignored rule is off.
    /// </summary>
    private static IEnumerable<string> ApplySelection(RuleCatalog catalog, Dictionary<string, Level?> levels, IReadOnlyList<string> select, IReadOnlyList<string> ignore)
    {
        var errors = new List<string>();
        List<RuleDescriptor> Resolve(IReadOnlyList<string> names, string option)
        {
            var found = new List<RuleDescriptor>();
            foreach (var name in names)
            {
                if (catalog.Find(name) is { } rule)
                {
                    found.Add(rule);
                }
                else
                {
                    errors.Add($"{option}: no rule \"{name}\" ('meshlint rules' lists them)");
                }
            }

            return found;
        }

        var selected = Resolve(select, "--select");
        var ignored = Resolve(ignore, "--ignore");
        if (select.Count > 0)
        {
            var chosen = selected.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in catalog.Rules)
            {
                levels[rule.Id] = !chosen.Contains(rule.Id) ? null
                    : levels.TryGetValue(rule.Id, out var configured) && configured is not null ? configured
                    : rule.DefaultLevel;
            }
        }

        foreach (var rule in ignored)
        {
            levels[rule.Id] = null;
        }

        return errors;
    }

    private static (MeshLintConfig? Config, IReadOnlyList<string> Errors) ReadConfig(string? configFile, IEnumerable<string> paths, string workingDirectory)
    {
        string? found;
        if (configFile is not null)
        {
            found = Path.GetFullPath(configFile, workingDirectory);
            if (!File.Exists(found))
            {
                return (null, [$"{configFile}: no such configuration file"]);
            }
        }
        else
        {
            (found, var ambiguous) = ConfigReader.Find(StartDirectory(paths, workingDirectory), workingDirectory);
            if (ambiguous is not null)
            {
                return (null, [ambiguous]);
            }
        }

        if (found is null)
        {
            return (new MeshLintConfig { BaseDirectory = workingDirectory }, []);
        }

        var (config, errors) = ConfigReader.Load(found, FileDiscovery.DisplayPath(found, workingDirectory));
        return (config, errors.Select(error => error.ToString()).ToList());
    }

    /// <summary>Where to look for the configuration: the first scanned path's folder, else the working directory.</summary>
    private static string StartDirectory(IEnumerable<string> paths, string workingDirectory)
    {
        if (paths.FirstOrDefault(path => path != "-") is { } first)
        {
            var full = Path.GetFullPath(first, workingDirectory);
            if (Directory.Exists(full))
            {
                return full;
            }

            if (File.Exists(full))
            {
                return Path.GetDirectoryName(full)!;
            }
        }

        return workingDirectory;
    }
}
