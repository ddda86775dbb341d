using Shouldly;
using Xunit;

namespace MeshLint.Tests.Server;

/// <summary>
/// <c>meshlint server</c> as a separate process, driven by real clients: a Node script on
/// vscode-jsonrpc and vscode-languageserver-protocol (the libraries VS Code's client is built on),
/// and Neovim's built-in LSP client, headless. Both run on a scratch git repository holding the
/// shop example. <c>.ci/install-tools</c> installs node's packages and Debian's neovim.
/// </summary>
[Integration]
public sealed class EditorClientTests
{
    private static string Server => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "meshlint.exe" : "meshlint");

    private static string Clients => Path.Combine(FixturePaths.RepositoryRoot, "tests", "clients");

    [SkippableFact]
    public void A_node_client_on_vscode_languageserver_protocol_runs_a_whole_session()
    {
        var node = Tools.Require("node");
        Tools.RequireInstalled(Path.Combine(Tools.NodeModules, "vscode-languageserver-protocol", "package.json"), "vscode-languageserver-protocol");
        using var repo = new TempRepository().WriteShop();

        var run = ToolProcess.Run(node, [Path.Combine(Clients, "node", "lsp-session.cjs"), repo.Root, "apps/bad.yaml", "--", Server, "server"], repo.Root,
            new Dictionary<string, string?> { ["NODE_PATH"] = Tools.NodeModules }, TimeSpan.FromMinutes(3));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("ok: didOpen: diagnostics MESH001,MESH002");
        run.Stdout.ShouldContain("ok: quick fix applied: no diagnostics left");
        run.Stdout.ShouldContain("ok: hover: the pod's start-up on kind");
        run.Stdout.ShouldContain("ok: completion: pod annotation keys");
        run.Stdout.ShouldContain("ok: exit: code 0");
    }

    [SkippableFact]
    public void Neovim_s_built_in_client_shows_the_diagnostics_and_applies_a_quick_fix()
    {
        var nvim = Tools.Require("nvim");
        using var repo = new TempRepository().WriteShop();
        var result = repo.PathOf("nvim-result.txt");

        var run = ToolProcess.Run(nvim, ["--headless", "--clean", "-c", $"luafile {Path.Combine(Clients, "nvim", "meshlint-session.lua")}", "apps/bad.yaml"], repo.Root,
            new Dictionary<string, string?> { ["MESHLINT_SERVER"] = Server, ["MESHLINT_RESULT"] = result }, TimeSpan.FromMinutes(3));

        var steps = File.Exists(result) ? File.ReadAllText(result) : "(no result file)";
        run.ExitCode.ShouldBe(0, $"{steps}\n{run}");
        steps.ShouldContain("ok: diagnostics: MESH001,MESH002");
        steps.ShouldContain("ok: the buffer holds the fix");
        steps.ShouldContain("ok: diagnostics after the fix: MESH001");

        // Neovim saved the fixed buffer: the command line agrees that MESH002 is gone.
        repo.Read("apps/bad.yaml").ShouldContain("traffic.sidecar.istio.io/excludeOutboundPorts: \"8200\"");
        var lint = repo.Run("apps/bad.yaml");
        lint.Stdout.ShouldContain("MESH001");
        lint.Stdout.ShouldNotContain("MESH002");
    }
}

/// <summary>The VS Code extension type-checks, bundles and packs into a .vsix with @vscode/vsce.</summary>
[Integration]
public sealed class VsCodeExtensionTests
{
    private static string Extension => Path.Combine(FixturePaths.RepositoryRoot, "editors", "vscode");

    [SkippableFact]
    public void The_extension_packs_into_a_vsix_that_starts_meshlint_server()
    {
        var npm = Tools.Require("npm");
        Tools.RequireInstalled(Path.Combine(Extension, "node_modules", "@vscode", "vsce", "package.json"), "the VS Code extension's npm packages (npm ci in editors/vscode)");
        var vsix = Path.Combine(Extension, "meshlint.vsix");
        File.Delete(vsix);

        var run = ToolProcess.Run(npm, ["run", "package"], Extension, timeout: TimeSpan.FromMinutes(5));

        run.ExitCode.ShouldBe(0, run.ToString());
        using var archive = System.IO.Compression.ZipFile.OpenRead(vsix);
        var names = archive.Entries.Select(entry => entry.FullName).ToList();
        names.ShouldContain("extension/package.json");
        names.ShouldContain("extension/out/extension.js");
        names.ShouldNotContain(name => name.StartsWith("extension/node_modules/", StringComparison.Ordinal) || name.StartsWith("extension/src/", StringComparison.Ordinal));
        using var manifest = System.Text.Json.JsonDocument.Parse(archive.GetEntry("extension/package.json")!.Open());
        var root = manifest.RootElement;
        root.GetProperty("main").GetString().ShouldBe("./out/extension.js");
        root.GetProperty("contributes").GetProperty("configuration").GetProperty("properties").GetProperty("meshlint.path").GetProperty("default").GetString().ShouldBe("meshlint");
        using var bundle = new StreamReader(archive.GetEntry("extension/out/extension.js")!.Open());
        var code = bundle.ReadToEnd();
        code.ShouldContain("\"server\"");
        code.ShouldContain("textDocument/publishDiagnostics"); // vscode-languageclient is bundled in
    }
}

/// <summary>
/// The server as the release's Native AOT binary (<c>meshlint server</c>, built by
/// scripts/release-local.sh and named by MESHLINT_RELEASE_DIST, as the other release tests take it)
/// runs the Node client's whole session: nothing in it needs reflection-based serialization or code
/// generated at run time. Building the binary takes minutes, so the test skips without a local
/// release; .ci/run builds one first. The release's build log shows that the server's own code and
/// the JSON-RPC library raise no trimming or AOT warning.
/// </summary>
[Integration]
public sealed class NativeAotServerTests
{
    [SkippableFact]
    public void The_server_published_with_Native_AOT_runs_a_whole_session()
    {
        var node = Tools.Require("node");
        Tools.RequireInstalled(Path.Combine(Tools.NodeModules, "vscode-languageserver-protocol", "package.json"), "vscode-languageserver-protocol");
        var dist = ReleaseBuild.RequireDist();
        var server = Path.Combine(dist, "publish", ReleaseBuild.Rid, OperatingSystem.IsWindows() ? "meshlint.exe" : "meshlint");
        File.Exists(server).ShouldBeTrue($"{server} was not built: run scripts/release-local.sh");

        // scripts/release.sh keeps the publish log beside the build; its AOT and trim warnings name their code.
        var log = File.ReadAllLines(Path.Combine(dist, ".build", $"publish-{ReleaseBuild.Rid}.log"));
        var warnings = log.Where(line => line.Contains("warning IL", StringComparison.Ordinal)).ToList();
        warnings.ShouldNotContain(line => line.Contains("MeshLint.Server", StringComparison.Ordinal), string.Join('\n', warnings));
        warnings.ShouldNotContain(line => line.Contains("StreamJsonRpc", StringComparison.Ordinal), string.Join('\n', warnings));

        using var repo = new TempRepository().WriteShop();
        var run = ToolProcess.Run(node, [Path.Combine(FixturePaths.RepositoryRoot, "tests", "clients", "node", "lsp-session.cjs"), repo.Root, "apps/bad.yaml", "--", server, "server"], repo.Root,
            new Dictionary<string, string?> { ["NODE_PATH"] = Tools.NodeModules }, TimeSpan.FromMinutes(3));
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("ok: quick fix applied: no diagnostics left");
        run.Stdout.ShouldContain("ok: exit: code 0");
    }
}
