using System.Text.RegularExpressions;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Architecture;

/// <summary>
/// Core's folders are layers: each uses only the folders before it in the README's architecture
/// list. A use is a <c>using</c> directive of a folder's namespace, or a name qualified by it
/// (<c>MeshLint.Engine.LintOptions</c>, <c>Engine.LintOptions</c>) of a type that folder declares.
/// </summary>
public sealed partial class CoreLayersTests
{
    private static string CoreRoot => Path.Combine(FixturePaths.RepositoryRoot, "src", "MeshLint.Core");

    [Fact]
    public void Every_folder_of_Core_uses_only_the_folders_listed_before_it()
    {
        var layers = CoreLayers.FromReadme(File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "README.md")));
        var sources = Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(CoreRoot, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => new CoreSource(path, File.ReadAllText(Path.Combine(CoreRoot, path))))
            .ToList();

        sources.Count.ShouldBeGreaterThan(100, "the test must read Core's sources");
        layers.Violations(sources).ShouldBeEmpty();
    }

    [Fact]
    public void The_README_lists_each_folder_of_Core_once()
    {
        var layers = CoreLayers.FromReadme(File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "README.md")));
        var folders = Directory.EnumerateDirectories(CoreRoot)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        layers.Order.ShouldBe(layers.Order.Distinct(StringComparer.Ordinal));
        layers.Order.Order(StringComparer.Ordinal).ShouldBe(folders!);
    }

    [Fact]
    public void An_upward_using_a_qualified_name_and_an_unlisted_folder_are_each_reported()
    {
        var layers = new CoreLayers(["Parsing", "Model", "Rules"]);
        var sources = new[]
        {
            new CoreSource("Parsing/Reader.cs", "namespace MeshLint.Parsing;\ninternal sealed class Reader { }\n"),
            new CoreSource("Model/Pod.cs", "using MeshLint.Parsing;\nusing MeshLint.Rules;\nnamespace MeshLint.Model;\ninternal sealed class Pod { }\n"),
            new CoreSource("Model/Shape.cs", "namespace MeshLint.Model;\ninternal sealed class Shape { Rules.Catalog? catalog; MeshLint.Rules.Catalog? other; }\n"),
            new CoreSource("Rules/Catalog.cs", "using MeshLint.Model;\nusing MeshLint.Parsing;\nnamespace MeshLint.Rules;\ninternal sealed class Catalog { }\n"),
            new CoreSource("Rules/BuiltIn/HoldMissing.cs", "namespace MeshLint.Rules.BuiltIn;\ninternal sealed class HoldMissing { Model.Pod? pod; }\n"),
            new CoreSource("Extras/Helper.cs", "namespace MeshLint.Extras;\ninternal static class Helper { }\n"),
            new CoreSource("Model/Misplaced.cs", "namespace MeshLint.Rules;\ninternal sealed class Misplaced { }\n"),
        };

        layers.Violations(sources).ShouldBe(
        [
            "Extras/Helper.cs: folder Extras is not in the README's architecture list",
            "Model/Misplaced.cs: namespace MeshLint.Rules does not match its folder (MeshLint.Model)",
            "Model/Pod.cs:2: Model uses Rules (using MeshLint.Rules), a layer above it",
            "Model/Shape.cs:2: Model uses Rules (Rules.Catalog), a layer above it",
            "Model/Shape.cs:2: Model uses Rules (MeshLint.Rules.Catalog), a layer above it",
        ]);
    }

    [Fact]
    public void The_architecture_list_is_read_in_its_order()
    {
        const string readme = "# x\n## Architecture\n\ntext\n\n1. `Parsing/` — a\n   more\n2. `Model/` — b\n10. `Rules/` — c\n\n## Next\n1. `Other/` — d\n";

        CoreLayers.FromReadme(readme).Order.ShouldBe(["Parsing", "Model", "Rules"]);
    }

    private sealed record CoreSource(string Path, string Text);

    /// <summary>The layer order and the checks against it.</summary>
    private sealed partial class CoreLayers(IReadOnlyList<string> order)
    {
        public IReadOnlyList<string> Order => order;

        public static CoreLayers FromReadme(string readme)
        {
            var start = readme.IndexOf("\n## Architecture\n", StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, "README.md needs its ## Architecture section");
            var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            var section = end < 0 ? readme[start..] : readme[start..end];
            return new CoreLayers(ListedFolder().Matches(section).Select(match => match.Groups["folder"].Value).ToList());
        }

        public IReadOnlyList<string> Violations(IEnumerable<CoreSource> sources)
        {
            var list = sources.ToList();
            var rank = order.Select((folder, index) => (folder, index)).ToDictionary(item => item.folder, item => item.index, StringComparer.Ordinal);
            var declared = list
                .SelectMany(source => DeclaredType().Matches(source.Text).Select(match => (Folder: FolderOf(source.Path), Type: match.Groups["type"].Value)))
                .ToLookup(item => item.Folder, item => item.Type, StringComparer.Ordinal);
            var violations = new List<string>();
            foreach (var source in list.OrderBy(source => source.Path, StringComparer.Ordinal))
            {
                var folder = FolderOf(source.Path);
                if (!rank.TryGetValue(folder, out var own))
                {
                    violations.Add($"{source.Path}: folder {folder} is not in the README's architecture list");
                    continue;
                }

                var expected = "MeshLint." + string.Join('.', source.Path.Split('/')[..^1]);
                if (Namespace().Match(source.Text) is { Success: true } ns && ns.Groups["name"].Value != expected)
                {
                    violations.Add($"{source.Path}: namespace {ns.Groups["name"].Value} does not match its folder ({expected})");
                    continue;
                }

                var lines = source.Text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    var line = StripComment(lines[i]);
                    var uses = UsingDirective().Matches(line).Select(match => (Layer: match.Groups["layer"].Value, Shown: $"using MeshLint.{match.Groups["layer"].Value}"))
                        .Concat(QualifiedName().Matches(UsingDirective().Replace(line, string.Empty))
                            .Where(match => declared[match.Groups["layer"].Value].Contains(match.Groups["type"].Value, StringComparer.Ordinal))
                            .Select(match => (Layer: match.Groups["layer"].Value, Shown: match.Value)));
                    foreach (var (layer, shown) in uses)
                    {
                        if (layer != folder && rank.TryGetValue(layer, out var used) && used > own)
                        {
                            violations.Add($"{source.Path}:{i + 1}: {folder} uses {layer} ({shown}), a layer above it");
                        }
                    }
                }
            }

            return violations;
        }

        private static string FolderOf(string path) => path.Split('/')[0];

        // Strings and comments name other folders in prose; only code counts.
        private static string StripComment(string line) => LineComment().Replace(StringLiteral().Replace(line, "\"\""), string.Empty);

        [GeneratedRegex(@"^(?:\d+)\.\s+`(?<folder>\w+)/`", RegexOptions.Multiline)]
        private static partial Regex ListedFolder();

        [GeneratedRegex(@"^\s*(?:(?:public|internal|file|static|sealed|abstract|readonly|partial|record)\s+)*(?:class|record|struct|interface|enum)\s+(?<type>[A-Z]\w*)", RegexOptions.Multiline)]
        private static partial Regex DeclaredType();

        [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+);", RegexOptions.Multiline)]
        private static partial Regex Namespace();

        [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?MeshLint\.(?<layer>\w+)")]
        private static partial Regex UsingDirective();

        [GeneratedRegex(@"(?<![\w.])(?:MeshLint\.)?(?<layer>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
        private static partial Regex QualifiedName();

        [GeneratedRegex(@"//.*$")]
        private static partial Regex LineComment();

        [GeneratedRegex(@"""(?:\\.|[^""\\])*""")]
        private static partial Regex StringLiteral();
    }
}
