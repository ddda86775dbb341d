using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>A copy of the repository as the runner downloads an action, and a cache for its runs.</summary>
public sealed class ActionCheckout : IDisposable
{
    private static readonly string[] Skipped = [".git", ".tools", "bin", "obj", "TestResults", "node_modules", "dist", "artifacts"];

    private readonly TempRepository root = TempRepository.Folder();

    public ActionCheckout()
    {
        ActionPath = root.PathOf("action");
        CacheStore = root.PathOf("cache");
        Copy(FixturePaths.RepositoryRoot, ActionPath);
        Directory.CreateDirectory(CacheStore);
    }

    public string ActionPath { get; }

    public string CacheStore { get; }

    public void Dispose() => root.Dispose();

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        // A linked work tree's .git is a file that points at the real repository: never copied, so
        // git run in the copy (the hook tests make it a repository of its own) cannot touch this one.
        foreach (var file in Directory.EnumerateFiles(from).Where(file => !Skipped.Contains(Path.GetFileName(file))))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(directory => !Skipped.Contains(Path.GetFileName(directory))))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

/// <summary>A stand-in for GitHub's cache, shared by the runs of one test class.</summary>
public sealed class ActionCacheStore : IDisposable
{
    private readonly TempRepository root = TempRepository.Folder();

    public string Root => root.Root;

    public void Dispose() => root.Dispose();
}

/// <summary>
/// The Action built from source. Its checkout is the shared copy of the sources
/// (<see cref="SourceSnapshot"/>): its build step runs <c>dotnet publish</c> there as on a runner,
/// and finds compiled what another test of the same sources built already. The copy is held
/// while the action runs, as the build writes to it.
/// </summary>
[Integration]
[StartsFirst]
public sealed class ActionTests(ActionCacheStore cache) : IClassFixture<ActionCacheStore>
{
    private static void SkipWithoutTools()
    {
        foreach (var tool in new[] { "bash", "jq", "dotnet" })
        {
            Tools.Require(tool);
        }
    }

    private static ActionOutcome RunFromSource(ActionHarness harness, string workspace, IReadOnlyDictionary<string, string> inputs)
    {
        using (SourceSnapshot.Current.Lock())
        {
            return harness.Run(workspace, inputs);
        }
    }

    [SkippableFact]
    public void Built_from_source_the_action_annotates_writes_sarif_and_a_summary_sets_outputs_and_fails_on_errors_then_reuses_its_cached_build()
    {
        SkipWithoutTools();
        var harness = new ActionHarness(SourceSnapshot.Current.Root, cache.Root);
        using var workspace = TempRepository.Folder().WriteShop();

        var first = RunFromSource(harness, workspace.Root, new Dictionary<string, string> { ["from-source"] = "true" });

        first.ExitCode.ShouldBe(1, first.Log);
        first.Outputs["findings"].ShouldBe("2", first.Log);
        first.Outputs["errors"].ShouldBe("1");
        first.Outputs["warnings"].ShouldBe("1");
        first.Outputs["sarif-file"].ShouldBe("meshlint.sarif");
        first.Log.ShouldContain("::error file=apps/bad.yaml,line=10,col=9,endLine=10,endColumn=41,title=Deployment/payments%3A vault-agent-init cannot reach Vault%2C so the pod hangs in Init [assumes legacy sidecars]::Its connections go to istio-proxy");
        first.Log.ShouldContain("(MESH002 vault-agent-without-outbound-exclusion)");
        first.Log.ShouldContain("::warning file=apps/bad.yaml,line=8,col=5,");
        first.Summary.ShouldContain("## MeshLint");
        ReadyToRun.ShouldBePrecompiledUnder(cache.Root);
        first.Summary.ShouldContain("| error | apps/bad.yaml:10:9 | MESH002 |");
        using (var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(workspace.PathOf("meshlint.sarif"))))
        {
            var run = sarif.RootElement.GetProperty("runs")[0];
            run.GetProperty("results").GetArrayLength().ShouldBe(2);
            run.GetProperty("automationDetails").GetProperty("id").GetString().ShouldBe("meshlint/");
        }

