using System.Text.Json;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Cli;

/// <summary><c>meshlint context</c> end to end: the sources a scan read, and the context one file is linted with.</summary>
public sealed class ContextCommandTests
{
    private static readonly string Mesh001 = Path.Combine(FixturePaths.Fixtures, "rules", "MESH001");

    [Fact]
    public void Text_lists_every_namespace_and_control_plane_with_where_each_setting_is_set()
    {
        var run = CliRun.In(FixturePaths.RepositoryRoot, "context", "examples");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        lines.ShouldContain("  shop: sidecar, revision default (istio-injection=enabled) at examples/platform/namespaces.yaml:4");
        lines.ShouldContain("  batch: no sidecar (istio-injection=disabled) at examples/platform/namespaces.yaml:11");
        lines.ShouldContain("  IstioOperator/control-plane, revision default, at examples/platform/istio-operator.yaml:7");
        lines.ShouldContain("    hold:               unset");
        lines.ShouldContain("    CNI:                spec.components.cni.enabled: true at examples/platform/istio-operator.yaml:15");
        lines.ShouldContain("  mesh.assumeInjection: auto");
    }

    [Fact]
    public void For_a_file_each_cluster_folder_takes_its_own_namespace_and_control_plane()
    {
        var prod = CliRun.In(Mesh001, "context", "--no-config", "--for", "nearest-source-wins/clusters/prod/web.yaml", "nearest-source-wins");
        var dev = CliRun.In(Mesh001, "context", "--no-config", "--for", "nearest-source-wins/clusters/dev/web.yaml", "nearest-source-wins");

        prod.ExitCode.ShouldBe(0, prod.Stderr);
        prod.Stdout.ShouldStartWith("Context of nearest-source-wins/clusters/prod/web.yaml");
        prod.Stdout.ShouldContain("  shop: sidecar, revision default (istio-injection=enabled) at nearest-source-wins/clusters/prod/namespace.yaml:");
        prod.Stdout.ShouldContain("    hold:               spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts: true at nearest-source-wins/clusters/prod/istio.yaml:9");
        dev.Stdout.ShouldContain("  shop: no sidecar (istio-injection=disabled) at nearest-source-wins/clusters/dev/namespace.yaml:");
        dev.Stdout.ShouldNotContain("Control planes");
    }

    [Fact]
    public void Json_for_a_tie_names_every_control_plane_that_decided_and_the_revisions()
    {
        var run = CliRun.In(Mesh001, "context", "--no-config", "-f", "json", "--for", "canary-revision/workloads.yaml", "canary-revision");

        run.ExitCode.ShouldBe(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        root.GetProperty("for").GetString().ShouldBe("canary-revision/workloads.yaml");
        var byName = root.GetProperty("namespaces").EnumerateArray().ToDictionary(ns => ns.GetProperty("name").GetString()!);
        byName["on-canary"].GetProperty("revision").GetString().ShouldBe("canary");
        byName["on-both"].GetProperty("revision").GetString().ShouldBe("default"); // istio-injection wins over istio.io/rev
        var revisions = root.GetProperty("revisions").EnumerateArray().ToDictionary(revision => revision.GetProperty("revision").GetString()!);
        revisions["default"].GetProperty("hold").GetProperty("value").GetProperty("source").GetString().ShouldBe("canary-revision/istio-default.yaml:9");
        revisions["canary"].GetProperty("hold").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        revisions["canary"].GetProperty("hold").GetProperty("decidedBy").EnumerateArray().Select(source => source.GetString()).ShouldBe(["canary-revision/istio-canary.yaml:4"]);
        root.GetProperty("cni").GetProperty("on").GetBoolean().ShouldBeFalse();
        root.GetProperty("assumptions").GetProperty("mode").GetString().ShouldBe("in-cluster");
    }

    [Fact]
    public void Json_of_the_whole_scan_has_each_control_plane_with_its_settings()
    {
        var run = CliRun.In(Mesh001, "context", "--no-config", "--no-repo-context", "--format=json", "tie-at-same-distance");

        run.ExitCode.ShouldBe(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("for").ValueKind.ShouldBe(JsonValueKind.Null);
        json.RootElement.GetProperty("namespaces").GetArrayLength().ShouldBe(2);
        var tie = CliRun.In(Mesh001, "context", "--no-config", "--no-repo-context", "--format=json", "--for", "tie-at-same-distance/web.yaml", "tie-at-same-distance");
        using var tied = JsonDocument.Parse(tie.Stdout);
        tied.RootElement.GetProperty("namespaces")[0].GetProperty("sources").EnumerateArray().Select(source => source.GetString())
            .ShouldBe(["tie-at-same-distance/namespace.yaml:4", "tie-at-same-distance/namespace-old.yaml:3"]);
        var planes = json.RootElement.GetProperty("controlPlanes").EnumerateArray().ToList();
        planes.Select(plane => plane.GetProperty("source").GetString()).ShouldBe(["tie-at-same-distance/istio-a.yaml:4", "tie-at-same-distance/istio-b.yaml:3"]);
        planes[0].GetProperty("settings").GetProperty("hold").GetProperty("setting").GetString()!.ShouldContain("holdApplicationUntilProxyStarts");
        planes[1].GetProperty("settings").GetProperty("hold").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void A_missing_for_file_or_an_unknown_option_exits_2()
    {
        var missing = CliRun.In(Mesh001, "context", "--for", "nope.yaml", "tie-at-same-distance");
        var unknown = CliRun.In(Mesh001, "context", "--object", "Deployment/web");

        missing.ExitCode.ShouldBe(2);
        missing.Stderr.ShouldContain("--for nope.yaml: no such file");
        unknown.ExitCode.ShouldBe(2);
        unknown.Stderr.ShouldContain("meshlint context does not take the option '--object'");
    }
}
