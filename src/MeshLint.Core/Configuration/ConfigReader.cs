using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Mesh;
using MeshLint.Parsing;
using MeshLint.Registry;

namespace MeshLint.Configuration;

/// <summary>Finds and reads <c>.meshlint.yaml</c> (or <c>.meshlint.yml</c>); every problem is a <see cref="ConfigurationError"/> with its line.</summary>
internal static class ConfigReader
{
    private static readonly YamlSchemaValidator Validator = new("rules/schemas/meshlint-config.schema.json");

    /// <summary>
    /// The configuration that applies to a scan started in <paramref name="startDirectory"/>: the
    /// nearest <c>.meshlint.yaml</c> or <c>.meshlint.yml</c> in it or a parent folder, stopping at the
    /// repository root (the folder with <c>.git</c>, a directory or, in a worktree, a file). Both in
    /// one folder is an error naming both (paths shown relative to <paramref name="workingDirectory"/>):
    /// picking one would silently ignore settings someone wrote in the other.
    /// </summary>
    public static (string? Path, string? Error) Find(string startDirectory, string workingDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var yaml = Path.Combine(directory.FullName, MeshLintConfig.FileName);
            var yml = Path.Combine(directory.FullName, MeshLintConfig.ShortFileName);
            switch (File.Exists(yaml), File.Exists(yml))
            {
                case (true, true):
                    return (null, $"{FileDiscovery.DisplayPath(yaml, workingDirectory)} and {FileDiscovery.DisplayPath(yml, workingDirectory)} are both configuration files for this folder; keep one, or name one with --config");
                case (true, false):
                    return (yaml, null);
                case (false, true):
                    return (yml, null);
            }

            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return (null, null);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// The folder <paramref name="relative"/> in <paramref name="startDirectory"/> or the nearest parent
    /// that has it, looked for as <see cref="Find"/> looks for the configuration: up to the repository root.
    /// </summary>
    public static string? FindUpward(string startDirectory, string relative)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return null;
            }
        }

        return null;
    }

    /// <param name="workingDirectory">What the paths of extended files are shown relative to; by default the file's folder.</param>
    public static (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) Load(string fullPath, string displayPath, string? workingDirectory = null) =>
        Load(fullPath, displayPath, workingDirectory ?? Path.GetDirectoryName(fullPath)!, []);

    /// <summary>
    /// Reads a configuration and, through <c>extends</c>, the ones under it. <paramref name="chain"/>
    /// holds the files that extend this one, to name a cycle instead of following it forever.
    /// </summary>
    private static (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) Load(string fullPath, string displayPath, string workingDirectory, IReadOnlyList<string> chain)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, [new ConfigurationError(displayPath, SourcePosition.Start, "cannot read the configuration: " + exception.Message)]);
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) LoadBase(string extends, SourcePosition at)
        {
            var target = Path.GetFullPath(extends, directory);
            var shown = FileDiscovery.DisplayPath(target, workingDirectory);
            if (target == fullPath || chain.Contains(target, StringComparer.Ordinal))
            {
                return (null, [new ConfigurationError(displayPath, at, $"extends {extends}, which extends this file again (a cycle)")]);
            }

            if (!File.Exists(target))
            {
                return (null, [new ConfigurationError(displayPath, at, $"extends {extends}, but there is no file {shown}")]);
            }

            return Load(target, shown, workingDirectory, [.. chain, fullPath]);
        }

        var (config, errors) = Read(displayPath, text, directory, LoadBase);
        return (config is null ? null : config with { SourcePath = fullPath }, errors);
    }

    /// <param name="loadBase">Reads the file an <c>extends</c> names (given as written and where); without it <c>extends</c> is an error.</param>
    public static (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors) Read(string path, string text, string baseDirectory, Func<string, SourcePosition, (MeshLintConfig? Config, IReadOnlyList<ConfigurationError> Errors)>? loadBase = null)
    {
        var (root, errors) = Validator.Read(path, text);
        if (root is null)
        {
            return (null, errors);
        }

        var under = new MeshLintConfig { BaseDirectory = baseDirectory };
        if (root.Entry("extends") is { Value: YamlScalar extends } extendsEntry)
        {
            if (loadBase is null)
            {
                return (null, [new ConfigurationError(path, extendsEntry.Key.Start, "extends is read only from a configuration file")]);
            }

            var (found, baseErrors) = loadBase(extends.Value, extendsEntry.Key.Start);
            if (found is null)
            {
                return (null, baseErrors);
            }

            under = found;
        }

        var mesh = root.Mapping("mesh");
        var (target, targetError) = TargetOf(path, mesh, under.Mesh.Target);
        if (targetError is not null)
        {
            return (null, [targetError]);
        }

        var native = mesh?.Scalar("nativeSidecars");
        var assumptions = new MeshAssumptions
        {
            Target = target,
            AssumeInjection = mesh?.Scalar("assumeInjection") is { } assume ? (assume.Value == "auto" ? null : Bool(assume)) : under.Mesh.AssumeInjection,
            DeclaresMesh = mesh?.Entry("target") is not null || mesh?.Entry("mode") is not null || under.Mesh.DeclaresMesh,
            NativeSidecars = Bool(native) ?? under.Mesh.NativeSidecars,
            NativeSidecarsAt = native is not null ? $"{path}:{native.Start.Line}" : under.Mesh.NativeSidecarsAt,
            Cni = Bool(mesh?.Scalar("cni")) ?? under.Mesh.Cni,
        };

        // The extended file's settings come first, so that the levels read later (this file's) win.
        var rules = under.Rules.ToList();
        foreach (var entry in root.Mapping("rules")?.Entries ?? [])
        {
            // A level may be written directly (MESH001: off) or as a mapping (MESH001: {level: off}).
            if ((entry.Value as YamlScalar ?? (entry.Value as YamlMapping)?.Scalar("level")) is { } level)
            {
                // YAML 1.1 reads an unquoted off (and no, false) as a boolean; the schema admits only false.
                var parsed = level.Type == ScalarType.Bool ? null : LevelNames.TryParse(level.Value, out var named) ? named : (Level?)null;
                rules.Add(new RuleSetting(entry.Key.Value, parsed, entry.Key.Start) { Source = path });
            }
        }

        var inherited = under.SourcePath is not null;
        IReadOnlyList<string> Absolute(IReadOnlyList<string> paths) => paths.Select(item => Path.GetFullPath(item, under.BaseDirectory)).ToList();
        return (new MeshLintConfig
        {
            BaseDirectory = baseDirectory,
            Mesh = assumptions,
            Rules = rules,
            Include = root.Entry("include") is not null ? Strings(root, "include") : under.Include,
            IncludeDirectory = root.Entry("include") is not null || !inherited ? null : under.IncludeDirectory ?? under.BaseDirectory,
            Exclude = root.Entry("exclude") is not null ? Strings(root, "exclude") : under.Exclude,
            ExcludeDirectory = root.Entry("exclude") is not null || !inherited ? null : under.ExcludeDirectory ?? under.BaseDirectory,
            Context = root.Entry("context") is not null ? Strings(root, "context") : Absolute(under.Context),
            ContextExclude = root.Entry("contextExclude") is not null ? Strings(root, "contextExclude") : under.ContextExclude,
            ContextExcludeDirectory = root.Entry("contextExclude") is not null || !inherited ? null : under.ContextExcludeDirectory ?? under.BaseDirectory,
            RuleFolders = root.Entry("ruleFolders") is not null ? Strings(root, "ruleFolders")
                : inherited ? Absolute(under.RuleFolders) : [MeshLintConfig.DefaultRuleFolder],
            HelmValues = root.Mapping("helm")?.Mapping("values") is { } values ? HelmValues(values, baseDirectory) : under.HelmValues,
        }, []);
    }

    /// <summary>
    /// <c>mesh.target</c>, each part over the extended file's, with where it is written for messages.
    /// <c>mesh.mode: managed</c> is another way of writing <c>platform: csm-managed</c>, and
    /// <c>mode: in-cluster</c> says only that the platform is not the managed one.
    /// </summary>
    private static (DeclaredTarget Target, ConfigurationError? Error) TargetOf(string path, YamlMapping? mesh, DeclaredTarget under)
    {
        var target = mesh?.Mapping("target");
        var istio = target?.Scalar("istio");
        var kubernetes = target?.Scalar("kubernetes");
        var platform = target?.Scalar("platform");
        var mode = mesh?.Scalar("mode");
        var declared = under with
        {
            Istio = istio is not null ? MinorRelease.Parse(istio.Value) : under.Istio,
            IstioAt = istio is not null ? $"mesh.target.istio at {path}:{istio.Start.Line}" : under.IstioAt,
            Kubernetes = kubernetes is not null ? MinorRelease.Parse(kubernetes.Value) : under.Kubernetes,
            KubernetesAt = kubernetes is not null ? $"mesh.target.kubernetes at {path}:{kubernetes.Start.Line}" : under.KubernetesAt,
        };

        if (platform is not null)
        {
            var named = MeshPlatforms.Parse(platform.Value) ?? MeshPlatform.Istio;
            if (mode is { Value: "managed" } && named != MeshPlatform.CsmManaged)
            {
                return (declared, new ConfigurationError(path, mode.Start, $"mesh.mode: managed means mesh.target.platform: csm-managed, but the platform is {platform.Value}; keep one of the two"));
            }

            declared = declared with { Platform = named, PlatformAt = $"mesh.target.platform: {platform.Value} at {path}:{platform.Start.Line}" };
        }
        else if (mode is not null)
        {
            declared = mode.Value == "managed"
                ? declared with { Platform = MeshPlatform.CsmManaged, PlatformAt = $"mesh.mode: managed at {path}:{mode.Start.Line}" }
                : declared with { Platform = declared.Platform == MeshPlatform.CsmManaged ? null : declared.Platform, PlatformAt = declared.Platform == MeshPlatform.CsmManaged ? null : declared.PlatformAt };
        }

        return (declared, null);
    }

    /// <summary>Chart folders and their values files, both relative to the configuration's folder.</summary>
    private static Dictionary<string, IReadOnlyList<string>> HelmValues(YamlMapping values, string baseDirectory) =>
        values.Entries.ToDictionary(
            entry => Path.GetFullPath(entry.Key.Value, baseDirectory),
            entry => (IReadOnlyList<string>)((entry.Value as YamlSequence)?.Items.OfType<YamlScalar>().Select(item => Path.GetFullPath(item.Value, baseDirectory)).ToList() ?? []),
            StringComparer.Ordinal);

    private static bool? Bool(YamlScalar? scalar) => scalar is { Type: ScalarType.Bool } ? YamlScalarTypes.IsTrueWord(scalar.Value) : null;

    private static IReadOnlyList<string> Strings(YamlMapping root, string key) =>
        root.Sequence(key)?.Items.OfType<YamlScalar>().Select(item => item.Value).ToList() ?? [];
}