        var second = RunFromSource(harness, workspace.Root, new Dictionary<string, string>
        {
            ["from-source"] = "true",
            ["paths"] = "apps/good.yaml\nplatform",
            ["fail-on"] = "never",
            ["annotations"] = "false",
            ["sarif-file"] = "reports/deploy.sarif",
            ["category"] = "meshlint-deploy",
        });

        second.ExitCode.ShouldBe(0, second.Log);
        second.StepsRun.ShouldNotContain("Build MeshLint", "the second run must take MeshLint from the cache");
        second.Outputs["findings"].ShouldBe("0", second.Log);
        second.Outputs["sarif-file"].ShouldBe("reports/deploy.sarif");
        second.Log.ShouldNotContain("::");
        second.Log.ShouldContain("No findings in 2 files");
        File.ReadAllText(workspace.PathOf("reports/deploy.sarif")).ShouldContain("\"id\": \"meshlint-deploy/\"");
    }

    [SkippableFact]
    public void Inputs_reach_meshlint_as_data_and_never_as_shell()
    {
        SkipWithoutTools();
        var harness = new ActionHarness(SourceSnapshot.Current.Root, cache.Root);
        using var workspace = TempRepository.Folder().WriteShop();

        var outcome = RunFromSource(harness, workspace.Root, new Dictionary<string, string>
        {
            ["from-source"] = "true",
            ["paths"] = "$(touch pwned1) `touch pwned2` ;touch${IFS}pwned3 *",
            ["sarif-file"] = "x.sarif; touch pwned4",
        });

        Directory.EnumerateFiles(workspace.Root, "pwned*").ShouldBeEmpty(outcome.Log);
        outcome.ExitCode.ShouldBe(2, "the odd paths are missing files, an input error");
        outcome.Log.ShouldContain("meshlint: $(touch: no such file or directory");
        outcome.Log.ShouldContain("meshlint: *: no such file or directory");
        File.Exists(workspace.PathOf("x.sarif; touch pwned4")).ShouldBeTrue();
    }
}

/// <summary>
/// The Action's default path: it installs the release binary that its own version names, from a
/// release built on this machine by scripts/release-local.sh and served on 127.0.0.1 in place of
/// GitHub's release downloads, checked against the checksum recorded in the action's checkout (as
/// the release workflow records it), and caches it. No .NET is set up or built.
/// </summary>
[Integration]
public sealed class ActionReleaseTests
{
    private static (ActionCheckout Checkout, LocalReleaseServer Server) Released(string dist, bool recordChecksum = true)
    {
        var checkout = new ActionCheckout();
        if (recordChecksum)
        {
            File.AppendAllText(Path.Combine(checkout.ActionPath, "scripts", "release-checksums.txt"), ReleaseBuild.ArchiveChecksumLine(dist) + "\n");
        }

        return (checkout, new LocalReleaseServer(dist, ReleaseBuild.Version));
    }

    private static void SkipWithoutTools()
    {
        foreach (var tool in new[] { "bash", "jq", "curl", "tar" })
        {
            Tools.Require(tool);
        }
    }

