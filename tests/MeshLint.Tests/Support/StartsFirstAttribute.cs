using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("MeshLint.Tests.Support.StartsFirstOrderer", "MeshLint.Tests")]

namespace MeshLint.Tests.Support;

/// <summary>
/// Starts a test class before the others: its run is long (it builds MeshLint in Release, say),
/// and the short tests fill the other cores meanwhile instead of leaving it to run alone at the end.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>
/// xUnit's own order of test collections, with the classes marked <see cref="StartsFirstAttribute"/>
/// moved to the front. Each class is a collection of its own, named after the class.
/// </summary>
public sealed class StartsFirstOrderer : ITestCollectionOrderer
{
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderBy(collection => StartsFirst(collection) ? 0 : 1).ToList();

    private static bool StartsFirst(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
        && typeof(StartsFirstOrderer).Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..]) is { } type
        && type.IsDefined(typeof(StartsFirstAttribute), inherit: false);
}
