using MeshLint.Configuration;
using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Rules;

namespace MeshLint.Cli;

/// <summary>
/// Everything a run takes from <c>.meshlint.yaml</c> and the user rules beside it: the rule catalog,
/// the engine options and the file filter. Any problem in them is an error with file and line.
/// </summary>
public sealed record LintSetup(MeshLintConfig Config, RuleCatalog Catalog, LintOptions Options, ScanFilter Filter)
{
    public static (LintSetup? Setup, IReadOnlyList<string> Errors) Prepare(string? configFile, IEnumerable<string> paths, string workingDirectory, bool noIgnore)
    {
        var (config, configErrors) = ReadConfig(configFile, paths, workingDirectory);
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

        var contextPaths = config.Context.Select(path => Path.GetFullPath(path, config.BaseDirectory)).ToList();
        var (contextFiles, contextErrors) = FileDiscovery.Expand(contextPaths, workingDirectory);
        errors.AddRange(contextErrors.Select(error => $"{shownConfig}: context path {error.Path}: {error.Message}"));

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var options = new LintOptions { Levels = levels, Mesh = config.Mesh, ContextFiles = contextFiles };
        var filter = new ScanFilter(config.BaseDirectory, config.Include, config.Exclude, useGitignore: !noIgnore);
        return (new LintSetup(config, catalog, options, filter), []);
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
