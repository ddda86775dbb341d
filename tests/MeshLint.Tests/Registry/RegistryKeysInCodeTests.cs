using System.Text.RegularExpressions;
using MeshLint.Registry;
using MeshLint.Tests.Support;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Registry;

/// <summary>Every Istio or Vault key the code names (a rule's constant, an injection check) is one the registry knows.</summary>
public sealed partial class RegistryKeysInCodeTests
{
    [Fact]
    public void Every_key_the_code_names_is_in_the_registry()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(FixturePaths.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories).ToList();
        var keys = sources.SelectMany(file => KeyLiteral().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Key: match.Groups[1].Value)))
            .Where(found => !found.Key.EndsWith('/') && !found.Key.EndsWith('-'))
            .ToList();

        keys.Select(found => found.Key).ShouldContain("sidecar.istio.io/inject");
        keys.Select(found => found.Key).ShouldContain(KeyDomain.IstioInjectionLabel);
        var missing = keys.Where(found => KeyRegistry.BuiltIn.Find(found.Key, KeyKind.Annotation) is null && KeyRegistry.BuiltIn.Find(found.Key, KeyKind.Label) is null)
            .Select(found => $"{found.File}: {found.Key}")
            .ToList();
        missing.ShouldBeEmpty();
    }

    [GeneratedRegex("\"((?:[a-z0-9.-]*istio\\.io|vault\\.hashicorp\\.com)/[A-Za-z0-9._/-]+|istio-injection)\"")]
    private static partial Regex KeyLiteral();
}
