using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>
/// The real pre-commit (Debian's package) installs the hook from this repository with its
/// <c>dotnet</c> language: it packs the solution as a .NET tool and installs it, as a user's
/// first commit would. The hooks come from a commit of this work tree (<see cref="SourceSnapshot"/>),
/// named by a configuration as a user's names a release tag, so pre-commit builds the environment
/// once and every run here (and in other tests of the same commit) reuses it. The
/// <c>meshlint-fix</c> hook fixes a staged file and fails the commit until the fix is staged.
/// </summary>
[Integration]
[StartsFirst]
public sealed class PreCommitTests
{
    [SkippableFact]
    public void The_meshlint_hook_installs_from_this_repository_passes_good_manifests_and_fails_a_bad_staged_one_with_the_whole_tree_context()
    {
        var preCommit = Tools.Require("pre-commit");
        var snapshot = SourceSnapshot.Current;
        using var work = TempRepository.Folder();
        var config = snapshot.WritePreCommitConfig(work.PathOf("pre-commit-config.yaml"), "meshlint", "meshlint-fix");
        using var repo = TempRepository.Folder()
            .Write("platform/namespace.yaml", Manifests.ShopNamespace)
            .Write("apps/good.yaml", Manifests.ShopCatalog);
        repo.Git("init", "--quiet");
        repo.Git("add", ".");
        var environment = new Dictionary<string, string?> { ["PRE_COMMIT_HOME"] = snapshot.PreCommitHome, ["PRE_COMMIT_COLOR"] = "never" };
        RunOutcome Hook(params string[] args) => ToolProcess.Run(preCommit, ["run", "--config", config, .. args], repo.Root, environment);

        var good = Hook("meshlint", "--all-files", "--verbose");

        good.ExitCode.ShouldBe(0, good.ToString());
        good.Stdout.ShouldContain("No findings in 2 files");

        // The environment pre-commit built holds the tool as dotnet tool install left it, compiled ahead of time.
        var environments = Directory.GetDirectories(snapshot.PreCommitHome, "dotnetenv-*", SearchOption.AllDirectories);
        environments.ShouldNotBeEmpty(good.ToString());
        foreach (var installed in environments)
        {
            ReadyToRun.ShouldBePrecompiledUnder(installed);
        }

        repo.Git("commit", "--quiet", "-m", "good manifests");
        repo.Write("apps/bad.yaml", Manifests.ShopPayments);
        repo.Git("add", "apps/bad.yaml");

        // Without --all-files pre-commit passes only the staged file, as on a real commit.
        var bad = Hook("meshlint");

        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002 [*] vault-agent-without-outbound-exclusion:\n  Deployment/payments:");
        bad.Prose.ShouldContain("namespace shop has istio-injection=enabled", customMessage: "the Namespace comes from the rest of the work tree");
        bad.Stdout.ShouldContain("2 findings (1 error, 1 warning, 0 notes) in 1 file (1 document).", customMessage: "only the staged file is linted");

        // meshlint-fix fixes the staged file; pre-commit fails because the hook changed it, as with ruff's fix hook.
        var fixing = Hook("meshlint-fix");

        fixing.ExitCode.ShouldBe(1, fixing.ToString());
        fixing.Stdout.ShouldContain("files were modified by this hook");
        var fixedText = File.ReadAllText(repo.PathOf("apps/bad.yaml"));
        fixedText.ShouldContain("traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"");
        fixedText.ShouldContain("proxy.istio.io/config: '{\"holdApplicationUntilProxyStarts\": true}'");
        repo.Git("status", "--porcelain", "apps/bad.yaml").Stdout.ShouldStartWith("AM ", customMessage: "the fix waits in the work tree for the user to stage it");

        // Once the user stages the fixed file, the hook changes nothing and the commit goes through.
        repo.Git("add", "apps/bad.yaml");
        var again = Hook("meshlint-fix");

        again.ExitCode.ShouldBe(0, again.ToString());
        File.ReadAllText(repo.PathOf("apps/bad.yaml")).ShouldBe(fixedText);
        repo.Git("commit", "--quiet", "-m", "fixed manifests");
    }
}

/// <summary>
/// The <c>meshlint-bin</c> and <c>meshlint-fix-bin</c> hooks: the real pre-commit runs
/// scripts/release-binary.sh from a clone of this repository (with the local release's checksum
/// recorded, as a release tag has it), which downloads the release binary from a server on
/// 127.0.0.1, verifies it, caches it and runs it; later runs use the cached binary.
/// </summary>
[Integration]
public sealed class PreCommitReleaseTests
{
    [SkippableFact]
    public void The_binary_hook_downloads_verifies_and_caches_the_release_and_lints_the_staged_file_with_the_whole_tree_context()
    {
        var preCommit = Tools.Require("pre-commit");
        Tools.Require("curl");
        var dist = ReleaseBuild.RequireDist();
        using var server = new LocalReleaseServer(dist, ReleaseBuild.Version);
        using var hookRepo = new ActionCheckout();
        File.AppendAllText(Path.Combine(hookRepo.ActionPath, "scripts", "release-checksums.txt"), ReleaseBuild.ArchiveChecksumLine(dist) + "\n");
        var hooks = hookRepo.ActionPath;
        foreach (var args in new[] { new[] { "init", "--quiet" }, ["add", "-A"], ["commit", "--quiet", "-m", "release"] })
        {
            var git = ToolProcess.Run(Tools.Require("git"), ["-c", "user.name=MeshLint Test", "-c", "user.email=test@example.invalid", .. args], hooks);
            git.ExitCode.ShouldBe(0, git.ToString());
        }

        using var home = TempRepository.Folder();
        using var repo = TempRepository.Folder()
            .Write("platform/namespace.yaml", Manifests.ShopNamespace)
            .Write("apps/good.yaml", Manifests.ShopCatalog);
        repo.Git("init", "--quiet");
        repo.Git("add", ".");
        repo.Git("commit", "--quiet", "-m", "good manifests");
        repo.Write("apps/bad.yaml", Manifests.ShopPayments);
        repo.Git("add", "apps/bad.yaml");
        var environment = new Dictionary<string, string?>
        {
            ["PRE_COMMIT_HOME"] = home.PathOf("pre-commit"),
            ["PRE_COMMIT_COLOR"] = "never",
            ["MESHLINT_RELEASE_URL"] = server.BaseUrl,
            ["MESHLINT_CACHE_DIR"] = home.PathOf("cache"),
        };

        var first = ToolProcess.Run(preCommit, ["try-repo", hooks, "meshlint-bin"], repo.Root, environment);

        first.ExitCode.ShouldBe(1, first.ToString());
        first.Stdout.ShouldContain("apps/bad.yaml:10:9: error MESH002 [*] vault-agent-without-outbound-exclusion:\n  Deployment/payments:");
        first.Stdout.ShouldContain("namespace shop has istio-injection=enabled", customMessage: "the Namespace comes from the rest of the work tree");
        first.Stdout.ShouldContain("2 findings (1 error, 1 warning, 0 notes) in 1 file (1 document).");
        server.Requests.ShouldBe([$"/releases/download/v{ReleaseBuild.Version}/{ReleaseBuild.ArchiveName}"]);
        Directory.GetFiles(home.PathOf("cache"), "meshlint", SearchOption.AllDirectories).Length.ShouldBe(1);

        var fixing = ToolProcess.Run(preCommit, ["try-repo", hooks, "meshlint-fix-bin"], repo.Root, environment);

        fixing.ExitCode.ShouldBe(1, fixing.ToString());
        fixing.Stdout.ShouldContain("files were modified by this hook");
        repo.Read("apps/bad.yaml").ShouldContain("traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"");
        server.Requests.Count.ShouldBe(1, "later runs take the cached binary");
    }

    [SkippableFact]
    public void The_binary_hook_refuses_a_download_that_does_not_match_the_recorded_checksum()
    {
        var bash = Tools.Require("bash");
        Tools.Require("curl");
        var dist = ReleaseBuild.RequireDist();
        using var server = new LocalReleaseServer(dist, ReleaseBuild.Version) { Tamper = true };
        using var hookRepo = new ActionCheckout();
        File.AppendAllText(Path.Combine(hookRepo.ActionPath, "scripts", "release-checksums.txt"), ReleaseBuild.ArchiveChecksumLine(dist) + "\n");
        using var home = TempRepository.Folder();
        using var repo = TempRepository.Folder().WriteShop();

        var run = ToolProcess.Run(bash, [Path.Combine(hookRepo.ActionPath, "scripts", "release-binary.sh"), "run", "apps/bad.yaml"], repo.Root, new Dictionary<string, string?>
        {
            ["MESHLINT_RELEASE_URL"] = server.BaseUrl,
            ["MESHLINT_CACHE_DIR"] = home.PathOf("cache"),
        });

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Stderr.ShouldContain($"meshlint: {ReleaseBuild.ArchiveName} has SHA-256 ");
        run.Stderr.ShouldContain(": not installed");
        run.Stdout.ShouldBeEmpty();
        (Directory.Exists(home.PathOf("cache")) && Directory.EnumerateFiles(home.PathOf("cache"), "*", SearchOption.AllDirectories).Any())
            .ShouldBeFalse("nothing is kept from a download that failed its check");
    }
}
