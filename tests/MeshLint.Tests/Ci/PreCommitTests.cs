using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The real pre-commit (Debian's package) installs the hook from this repository with its
/// <c>dotnet</c> language: it packs the solution as a .NET tool and installs it, as a user's
/// first commit would.
/// </summary>
public sealed class PreCommitTests
{
    [SkippableFact]
    public void The_meshlint_hook_installs_from_this_repository_passes_good_manifests_and_fails_a_bad_staged_one_with_the_whole_tree_context()
    {
        Skip.If(CiPaths.OnPath("pre-commit") is null || CiPaths.OnPath("git") is null, $"pre-commit or git is not installed; {CiPaths.InstallHint}");
        using var work = new TempFolder();
        var repo = Path.Combine(work.Path, "repo");
        Directory.CreateDirectory(repo);
        TestRepository.Write(repo, "platform/namespace.yaml", TestRepository.Namespace);
        TestRepository.Write(repo, "apps/good.yaml", TestRepository.Good);
        TestRepository.Git(repo, "init", "--quiet");
        TestRepository.Git(repo, "add", ".");
        var environment = new Dictionary<string, string?> { ["PRE_COMMIT_HOME"] = Path.Combine(work.Path, "pre-commit-home"), ["PRE_COMMIT_COLOR"] = "never" };

        var good = ToolProcess.Run("pre-commit", ["try-repo", CiPaths.RepositoryRoot, "meshlint", "--all-files", "--verbose"], repo, environment);

        good.ExitCode.ShouldBe(0, good.ToString());
        good.Stdout.ShouldContain("No findings in 2 files");

        TestRepository.Git(repo, "commit", "--quiet", "-m", "good manifests");
        TestRepository.Write(repo, "apps/bad.yaml", TestRepository.Bad);
        TestRepository.Git(repo, "add", "apps/bad.yaml");

        // Without --all-files pre-commit passes only the staged file, as on a real commit.
        var bad = ToolProcess.Run("pre-commit", ["try-repo", CiPaths.RepositoryRoot, "meshlint"], repo, environment);

        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002 vault-agent-without-outbound-exclusion: Deployment/payments:");
        bad.Stdout.ShouldContain("namespace shop has istio-injection=enabled", customMessage: "the Namespace comes from the rest of the work tree");
        bad.Stdout.ShouldContain("in 1 file");
    }
}
