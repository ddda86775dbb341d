// Starts `meshlint server` for YAML files and connects VS Code's language client to it: diagnostics,
// quick fixes (and source.fixAll.meshlint for editor.codeActionsOnSave), hover and completion all
// come from the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration('meshlint');
  const command = config.get<string>('path', 'meshlint') || 'meshlint';
  const args = [...config.get<string[]>('args', []), 'server'];
  return { command, args, transport: TransportKind.stdio };
}

function clientOptions(): LanguageClientOptions {
  const config = vscode.workspace.getConfiguration('meshlint');
  return {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    initializationOptions: { debounceMilliseconds: config.get<number>('debounceMilliseconds', 150) },
    outputChannelName: 'MeshLint',
  };
}

async function start(): Promise<void> {
  client = new LanguageClient('meshlint', 'MeshLint', serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (error) {
    const path = vscode.workspace.getConfiguration('meshlint').get<string>('path', 'meshlint');
    void vscode.window.showErrorMessage(`MeshLint: could not start '${path} server' (${String(error)}). Install MeshLint or set meshlint.path.`);
  }
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop().catch(() => undefined);
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('meshlint.restart', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('meshlint.path') || event.affectsConfiguration('meshlint.args') || event.affectsConfiguration('meshlint.debounceMilliseconds')) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
