using System.Reflection.PortableExecutable;
using Shouldly;

namespace MeshLint.Tests.Support;

/// <summary>Whether an installed MeshLint was compiled ahead of time, as every install path should leave it.</summary>
public static class ReadyToRun
{
    /// <summary>The assemblies a lint run starts with: without their native code it waits for the JIT.</summary>
    public static readonly string[] StartupAssemblies = ["meshlint.dll", "MeshLint.Core.dll", "YamlDotNet.dll"];

    /// <summary>A ReadyToRun image carries a managed native header in its CLI header; plain IL has none.</summary>
    public static bool IsPrecompiled(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>Finds each start-up assembly once under <paramref name="root"/> and asserts it is precompiled.</summary>
    public static void ShouldBePrecompiledUnder(string root)
    {
        foreach (var name in StartupAssemblies)
        {
            var found = Directory.GetFiles(root, name, SearchOption.AllDirectories);
            found.ShouldNotBeEmpty($"{name} is not under {root}");
            foreach (var assembly in found)
            {
                IsPrecompiled(assembly).ShouldBeTrue($"{assembly} is plain IL, not ReadyToRun");
            }
        }
    }
}
