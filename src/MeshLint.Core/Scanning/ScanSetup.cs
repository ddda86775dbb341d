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
    /// <summary>The configurations of each folder, or null when the run has one (<c>--config</c>, <c>--no-config</c>).</summary>
    internal FolderConfigs? Folders { get; init; }

    public static (ScanSetup? Setup, IReadOnlyList<string> Errors) Prepare(ScanRequest request)
    {
        var workingDirectory = request.WorkingDirectory;
        FolderConfigs? folders = null;
        MeshLintConfig? config;
        IReadOnlyList<string> configErrors;
        if (request.NoConfig)
        {
            (config, configErrors) = (new MeshLintConfig { BaseDirectory = workingDirectory }, []);
        }
        else if (request.ConfigFile is { } configFile)
        {
            (config, configErrors) = ReadConfig(configFile, workingDirectory);
        }
        else
        {
            folders = new FolderConfigs(workingDirectory);
            config = folders.For(StartDirectory(request.Paths, workingDirectory));
            configErrors = folders.Errors.ToList();
        }

        if (config is null || configErrors.Count > 0)
        {
            return (null, configErrors);
        }

        var (catalog, levels, contextFiles, errors) = Resolve([config], request);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var options = new LintOptions { Levels = levels[config], Mesh = config.Mesh, Jobs = request.Jobs, MaxFileBytes = request.MaxFileBytes, ModelStartup = request.ModelStartup, Timings = request.Timings, ContextCache = request.ContextCache, ContextExcluded = ContextExcluded([config]) };
        var filter = folders is null
            ? new ScanFilter(config.BaseDirectory, config.Include, config.Exclude, useGitignore: !request.NoIgnore)
            : new ScanFilter(config.BaseDirectory, directory => Globs(folders.For(directory)), useGitignore: !request.NoIgnore);
        return (new ScanSetup(config, catalog, options, filter, contextFiles) { Folders = folders }, []);
    }

    /// <summary>
    /// The setup for linting <paramref name="files"/>, once discovery has found them and with them
    /// every folder configuration that applies: one catalog with the user rules of all of them, the
    /// context files of all of them, and each file's levels and assumptions from its own.
    /// </summary>
    internal (ScanSetup? Setup, IReadOnlyList<string> Errors) For(IReadOnlyList<SourceFile> files, ScanRequest request)
    {
        if (Folders is null)
        {
            return (this, []);
        }

        var byDirectory = new Dictionary<string, MeshLintConfig>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.FullPath is { } full && Path.GetDirectoryName(full) is { } directory && !byDirectory.ContainsKey(directory))
            {
                byDirectory[directory] = Folders.For(directory);
            }
        }

        if (Folders.Errors.Count > 0)
        {
            return (null, Folders.Errors.ToList());
        }

        var configs = byDirectory.Values.Prepend(Config).Distinct<MeshLintConfig>(ReferenceEqualityComparer.Instance).ToList();
        if (configs.Count == 1)
        {
            return (this, []);
        }

        var (catalog, levels, contextFiles, errors) = Resolve(configs, request);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var settings = byDirectory.ToDictionary(pair => pair.Key, pair => new FileSettings(levels[pair.Value], pair.Value.Mesh), StringComparer.Ordinal);
        var options = Options with
        {
            Levels = levels[Config],
            ContextExcluded = ContextExcluded(configs),
            SettingsFor = file => file.FullPath is { } full && Path.GetDirectoryName(full) is { } directory && settings.TryGetValue(directory, out var found) ? found : null,
        };
        return (this with { Catalog = catalog, Options = options, ContextFiles = contextFiles }, []);
    }

    /// <summary>The files any configuration's <c>contextExclude</c> names; null when none has one.</summary>
    private static Func<SourceFile, bool>? ContextExcluded(IReadOnlyList<MeshLintConfig> configs)
    {
        var globs = configs.Where(config => config.ContextExclude.Count > 0)
            .Select(config => new PathGlobs(config.ContextExcludeDirectory ?? config.BaseDirectory, config.ContextExclude, config.BaseDirectory, []))
            .ToList();
        return globs.Count == 0 ? null : file => file.FullPath is { } full && globs.Exists(glob => glob.Names(Path.GetFullPath(full)));
    }

    /// <summary>
    /// The catalog with the user rules of every configuration (each folder read once, so two
    /// configurations may share one), the levels of each, and the context files of all of them.
    /// </summary>
    private static (RuleCatalog Catalog, Dictionary<MeshLintConfig, Dictionary<string, Level?>> Levels, IReadOnlyList<SourceFile> ContextFiles, List<string> Errors) Resolve(IReadOnlyList<MeshLintConfig> configs, ScanRequest request)
    {
        var workingDirectory = request.WorkingDirectory;
        var errors = new List<string>();
        var ruleFolders = configs.SelectMany(config => config.RuleFolders.Select(folder => RuleFolder(folder, config, request))).Distinct(StringComparer.Ordinal).ToList();
        var (userRules, ruleErrors) = UserRuleReader.Load(ruleFolders, workingDirectory, workingDirectory);
        errors.AddRange(ruleErrors.Select(error => error.ToString()));
        foreach (var rule in userRules)
        {
            if (RuleCatalog.BuiltIn.Find(rule.Name) is { } builtIn)
            {
                errors.Add($"{rule.Id}: the name {rule.Name} is already the name of {builtIn.Id}; choose another");
            }
        }

        var catalog = new RuleCatalog(RuleCatalog.BuiltIn.Rules.Concat(userRules));
        var levelsOf = new Dictionary<MeshLintConfig, Dictionary<string, Level?>>(ReferenceEqualityComparer.Instance);
        var contextFiles = new List<SourceFile>();
        var seenContext = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
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
                    errors.Add(new ConfigurationError(setting.Source ?? shownConfig, setting.At, $"no rule \"{setting.Rule}\" ('meshlint rules' lists them)").ToString());
                }
            }

            var selectionErrors = ApplySelection(catalog, levels, request.Select, request.Ignore);
            if (levelsOf.Count == 0)
            {
                // The command line's own mistakes are the same for every configuration: name them once.
                errors.AddRange(selectionErrors);
            }

            levelsOf[config] = levels;
            var contextPaths = config.Context.Select(path => Path.GetFullPath(path, config.BaseDirectory)).ToList();
            var (found, contextErrors) = FileDiscovery.Expand(contextPaths, workingDirectory);
            errors.AddRange(contextErrors.Select(error => $"{shownConfig}: context path {error.Path}: {error.Message}"));
            contextFiles.AddRange(found.Where(file => file.FullPath is null || seenContext.Add(file.FullPath)));
        }

        return (catalog, levelsOf, contextFiles, errors.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A folder of user rules, relative to the configuration that names it. The default,
    /// <c>.meshlint/rules</c>, is the nearest one in the configuration's folder or above it up to the
    /// repository root, as the configuration itself is found, so that a scan started in a sub-folder
    /// (or with no configuration file at all, from the scanned path's folder) finds the repository's rules.
    /// </summary>
    private static string RuleFolder(string folder, MeshLintConfig config, ScanRequest request)
    {
        var written = Path.GetFullPath(folder, config.BaseDirectory);
        if (folder != MeshLintConfig.DefaultRuleFolder || Directory.Exists(written))
        {
            return written;
        }

        var start = config.SourcePath is null ? StartDirectory(request.Paths, request.WorkingDirectory) : config.BaseDirectory;
        return ConfigReader.FindUpward(start, MeshLintConfig.DefaultRuleFolder) ?? written;
    }

    private static PathGlobs Globs(MeshLintConfig config) =>
        new(config.IncludeDirectory ?? config.BaseDirectory, config.Include, config.ExcludeDirectory ?? config.BaseDirectory, config.Exclude);

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
                    var near = catalog.Suggest(name) is { } closest ? $"did you mean {closest}? " : string.Empty;
                    errors.Add($"{option}: no rule \"{name}\" ({near}'meshlint rules' lists them)");
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

    private static (MeshLintConfig? Config, IReadOnlyList<string> Errors) ReadConfig(string configFile, string workingDirectory)
    {
        var found = Path.GetFullPath(configFile, workingDirectory);
        if (!File.Exists(found))
        {
            return (null, [$"{configFile}: no such configuration file"]);
        }

        var (config, errors) = ConfigReader.Load(found, FileDiscovery.DisplayPath(found, workingDirectory), workingDirectory);
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
