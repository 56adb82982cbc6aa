// Helpers for specs that run inside VS Code on a copy of test-fixtures/shop (the workspace folder).
import * as vscode from 'vscode';
import type { SeamlintApi } from '../../../client/src/extension.js';

export const EXTENSION_ID = 'seamlint.seamlint';

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: open a copy of test-fixtures/shop');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function activateSeamlint(): Promise<SeamlintApi> {
  const extension = vscode.extensions.getExtension<SeamlintApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  await api.ready();
  return api;
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document);
}

/** The rule id: with a docs link VS Code gives the code as { value, target }. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function seamlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'seamlint');
}

/** Fails with the reason when the server does not offer a feature yet, instead of a timeout that explains nothing. */
export function requireCapability(api: SeamlintApi, capability: 'codeActionProvider' | 'hoverProvider'): void {
  const value = api.serverCapabilities?.[capability];
  if (value === undefined || value === false) {
    throw new Error(
      `seamlint's language server does not advertise ${capability}. It comes with the language-server work ` +
        '(server/src/lsp, issue 6 part 1); this test passes once it lands.',
    );
  }
}

/** Names the step that failed: VS Code's own errors ("Canceled") do not say which call threw them. */
export async function step<T>(name: string, body: () => Thenable<T> | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
