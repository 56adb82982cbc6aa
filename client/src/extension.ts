// The VS Code extension: starts the bundled language server (dist/server.js) over IPC and adds what an editor needs
// around it: settings, commands, a language status item, an output channel and the service-graph view.
import * as vscode from 'vscode';
import type { ServerCapabilities } from 'vscode-languageclient/node';
import { ServiceGraphView } from './graph-view.js';
import { DOCUMENT_SELECTOR, SeamlintClient } from './language-client.js';
import { AnalyzeWorkspaceRequest, type StatusParams } from './protocol.js';
import { describeRequestError, isMethodNotFound } from './request-errors.js';
import { RuleDocs } from './rule-docs.js';
import { isEnabled, needsRestart } from './settings.js';
import { showLocations } from './show-locations.js';
import { StatusItem } from './status-item.js';

/** What the extension returns from activate(): for its own tests, which check what the server advertised. */
export interface SeamlintApi {
  readonly serverCapabilities: ServerCapabilities | undefined;
  /** The server's latest `seamlint/status` (see server/src/lsp/protocol.ts), for scripts and tests. */
  readonly lastStatus: StatusParams | undefined;
  /** Resolves once the server started (or failed to), or at once when seamlint is disabled. */
  ready(): Promise<void>;
}

let seamlint: SeamlintClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SeamlintApi> {
  const output = vscode.window.createOutputChannel('seamlint');
  const status = new StatusItem(DOCUMENT_SELECTOR);
  const client = new SeamlintClient(context.asAbsolutePath('dist/server.js'), output, status);
  const graph = new ServiceGraphView(client);
  const docs = new RuleDocs(context.extensionUri);
  seamlint = client;
  context.subscriptions.push(output, status, graph, { dispose: () => void client.dispose() });

  context.subscriptions.push(
    vscode.commands.registerCommand('seamlint.restart', () => restart(client)),
    vscode.commands.registerCommand('seamlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('seamlint.analyzeWorkspace', () => analyzeWorkspace(client)),
    vscode.commands.registerCommand('seamlint.showServiceGraph', () => graph.show()),
    // Also the target of the server's "Show documentation for <rule>" code action, with the rule id as argument.
    vscode.commands.registerCommand('seamlint.explainRule', (ruleId?: unknown) => docs.explain(ruleId)),
    // Internal (not in the palette): the server's code lenses on handlers list callers and callees with it.
    vscode.commands.registerCommand('seamlint.showLocations', (uri: unknown, position: unknown, locations: unknown) =>
      showLocations(client, uri, position, locations),
    ),
    // Other setting changes reach the server through vscode-languageclient (see language-client.ts).
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (needsRestart(event)) void (isEnabled() ? client.restart() : client.stop('disabled'));
    }),
    // Trust only ever goes from untrusted to trusted: restart so the server may now use git.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void (isEnabled() ? client.restart() : undefined)),
  );

  const started = isEnabled() ? client.start() : client.stop('disabled');
  return {
    get serverCapabilities() {
      return client.capabilities;
    },
    get lastStatus() {
      return client.lastStatus;
    },
    ready: () => started,
  };
}

export async function deactivate(): Promise<void> {
  await seamlint?.dispose();
  seamlint = undefined;
}

async function restart(client: SeamlintClient): Promise<void> {
  if (!isEnabled()) {
    void vscode.window.showInformationMessage('seamlint is turned off (seamlint.enable): turn it on to start the server.');
    return;
  }
  await client.restart();
}

/** Resolves true when the workspace was analyzed (for scripts and tests: a failure is also shown as a message). */
async function analyzeWorkspace(client: SeamlintClient): Promise<boolean> {
  const languageClient = client.languageClient;
  if (!languageClient) {
    void vscode.window.showErrorMessage('seamlint is not running: run "seamlint: Restart" first.');
    return false;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'seamlint: analyzing the workspace' }, async () => {
    try {
      await languageClient.sendRequest(AnalyzeWorkspaceRequest);
      return true;
    } catch (error) {
      // A server without the request still analyzes everything when it starts: restarting is the same thing, slower.
      if (isMethodNotFound(error)) {
        await client.restart();
        return client.languageClient !== undefined;
      }
      void vscode.window.showErrorMessage(`seamlint: ${describeRequestError(error, 'seamlint/analyzeWorkspace')}`);
      return false;
    }
  });
}
