using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The real pre-commit (Debian's package) installs the hook from this repository with its
/// <c>dotnet</c> language: it packs the solution as a .NET tool and installs it, as a user's
/// first commit would. The <c>meshlint-fix</c> hook fixes a staged file and fails the commit until
/// the fix is staged.
/// </summary>
[Integration]
public sealed class PreCommitTests
{
    [SkippableFact]
    public void The_meshlint_hook_installs_from_this_repository_passes_good_manifests_and_fails_a_bad_staged_one_with_the_whole_tree_context()
    {
        var preCommit = Tools.Require("pre-commit");
        using var home = TempRepository.Folder();
        using var repo = TempRepository.Folder()
            .Write("platform/namespace.yaml", Manifests.ShopNamespace)
            .Write("apps/good.yaml", Manifests.ShopCatalog);
        repo.Git("init", "--quiet");
        repo.Git("add", ".");
        var environment = new Dictionary<string, string?> { ["PRE_COMMIT_HOME"] = home.Root, ["PRE_COMMIT_COLOR"] = "never" };

        var good = ToolProcess.Run(preCommit, ["try-repo", FixturePaths.RepositoryRoot, "meshlint", "--all-files", "--verbose"], repo.Root, environment);

        good.ExitCode.ShouldBe(0, good.ToString());
        good.Stdout.ShouldContain("No findings in 2 files");

        repo.Git("commit", "--quiet", "-m", "good manifests");
        repo.Write("apps/bad.yaml", Manifests.ShopPayments);
        repo.Git("add", "apps/bad.yaml");

        // Without --all-files pre-commit passes only the staged file, as on a real commit.
        var bad = ToolProcess.Run(preCommit, ["try-repo", FixturePaths.RepositoryRoot, "meshlint"], repo.Root, environment);

        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002 [*] vault-agent-without-outbound-exclusion:\n  Deployment/payments:");
        bad.Prose.ShouldContain("namespace shop has istio-injection=enabled", customMessage: "the Namespace comes from the rest of the work tree");
        bad.Stdout.ShouldContain("2 findings (1 error, 1 warning, 0 notes) in 1 file (1 document).", customMessage: "only the staged file is linted");

        // meshlint-fix fixes the staged file; pre-commit fails because the hook changed it, as with ruff's fix hook.
        var fixing = ToolProcess.Run(preCommit, ["try-repo", FixturePaths.RepositoryRoot, "meshlint-fix"], repo.Root, environment);

        fixing.ExitCode.ShouldBe(1, fixing.ToString());
        fixing.Stdout.ShouldContain("files were modified by this hook");
        var fixedText = File.ReadAllText(repo.PathOf("apps/bad.yaml"));
        fixedText.ShouldContain("traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"");
        fixedText.ShouldContain("proxy.istio.io/config: '{\"holdApplicationUntilProxyStarts\": true}'");
        repo.Git("status", "--porcelain", "apps/bad.yaml").Stdout.ShouldStartWith("AM ", customMessage: "the fix waits in the work tree for the user to stage it");

        // Once the user stages the fixed file, the hook changes nothing and the commit goes through.
        repo.Git("add", "apps/bad.yaml");
        var again = ToolProcess.Run(preCommit, ["try-repo", FixturePaths.RepositoryRoot, "meshlint-fix"], repo.Root, environment);

        again.ExitCode.ShouldBe(0, again.ToString());
        File.ReadAllText(repo.PathOf("apps/bad.yaml")).ShouldBe(fixedText);
        repo.Git("commit", "--quiet", "-m", "fixed manifests");
    }
}
