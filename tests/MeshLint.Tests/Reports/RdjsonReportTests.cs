using System.Text.Json;
using NJsonSchema;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Reports;

/// <summary>
/// <c>--format rdjson</c> writes reviewdog's DiagnosticResult: valid against reviewdog's own JSON
/// schema, with each fix's edits as suggestions and columns in UTF-8 bytes as reviewdog counts them.
/// </summary>
public sealed class RdjsonReportTests
{
    private const string Manifest = """
        # Café: a comment with a letter of two UTF-8 bytes before the fix.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            metadata:
              annotations: {proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}', vault.hashicorp.com/agent-inject: "true", é: "x"}
            spec:
              containers:
              - name: app
                image: registry.example.com/orders:1.0.0

        """;

    private static Task<JsonSchema> Schema() =>
        JsonSchema.FromFileAsync(Path.Combine(FixturePaths.RepositoryRoot, "tests", "MeshLint.Tests", "Schemas", "reviewdog", "DiagnosticResult.json"));

    [Fact]
    public async Task Output_is_valid_against_reviewdogs_schema_and_carries_suggestions()
    {
        using var repo = TempRepository.Folder();
        File.WriteAllText(repo.PathOf("orders.yaml"), Manifest);

        var run = CliRun.In(repo.Root, "--no-config", "--format", "rdjson", "orders.yaml");

        run.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, run.ToString());
        (await Schema()).Validate(run.Stdout).ShouldBeEmpty();
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("source").GetProperty("name").GetString().ShouldBe("meshlint");
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Single(d => d.GetProperty("code").GetProperty("value").GetString() == "MESH002");
        diagnostic.GetProperty("severity").GetString().ShouldBe("ERROR");
        // The summary as the comment's first paragraph; the details and the fix as the next.
        var message = diagnostic.GetProperty("message").GetString()!.Split("\n\n");
        message[0].ShouldBe("Deployment/orders: vault-agent-init cannot reach Vault, so the pod hangs in Init [assumes legacy sidecars]");
        message[1].ShouldStartWith("Its connections go to istio-proxy, which is not running yet.");
        message[1].ShouldEndWith("Fix: add port 8200 to traffic.sidecar.istio.io/excludeOutboundPorts.");
        diagnostic.GetProperty("location").GetProperty("path").GetString().ShouldBe("orders.yaml");
        diagnostic.GetProperty("code").GetProperty("url").GetString()!.ShouldEndWith("rules/docs/MESH002.md");
        var suggestion = diagnostic.GetProperty("suggestions").EnumerateArray().Single();
        suggestion.GetProperty("text").GetString().ShouldBe(", traffic.sidecar.istio.io/excludeOutboundPorts: '8200'");

        // The entry is added after the last one, é: "x"; é is one UTF-16 code unit and two UTF-8 bytes.
        var line = Manifest.Split('\n')[8];
        var utf16Column = line.IndexOf("\"x\"", StringComparison.Ordinal) + "\"x\"".Length + 1;
        var start = suggestion.GetProperty("range").GetProperty("start");
        start.GetProperty("line").GetInt32().ShouldBe(9);
        start.GetProperty("column").GetInt32().ShouldBe(utf16Column + 1);
        suggestion.GetProperty("range").GetProperty("end").GetProperty("column").GetInt32().ShouldBe(utf16Column + 1);
        var range = diagnostic.GetProperty("location").GetProperty("range");
        range.GetProperty("start").GetProperty("line").GetInt32().ShouldBe(9);
    }

    [Fact]
    public async Task Columns_after_a_non_ascii_character_count_utf8_bytes()
    {
        using var repo = TempRepository.Folder();
        File.WriteAllText(repo.PathOf("orders.yaml"), Manifest.Replace("é: \"x\"}", "é: \"x\", sidecar.istio.io/proxyCPUx: \"1\"}", StringComparison.Ordinal));

        var run = CliRun.In(repo.Root, "--no-config", "-f", "rdjson", "orders.yaml");

        (await Schema()).Validate(run.Stdout).ShouldBeEmpty();
        using var json = JsonDocument.Parse(run.Stdout);
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Single(d => d.GetProperty("code").GetProperty("value").GetString() == "MESH014");
        var line = File.ReadAllLines(repo.PathOf("orders.yaml"))[8];
        var utf16Column = line.IndexOf("sidecar.istio.io/proxyCPUx", StringComparison.Ordinal) + 1;
        diagnostic.GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("column").GetInt32().ShouldBe(utf16Column + 1);
    }

    [Fact]
    public async Task The_schema_rejects_what_reviewdog_would_not_read()
    {
        (await Schema()).Validate("""{"diagnostics": [{"message": "m", "severity": "FATAL"}]}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void Report_option_writes_rdjson_to_a_file_beside_another_report()
    {
        using var repo = TempRepository.Folder();
        File.WriteAllText(repo.PathOf("orders.yaml"), Manifest);

        var run = CliRun.In(repo.Root, "--no-config", "--report", "github", "--report", "rdjson=out/meshlint.rdjson", "orders.yaml");

        run.ExitCode.ShouldBe(ExitCodesUnderTest.Findings, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(repo.PathOf("out/meshlint.rdjson")));
        json.RootElement.GetProperty("diagnostics").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Json_report_carries_each_findings_fix()
    {
        using var repo = TempRepository.Folder();
        File.WriteAllText(repo.PathOf("orders.yaml"), Manifest);

        var run = CliRun.In(repo.Root, "--no-config", "-f", "json", "orders.yaml");

        using var json = JsonDocument.Parse(run.Stdout);
        var fix = json.RootElement.EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MESH002").GetProperty("fix");
        fix.GetProperty("safety").GetString().ShouldBe("safe");
        fix.GetProperty("description").GetString().ShouldBe("add port 8200 to traffic.sidecar.istio.io/excludeOutboundPorts");
        var edit = fix.GetProperty("edits").EnumerateArray().Single();
        edit.GetProperty("line").GetInt32().ShouldBe(9);
        edit.GetProperty("endColumn").GetInt32().ShouldBe(edit.GetProperty("column").GetInt32());
        edit.GetProperty("text").GetString().ShouldBe(", traffic.sidecar.istio.io/excludeOutboundPorts: '8200'");
    }
}
