using Shouldly;
using Xunit;

namespace MeshLint.Tests.Ci;

/// <summary>A copy of the repository as the runner downloads an action, and a cache shared by the runs of this class.</summary>
public sealed class ActionCheckout : IDisposable
{
    private static readonly string[] Skipped = [".git", ".tools", "bin", "obj", "TestResults", "node_modules"];

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
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(directory => !Skipped.Contains(Path.GetFileName(directory))))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

[Integration]
public sealed class ActionTests(ActionCheckout checkout) : IClassFixture<ActionCheckout>
{
    private static void SkipWithoutTools()
    {
        foreach (var tool in new[] { "bash", "jq", "dotnet" })
        {
            Tools.Require(tool);
        }
    }

    [SkippableFact]
    public void The_action_annotates_writes_sarif_and_a_summary_sets_outputs_and_fails_on_errors_then_reuses_its_cached_build()
    {
        SkipWithoutTools();
        var harness = new ActionHarness(checkout.ActionPath, checkout.CacheStore);
        using var workspace = TempRepository.Folder().WriteShop();

        var first = harness.Run(workspace.Root, new Dictionary<string, string>());

        first.ExitCode.ShouldBe(1, first.Log);
        first.Outputs["findings"].ShouldBe("2", first.Log);
        first.Outputs["errors"].ShouldBe("1");
        first.Outputs["warnings"].ShouldBe("1");
        first.Outputs["sarif-file"].ShouldBe("meshlint.sarif");
        first.Log.ShouldContain("::error file=apps/bad.yaml,line=10,col=9,endLine=10,endColumn=41,title=Deployment/payments%3A vault-agent-init cannot reach Vault%2C so the pod hangs in Init [assumes legacy sidecars]::Its connections go to istio-proxy");
        first.Log.ShouldContain("(MESH002 vault-agent-without-outbound-exclusion)");
        first.Log.ShouldContain("::warning file=apps/bad.yaml,line=8,col=5,");
        first.Summary.ShouldContain("## MeshLint");
        ReadyToRun.ShouldBePrecompiledUnder(checkout.CacheStore);
        first.Summary.ShouldContain("| error | apps/bad.yaml:10:9 | MESH002 |");
        using (var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(workspace.PathOf("meshlint.sarif"))))
        {
            var run = sarif.RootElement.GetProperty("runs")[0];
            run.GetProperty("results").GetArrayLength().ShouldBe(2);
            run.GetProperty("automationDetails").GetProperty("id").GetString().ShouldBe("meshlint/");
        }

        var second = harness.Run(workspace.Root, new Dictionary<string, string>
        {
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
        var harness = new ActionHarness(checkout.ActionPath, checkout.CacheStore);
        using var workspace = TempRepository.Folder().WriteShop();

        var outcome = harness.Run(workspace.Root, new Dictionary<string, string>
        {
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