    [SkippableFact]
    public void The_action_downloads_its_versions_release_binary_verifies_caches_and_runs_it_without_dotnet()
    {
        SkipWithoutTools();
        var dist = ReleaseBuild.RequireDist();
        var (checkout, server) = Released(dist);
        using var _ = checkout;
        using var __ = server;
        var harness = new ActionHarness(checkout.ActionPath, checkout.CacheStore);
        using var workspace = TempRepository.Folder().WriteShop();
        var inputs = new Dictionary<string, string> { ["release-url"] = server.BaseUrl };

        var first = harness.Run(workspace.Root, inputs);

        first.ExitCode.ShouldBe(1, first.Log);
        first.StepsRun.ShouldContain("Download MeshLint");
        first.StepsRun.ShouldNotContain("Set up .NET");
        first.StepsRun.ShouldNotContain("Build MeshLint");
        server.Requests.ShouldBe([$"/releases/download/v{ReleaseBuild.Version}/{ReleaseBuild.ArchiveName}"]);
        first.Outputs["findings"].ShouldBe("2", first.Log);
        first.Outputs["errors"].ShouldBe("1");
        first.Log.ShouldContain("::error file=apps/bad.yaml,line=10,col=9,endLine=10,endColumn=41,title=Deployment/payments%3A vault-agent-init cannot reach Vault%2C so the pod hangs in Init [assumes legacy sidecars]::Its connections go to istio-proxy");
        first.Log.ShouldContain("(MESH002 vault-agent-without-outbound-exclusion)");
        first.Summary.ShouldContain("| error | apps/bad.yaml:10:9 | MESH002 |");

        // What the cache holds is the release's native executable, alone: no runtime, no assemblies.
        var cached = Directory.GetFiles(checkout.CacheStore, "*", SearchOption.AllDirectories);
        cached.Select(Path.GetFileName).ShouldBe(["meshlint"]);
        File.ReadAllBytes(cached[0]).AsSpan(0, 4).ToArray().ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        File.ReadAllBytes(cached[0]).ShouldBe(File.ReadAllBytes(Path.Combine(dist, "publish", ReleaseBuild.Rid, "meshlint")));

        var second = harness.Run(workspace.Root, inputs);

        second.ExitCode.ShouldBe(1, second.Log);
        second.StepsRun.ShouldNotContain("Download MeshLint", "the second run must take MeshLint from the cache");
        server.Requests.Count.ShouldBe(1, "the cached binary is not downloaded again");
        second.Outputs["findings"].ShouldBe("2", second.Log);
    }

    [SkippableFact]
    public void A_download_that_does_not_match_the_recorded_checksum_is_neither_installed_nor_run()
    {
        SkipWithoutTools();
        var dist = ReleaseBuild.RequireDist();
        var (checkout, server) = Released(dist);
        using var _ = checkout;
        using var __ = server;
        server.Tamper = true;
        using var workspace = TempRepository.Folder().WriteShop();

        var outcome = new ActionHarness(checkout.ActionPath, checkout.CacheStore).Run(workspace.Root, new Dictionary<string, string> { ["release-url"] = server.BaseUrl });

        outcome.ExitCode.ShouldBe(2, outcome.Log);
        outcome.Log.ShouldContain($"meshlint: {ReleaseBuild.ArchiveName} has SHA-256 ");
        outcome.Log.ShouldContain("scripts/release-checksums.txt records " + ReleaseBuild.ArchiveChecksumLine(dist)[..64] + ": not installed");
        outcome.StepsRun.ShouldNotContain("Lint");
        Directory.GetFiles(checkout.CacheStore, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [SkippableFact]
    public void An_action_whose_version_has_no_recorded_release_says_so_and_downloads_nothing()
    {
        SkipWithoutTools();
        var dist = ReleaseBuild.RequireDist();
        var (checkout, server) = Released(dist, recordChecksum: false);
        using var _ = checkout;
        using var __ = server;
        using var workspace = TempRepository.Folder().WriteShop();

        var outcome = new ActionHarness(checkout.ActionPath, checkout.CacheStore).Run(workspace.Root, new Dictionary<string, string> { ["release-url"] = server.BaseUrl });

        outcome.ExitCode.ShouldBe(2, outcome.Log);
        outcome.Log.ShouldContain($"meshlint: MeshLint {ReleaseBuild.Version} has no release binary for {ReleaseBuild.Rid} recorded in scripts/release-checksums.txt");
        outcome.Log.ShouldContain("pin a release tag, or build from source");
        outcome.StepsRun.ShouldBe(["Locate MeshLint"]);
        server.Requests.ShouldBeEmpty();
    }
}
