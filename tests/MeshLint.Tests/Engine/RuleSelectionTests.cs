using MeshLint.Engine;
using MeshLint.Findings;
using MeshLint.Input;
using MeshLint.Rules;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Engine;

/// <summary>A rule turned off, or left out by --select, costs nothing: it is not run, not only not reported.</summary>
public sealed class RuleSelectionTests
{
    private sealed class CountingRule(string id) : IObjectRule
    {
        private int checks;

        public int Checks => checks;

        public string Id => id;

        public IReadOnlyList<string> MessageKeys => [];

        public void Check(ObjectCheck check) => Interlocked.Increment(ref checks);
    }

    private static SourceFile File(string path, string text) => new(path, null) { Content = System.Text.Encoding.UTF8.GetBytes(text) };

    [Fact]
    public void A_rule_at_level_off_is_not_run_and_the_others_are()
    {
        var off = new CountingRule("MESH011");
        var on = new CountingRule("MESH012");
        var linter = new Linter(new LintOptions { Jobs = 1, Levels = new Dictionary<string, Level?> { ["MESH011"] = null } }, null, [off, on]);

        linter.Run([File("a.yaml", Manifests.VaultDeployment), File("b.yaml", Manifests.VaultDeployment.Replace("name: payments", "name: orders"))]);

        off.Checks.ShouldBe(0);
        on.Checks.ShouldBe(2);
    }

    [Fact]
    public void Per_folder_levels_decide_per_file_which_rules_run()
    {
        var rule = new CountingRule("MESH011");
        var offHere = new Dictionary<string, Level?> { ["MESH011"] = null };
        var options = new LintOptions
        {
            Jobs = 1,
            SettingsFor = file => file.DisplayPath.StartsWith("lab/", StringComparison.Ordinal) ? new FileSettings(offHere, MeshLint.Mesh.MeshAssumptions.Default) : null,
        };

        new Linter(options, null, [rule]).Run([File("lab/a.yaml", Manifests.VaultDeployment), File("prod/a.yaml", Manifests.VaultDeployment)]);

        rule.Checks.ShouldBe(1);
    }

    [Fact]
    public void Select_runs_only_the_selected_rules()
    {
        using var repo = new TempRepository().Write("app.yaml", Manifests.VaultDeployment);
        var stderr = new StringWriter();

        // MESHLINT_TIMING=1 lists the time of each rule that ran.
        MeshLint.Cli.Program.Run(["--no-color", "--select", "mesh007", "."], new StringReader(string.Empty), new StringWriter(), stderr, repo.Root, name => name == "MESHLINT_TIMING" ? "1" : null);

        stderr.ToString().ShouldContain("rule MESH007");
        stderr.ToString().ShouldNotContain("rule MESH001");
        stderr.ToString().ShouldNotContain("rule MESH004");
    }
}
