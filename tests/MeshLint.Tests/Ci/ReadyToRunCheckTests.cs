using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>The check the install tests rely on tells precompiled code from the plain IL that <c>dotnet build</c> writes.</summary>
public sealed class ReadyToRunCheckTests
{
    [Fact]
    public void The_test_builds_own_copy_of_the_core_is_plain_il()
    {
        ReadyToRun.IsPrecompiled(Path.Combine(AppContext.BaseDirectory, "MeshLint.Core.dll")).ShouldBeFalse();
    }

    [Fact]
    public void The_shared_framework_is_precompiled()
    {
        ReadyToRun.IsPrecompiled(typeof(object).Assembly.Location).ShouldBeTrue();
    }
}
