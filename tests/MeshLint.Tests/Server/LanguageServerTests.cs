using System.Text.Json;
using System.Text.Json.Nodes;
using MeshLint.Server.Documents;
using MeshLint.Server.Features;
using Shouldly;
using Xunit;

namespace MeshLint.Tests.Server;

/// <summary>
/// The language server in this process, driven as an editor drives it: initialize, open, change,
/// diagnostics, code actions, hover, completion, shutdown. Diagnostics are compared with what the
/// command line reports for the same file.
/// </summary>
public sealed class LanguageServerTests
{
    [Fact]
    public async Task Open_publishes_what_meshlint_reports_for_the_file_with_the_repository_context()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        var init = await client.InitializeAsync(repo.Root);
        init.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32().ShouldBe(2);

        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(uri, repo.Read("apps/bad.yaml"));
        var published = await client.DiagnosticsAsync(uri);

        var cli = repo.Run("--format", "json", "apps/bad.yaml");
        var expected = JsonDocument.Parse(cli.Stdout).RootElement.EnumerateArray()
            .Select(finding => (finding.GetProperty("ruleId").GetString(), finding.GetProperty("line").GetInt32() - 1, finding.GetProperty("column").GetInt32() - 1, (string?)$"{finding.GetProperty("summary").GetString()}\n{finding.GetProperty("details").GetString()}"))
            .ToList();
        var shown = published.GetProperty("diagnostics").EnumerateArray()
            .Select(diagnostic => (diagnostic.GetProperty("code").GetString(), diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32(),
                diagnostic.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32(), diagnostic.GetProperty("message").GetString()))
            .ToList();
        expected.Select(item => item.Item1).ShouldBe(["MESH001", "MESH002"]);
        shown.ShouldBe(expected);

