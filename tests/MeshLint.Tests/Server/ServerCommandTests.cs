using Shouldly;
using Xunit;

namespace MeshLint.Tests.Server;

/// <summary><c>meshlint server</c> on the command line: help, and arguments it does not take.</summary>
public sealed class ServerCommandTests
{
    [Fact]
    public void Help_names_the_server_and_an_unknown_argument_is_a_usage_error()
    {
        using var repo = TempRepository.Folder();
        var help = CliRun.In(repo.Root, "server", "--help");
        help.ExitCode.ShouldBe(0);
        help.Stdout.ShouldContain("meshlint server");

        var wrong = CliRun.In(repo.Root, "server", "--tcp");
        wrong.ExitCode.ShouldBe(2);
        wrong.Stderr.ShouldContain("unknown option '--tcp' for 'meshlint server'");
    }
}
