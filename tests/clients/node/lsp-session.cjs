// Drives `meshlint server` with the JSON-RPC and protocol libraries VS Code's own client is built on
// (vscode-jsonrpc, vscode-languageserver-protocol): initialize, open, diagnostics, change, code action,
// hover, completion, shutdown and exit. Prints one line per step and exits non-zero on the first failure.
//
//   node lsp-session.cjs ROOT FILE -- SERVER [ARGS...]
//
// ROOT is a repository holding the shop example (a Namespace that injects, and FILE, a Deployment
// with a Vault agent and no hold); FILE is relative to ROOT.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const [root, file, separator, command, ...args] = process.argv.slice(2);
if (separator !== '--' || !command) {
  console.error('usage: node lsp-session.cjs ROOT FILE -- SERVER [ARGS...]');
  process.exit(2);
}

const fullPath = path.resolve(root, file);
const uri = pathToFileURL(fullPath).href;
let text = fs.readFileSync(fullPath, 'utf8');

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) {
    fail(message);
  }
  console.log(`ok: ${message}`);
}

/** Applies LSP text edits (0-based line and UTF-16 character) to a text, last first. */
function applyEdits(source, edits) {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\n') starts.push(i + 1);
  }
  const offset = (position) => Math.min(starts[Math.min(position.line, starts.length - 1)] + position.character, source.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of sorted) {
    source = source.slice(0, offset(edit.range.start)) + edit.newText + source.slice(offset(edit.range.end));
  }
  return source;
}

async function main() {
  const server = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));

  const waiting = [];
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
    for (const waiter of [...waiting]) {
      if (waiter.wanted(params)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onRequest(lsp.RegistrationRequest.type, () => null);
  const diagnostics = (wanted) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no diagnostics within 60 s')), 60000);
    waiting.push({ wanted: (params) => params.uri === uri && wanted(params), resolve: (params) => { clearTimeout(timer); resolve(params); } });
  });
  const codes = (params) => params.diagnostics.map((diagnostic) => diagnostic.code).join(',');
  connection.listen();

  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'shop' }],
    capabilities: {
      textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } },
      workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
  });
  check(init.capabilities.textDocumentSync.change === lsp.TextDocumentSyncKind.Incremental, 'initialize: incremental sync');
  check(init.serverInfo.name === 'meshlint', 'initialize: serverInfo names meshlint');
  await connection.sendNotification(lsp.InitializedNotification.type, {});

  let version = 1;
  const opened = diagnostics(() => true);
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  const first = await opened;
  check(codes(first) === 'MESH001,MESH002', `didOpen: diagnostics ${codes(first)}`);
  check(first.diagnostics[0].codeDescription.href.endsWith('MESH001.md'), 'diagnostics: link to the rule page');
  check(first.diagnostics[0].relatedInformation.some((related) => related.location.uri.endsWith('namespace.yaml')), 'diagnostics: related location of the Namespace');

  // An incremental change: the hold, typed under the Vault annotation.
  const agentLine = text.split('\n').findIndex((line) => line.includes('vault.hashicorp.com/agent-inject:'));
  const hold = "        proxy.istio.io/config: '{ \"holdApplicationUntilProxyStarts\": true }'\n";
  const change = { range: { start: { line: agentLine + 1, character: 0 }, end: { line: agentLine + 1, character: 0 } }, text: hold };
  text = applyEdits(text, [{ range: change.range, newText: hold }]);
  version++;
  const changed = diagnostics((params) => params.version === version);
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
  const second = await changed;
  check(codes(second) === 'MESH002', `didChange: diagnostics ${codes(second)}`);

  const vault = second.diagnostics[0];
  const actions = await connection.sendRequest(lsp.CodeActionRequest.type, { textDocument: { uri }, range: vault.range, context: { diagnostics: [vault] } });
  const fix = actions.find((action) => action.kind === 'quickfix' && action.isPreferred);
  check(fix !== undefined, `codeAction: a preferred quick fix (${actions.map((action) => action.title).join('; ')})`);
  check(actions.some((action) => action.title === 'Ignore MESH002 here (comment)'), 'codeAction: the inline ignore');
  const edits = fix.edit.documentChanges[0];
  check(edits.textDocument.version === version, 'codeAction: edits for the current version');
  text = applyEdits(text, edits.edits);
  version++;
  const fixed = diagnostics((params) => params.version === version);
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  check((await fixed).diagnostics.length === 0, 'quick fix applied: no diagnostics left');

  const lines = text.split('\n');
  const keyLine = lines.findIndex((line) => line.includes('vault.hashicorp.com/agent-inject:'));
  const hover = await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: keyLine, character: lines[keyLine].indexOf('vault') + 3 } });
  check(hover.contents.kind === 'markdown' && hover.contents.value.includes('Vault annotation'), 'hover: the key\'s registry entry');
  const kindLine = lines.findIndex((line) => line.startsWith('kind:'));
  const pod = await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: kindLine, character: 1 } });
  check(pod.contents.value.includes('vault-agent-init') && pod.contents.value.includes('**Target:** Istio'), 'hover: the pod\'s start-up on kind');

  // Completion on a new, empty line under the pod template's annotations.
  const annotationsLine = lines.findIndex((line) => line.trim() === 'annotations:');
  text = applyEdits(text, [{ range: { start: { line: annotationsLine + 1, character: 0 }, end: { line: annotationsLine + 1, character: 0 } }, newText: '        sidecar.istio.io/\n' }]);
  version++;
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  const completion = await connection.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: { line: annotationsLine + 1, character: 25 } });
  const labels = (Array.isArray(completion) ? completion : completion.items).map((item) => item.label);
  check(labels.includes('sidecar.istio.io/proxyCPU') && !labels.includes('networking.istio.io/exportTo'), `completion: pod annotation keys (${labels.length})`);

  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  const code = await exited;
  check(code === 0, `exit: code ${code}`);
  connection.dispose();
}

main().catch((error) => fail(error.stack || String(error)));