        var first = published.GetProperty("diagnostics")[0];
        first.GetProperty("severity").GetInt32().ShouldBe(2);
        first.GetProperty("source").GetString().ShouldBe("meshlint");
        first.GetProperty("codeDescription").GetProperty("href").GetString().ShouldEndWith("rules/docs/MESH001.md");
        first.GetProperty("relatedInformation").EnumerateArray()
            .ShouldContain(related => related.GetProperty("location").GetProperty("uri").GetString() == LspClient.Uri(repo.PathOf("platform/namespace.yaml")));
        published.GetProperty("version").GetInt32().ShouldBe(1);
        (await client.ShutdownAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_change_is_linted_again_and_fixed_text_clears_the_diagnostics()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(uri, repo.Read("apps/bad.yaml"));
        LspClient.Codes(await client.DiagnosticsAsync(uri)).ShouldBe(["MESH001", "MESH002"]);

        // Line 9 (0-based 8) is the agent-inject annotation; a hold and a Vault port exclusion below it fix both.
        await client.EditAsync(uri, 2, 9, 0, 9, 0, "        proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'\n");
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 2)).ShouldBe(["MESH002"]);
        await client.EditAsync(uri, 3, 10, 0, 10, 0, "        traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"\n");
        var clean = await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 3);
        LspClient.Codes(clean).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unsaved_namespace_buffer_changes_the_context_of_the_other_open_files()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var workload = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        var ns = LspClient.Uri(repo.PathOf("platform/namespace.yaml"));
        await client.OpenAsync(workload, repo.Read("apps/bad.yaml"));
        LspClient.Codes(await client.DiagnosticsAsync(workload)).ShouldBe(["MESH001", "MESH002"]);
        await client.OpenAsync(ns, repo.Read("platform/namespace.yaml"));
        await client.DiagnosticsAsync(ns);

        // Not saved: the buffer stands in for the file, and the workload loses its sidecar.
        await client.ChangeAsync(ns, 2, Manifests.ShopNamespace.Replace("istio-injection: enabled", "istio-injection: disabled", StringComparison.Ordinal));
        LspClient.Codes(await client.DiagnosticsAsync(workload)).ShouldBeEmpty();
        File.ReadAllText(repo.PathOf("platform/namespace.yaml")).ShouldContain("enabled");

        // Closing the buffer puts the file on disk back in the context.
        await client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = ns } });
        LspClient.Codes(await client.DiagnosticsAsync(workload)).ShouldBe(["MESH001", "MESH002"]);
    }

    [Fact]
    public async Task A_file_changed_on_disk_relints_the_open_files_it_feeds()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var workload = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(workload, repo.Read("apps/bad.yaml"));
        LspClient.Codes(await client.DiagnosticsAsync(workload)).ShouldBe(["MESH001", "MESH002"]);

        repo.Write("platform/istio.yaml", Manifests.MeshWideHold);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = LspClient.Uri(repo.PathOf("platform/istio.yaml")), ["type"] = 1 }),
        });
        LspClient.Codes(await client.DiagnosticsAsync(workload)).ShouldBe(["MESH002"]);
    }

    [Fact]
    public async Task Quick_fixes_apply_the_finding_s_fix_and_the_inline_ignore_and_fix_all_applies_the_safe_ones()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        var text = repo.Read("apps/bad.yaml");
        await client.OpenAsync(uri, text);
        var published = await client.DiagnosticsAsync(uri);
        var hold = published.GetProperty("diagnostics")[0];

        var actions = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = JsonNode.Parse(hold.GetProperty("range").GetRawText()),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(JsonNode.Parse(hold.GetRawText())) },
        });
        var titles = actions.EnumerateArray().Select(action => action.GetProperty("title").GetString()!).ToList();
        titles.ShouldContain(title => title.Contains("MESH001", StringComparison.Ordinal) && !title.StartsWith("Ignore", StringComparison.Ordinal));
        titles.ShouldContain("Ignore MESH001 here (comment)");

        var fix = actions.EnumerateArray().First(action => action.GetProperty("kind").GetString() == "quickfix" && action.GetProperty("isPreferred").GetBoolean());
        var fixedText = Apply(text, fix);
        await client.ChangeAsync(uri, 2, fixedText);
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 2)).ShouldBe(["MESH002"]);

        var ignore = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspClient.Range(9, 8, 9, 8),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("quickfix") },
        });
        var comment = ignore.EnumerateArray().Single(action => action.GetProperty("title").GetString() == "Ignore MESH002 here (comment)");
        var ignored = Apply(fixedText, comment);
        ignored.ShouldContain("# meshlint:ignore MESH002");
        await client.ChangeAsync(uri, 3, ignored);
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 3)).ShouldBeEmpty();

        // Back to the original: fix-all applies both safe fixes at once.
        await client.ChangeAsync(uri, 4, text);
        await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 4);
        var all = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("source.fixAll") },
        });
        var fixAll = all.EnumerateArray().ShouldHaveSingleItem();
        fixAll.GetProperty("kind").GetString().ShouldBe("source.fixAll.meshlint");
        await client.ChangeAsync(uri, 5, Apply(text, fixAll));
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 5)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Fix_all_fixes_the_unsaved_buffer_not_the_file_on_disk()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(uri, repo.Read("apps/bad.yaml"));
        await client.DiagnosticsAsync(uri);
        var buffer = repo.Read("apps/bad.yaml").Replace("image: example/payments:1", "image: example/payments:2", StringComparison.Ordinal)
            .Replace("        vault.hashicorp.com/agent-inject: \"true\"\n", "        vault.hashicorp.com/agent-inject: \"true\"\n        proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'\n", StringComparison.Ordinal);
        await client.ChangeAsync(uri, 2, buffer);
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 2)).ShouldBe(["MESH002"]);

        var all = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("source.fixAll.meshlint") },
        });
        var fixAll = all.EnumerateArray().ShouldHaveSingleItem();
        fixAll.GetProperty("title").GetString().ShouldBe("Fix all safely fixable MeshLint findings (1)");
        var fixedText = Apply(buffer, fixAll);
        fixedText.ShouldContain("example/payments:2");
        fixedText.ShouldContain("excludeOutboundPorts");
        await client.ChangeAsync(uri, 3, fixedText);
        LspClient.Codes(await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 3)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unsafe_fix_is_labelled_and_not_preferred()
    {
        using var repo = new TempRepository().Write("job.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              namespace: shop
            spec:
              template:
                metadata:
                  annotations:
                    proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'
                spec:
                  restartPolicy: Never
                  containers:
                    - name: migrate
                      image: migrate:1

            """);
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("job.yaml"));
        await client.OpenAsync(uri, repo.Read("job.yaml"));
        var published = await client.DiagnosticsAsync(uri);
        var never = published.GetProperty("diagnostics").EnumerateArray().First(diagnostic => diagnostic.GetProperty("code").GetString() == "MESH011");
        var actions = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = JsonNode.Parse(never.GetProperty("range").GetRawText()),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        });
        var unsafeFix = actions.EnumerateArray().Single(action => action.GetProperty("title").GetString()!.Contains("MESH011, unsafe", StringComparison.Ordinal));
        unsafeFix.GetProperty("isPreferred").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Hover_explains_a_registry_key_and_shows_the_pod_s_start_up_on_kind()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(uri, repo.Read("apps/bad.yaml"));
        await client.DiagnosticsAsync(uri);

        var key = await client.RequestAsync("textDocument/hover", LspClient.At(uri, 9, 12));
        var keyText = key.GetProperty("contents").GetProperty("value").GetString()!;
        keyText.ShouldContain("vault.hashicorp.com/agent-inject");
        keyText.ShouldContain("Vault annotation");
        keyText.ShouldContain("go-bool");
        key.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32().ShouldBe(8);

        var pod = await client.RequestAsync("textDocument/hover", LspClient.At(uri, 1, 2));
        var podText = pod.GetProperty("contents").GetProperty("value").GetString()!;
        podText.ShouldContain("Deployment/payments");
        podText.ShouldContain("vault-agent-init");
        podText.ShouldContain("On deletion");
        podText.ShouldContain("**Target:** Istio unknown, Kubernetes unknown, platform istio (assumed)");

        var template = await client.RequestAsync("textDocument/hover", LspClient.At(uri, 7, 5));
        template.GetProperty("contents").GetProperty("value").GetString()!.ShouldContain("istio-proxy");

        (await client.RequestAsync("textDocument/hover", LspClient.At(uri, 4, 3))).ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Hover_on_a_pod_that_gets_no_sidecar_says_why()
    {
        using var repo = new TempRepository().Write("batch.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: batch
              labels:
                istio-injection: disabled
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: report
              namespace: batch
            spec:
              template:
                spec:
                  containers:
                    - name: report
                      image: report:1

            """);
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("batch.yaml"));
        await client.OpenAsync(uri, repo.Read("batch.yaml"));
        await client.DiagnosticsAsync(uri);
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(uri, 8, 1));
        hover.GetProperty("contents").GetProperty("value").GetString()!.ShouldContain("No Istio sidecar: namespace batch has istio-injection=disabled");
    }

    [Fact]
    public async Task Completion_offers_the_keys_that_apply_to_the_object_under_the_cursor_and_enumerated_values()
    {
        using var repo = new TempRepository();
        const string text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                si
            spec:
              template:
                metadata:
                  annotations:
                    sidecar.istio.io/
                    sidecar.istio.io/nativeSidecar: 
                  labels:
                    sidecar.istio.io/inject: "true"
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              annotations:
                networking
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                istio

            """;
        repo.Write("web.yaml", text);
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("web.yaml"));
        await client.OpenAsync(uri, text);

        var pod = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(uri, 10, 25)));
        pod.ShouldContain("sidecar.istio.io/proxyCPU");
        pod.ShouldNotContain("sidecar.istio.io/nativeSidecar"); // already there
        pod.ShouldNotContain("networking.istio.io/exportTo");

        // The Deployment's own metadata never reaches a pod: no pod annotation is offered there.
        var own = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(uri, 5, 6)));
        own.ShouldNotContain("sidecar.istio.io/proxyCPU");

        var service = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(uri, 20, 14)));
        service.ShouldContain("networking.istio.io/exportTo");
        service.ShouldNotContain("proxy.istio.io/config");

        var ns = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(uri, 27, 9)));
        ns.ShouldContain("istio-injection");
        ns.ShouldContain("istio.io/rev");

        var values = await client.RequestAsync("textDocument/completion", LspClient.At(uri, 11, 40));
        Labels(values).ShouldBe(["true", "false"], ignoreOrder: true);
        values.GetProperty("items")[0].GetProperty("textEdit").GetProperty("newText").GetString().ShouldStartWith("\"");
    }

    [Fact]
    public void A_value_completed_right_after_the_colon_gets_its_blank()
    {
        const string text = "kind: Pod\nmetadata:\n  annotations:\n    sidecar.istio.io/interceptionMode:\n";
        var list = Completions.At(new LineIndex(text), new MeshLint.Server.Protocol.Position(3, 38));
        list.Items.Select(item => item.Label).ShouldBe(["REDIRECT", "TPROXY", "NONE"], ignoreOrder: true);
        list.Items.ShouldAllBe(item => item.TextEdit!.NewText.StartsWith(" \"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_protocol_s_error_cases_are_answered_as_it_says()
    {
        using var repo = new TempRepository().WriteShop();
        await using var client = LspClient.InProcess();
        var early = await Should.ThrowAsync<LspError>(() => client.RequestAsync("textDocument/hover", LspClient.At("file:///nowhere.yaml", 0, 0)));
        early.Code.ShouldBe(-32002);

        await client.InitializeAsync(repo.Root);
        (await client.RequestAsync("textDocument/hover", LspClient.At("file:///nowhere.yaml", 0, 0))).ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///nowhere.yaml" },
            ["range"] = LspClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
        })).ValueKind.ShouldBe(JsonValueKind.Null);
        (await Should.ThrowAsync<LspError>(() => client.RequestAsync("meshlint/nothing", new JsonObject()))).Code.ShouldBe(-32601);
        (await Should.ThrowAsync<LspError>(() => client.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = 3 }))).Code.ShouldBe(-32602);

        var uri = LspClient.Uri(repo.PathOf("apps/bad.yaml"));
        await client.OpenAsync(uri, repo.Read("apps/bad.yaml"));
        (await client.RequestAsync("textDocument/hover", LspClient.At(uri, 4000, 7))).ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.RequestAsync("textDocument/completion", LspClient.At(uri, 8, 4000))).GetProperty("items").GetArrayLength().ShouldBe(0);
        // A range past the end is clamped to the end of the text.
        await client.EditAsync(uri, 2, 900, 3, 1000, 0, "\n# appended\n");
        (await client.DiagnosticsAsync(uri, diagnostics => diagnostics.GetProperty("version").GetInt32() == 2)).GetProperty("diagnostics").GetArrayLength().ShouldBe(2);

        await client.RequestAsync("shutdown", null);
        (await Should.ThrowAsync<LspError>(() => client.RequestAsync("textDocument/hover", LspClient.At(uri, 0, 0)))).Code.ShouldBe(-32600);
        await client.NotifyAsync("exit", null);
        (await client.Serving!.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
    }

    [Fact]
    public async Task Exit_without_shutdown_and_a_client_that_disappears_end_the_server_with_code_1()
    {
        await using (var client = LspClient.InProcess())
        {
            await client.InitializeAsync(null);
            await client.NotifyAsync("exit", null);
            (await client.Serving!.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(1);
        }

        var gone = LspClient.InProcess();
        await gone.InitializeAsync(null);
        var serving = gone.Serving!;
        await gone.DisposeAsync(); // closes the server's input, as a crashed editor does
        (await serving.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(1);
    }

    [Fact]
    public async Task The_server_exits_when_the_client_s_process_has_gone()
    {
        // A stand-in for the editor's process: it ends while the connection stays open.
        using var editor = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(null, processId: editor.Id);
        editor.Kill();
        await editor.WaitForExitAsync();
        (await client.Serving!.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(1);
        client.Log.ToString().ShouldContain($"the client (process {editor.Id}) has gone");
    }

    [Fact]
    public async Task Incremental_changes_sent_back_to_back_are_applied_in_the_order_sent()
    {
        using var repo = new TempRepository();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var uri = LspClient.Uri(repo.PathOf("typed.yaml"));
        await client.OpenAsync(uri, string.Empty);
        // Typing: each change inserts one character at the end of the text the change before made,
        // all written at once, so that the server reads them faster than it applies them.
        const string typed = "metadata:\n  annotations:\n    proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'\n";
        var (line, character) = (0, 0);
        var changes = new List<byte[]>();
        for (var i = 0; i < typed.Length; i++)
        {
            var change = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["method"] = "textDocument/didChange",
                ["params"] = new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = i + 2 },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = LspClient.Range(line, character, line, character), ["text"] = typed[i].ToString() }),
                },
            };
            changes.Add(System.Text.Encoding.UTF8.GetBytes(change.ToJsonString()));
            (line, character) = typed[i] == '\n' ? (line + 1, 0) : (line, character + 1);
        }

        await client.WriteAsync([.. changes]);

        // A request after the changes reads the text they made.
        await client.RequestAsync("textDocument/hover", LspClient.At(uri, 0, 0));
        var document = client.Server!.Workspace!.Find(uri)!;
        document.Version.ShouldBe(typed.Length + 1);
        document.Text.ShouldBe(typed);
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_with_RequestCancelled()
    {
        using var repo = new TempRepository();
        var text = Manifests.ShopPayments;
        repo.Write("app.yaml", text);
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(repo.Root);
        var workspace = client.Server!.Workspace!;
        // No lint may end the wait before the cancel arrives, whatever the load on the machine.
        using var hold = new SemaphoreSlim(0);
        workspace.HoldLints = hold;
        var uri = LspClient.Uri(repo.PathOf("app.yaml"));
        await client.OpenAsync(uri, text);
        var (response, id) = await client.SendRequestAsync(null, "textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("quickfix") },
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (workspace.Waiting(uri) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        workspace.Waiting(uri).ShouldBe(1, "the request waits for the lint of the open document");
        await client.NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id });
        var error = await Should.ThrowAsync<LspError>(() => response.WaitAsync(TimeSpan.FromSeconds(60)));
        error.Code.ShouldBe(-32800);

        // Once lints run again, the document is linted and published as before.
        workspace.HoldLints = null;
        hold.Release();
        (await client.DiagnosticsAsync(uri)).GetProperty("diagnostics").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public void Positions_count_UTF16_units_and_LSP_line_breaks_while_MeshLint_counts_YAML_s()
    {
        // U+2028 ends a line for YAML but not for LSP; the emoji is two UTF-16 units.
        var text = "a: \"x\u2028y\"\nb: \U0001F600c\r\nd: 1";
        var map = new PositionMap(text);
        map.Of(new MeshLint.Parsing.SourcePosition(2, 1)).ShouldBe(new MeshLint.Server.Protocol.Position(0, 6));
        map.Of(new MeshLint.Parsing.SourcePosition(3, 6)).ShouldBe(new MeshLint.Server.Protocol.Position(1, 5));
        map.Of(new MeshLint.Parsing.SourcePosition(4, 1)).ShouldBe(new MeshLint.Server.Protocol.Position(2, 0));
        var lines = new LineIndex(text);
        lines.OffsetOf(new MeshLint.Server.Protocol.Position(1, 99)).ShouldBe(text.IndexOf('\r'));
        lines.OffsetOf(new MeshLint.Server.Protocol.Position(7, 0)).ShouldBe(text.Length);
    }

    [Fact]
    public void Text_that_is_not_UTF8_or_holds_a_lone_surrogate_is_read_not_refused()
    {
        DocumentTextConverterRead("\"a\\u00e9\\ud800b\""u8.ToArray()).ShouldBe("a\u00e9\ud800b");
        DocumentTextConverterRead([(byte)'"', (byte)'k', 0xff, 0xfe, (byte)'\\', (byte)'n', (byte)'"']).ShouldBe("k\uFFFD\uFFFD\n");
    }

    private static string DocumentTextConverterRead(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return new MeshLint.Server.Protocol.DocumentTextConverter().Read(ref reader, typeof(string), new JsonSerializerOptions())!;
    }

    private static List<string> Labels(JsonElement completion) =>
        completion.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("label").GetString()!).ToList();

    /// <summary>Applies a code action's edits (documentChanges) to the text, last edit first.</summary>
    internal static string Apply(string text, JsonElement action)
    {
        var edits = action.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits").EnumerateArray().ToList();
        var lines = new LineIndex(text);
        foreach (var edit in edits.Select(edit => (Start: lines.OffsetOf(Position(edit.GetProperty("range").GetProperty("start"))), End: lines.OffsetOf(Position(edit.GetProperty("range").GetProperty("end"))), Text: edit.GetProperty("newText").GetString()!)).OrderByDescending(edit => edit.Start))
        {
            text = text[..edit.Start] + edit.Text + text[edit.End..];
        }

        return text;
    }

    private static MeshLint.Server.Protocol.Position Position(JsonElement position) =>
        new(position.GetProperty("line").GetInt32(), position.GetProperty("character").GetInt32());
}
