// "seamlint: Show service graph": the page of `seamlint graph --format html`, asked of the server, in a webview.
// Clicking a service or an arrow in the page posts { type: 'open', file, line } and the code opens beside it.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ServiceGraphRequest, type ServiceGraphResult } from './protocol.js';
import type { SeamlintClient } from './language-client.js';
import { describeRequestError } from './request-errors.js';

interface OpenMessage {
  type: 'open';
  file: string;
  line: number;
}

export class ServiceGraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private root: string | undefined;

  constructor(private readonly seamlint: SeamlintClient) {}

  async show(): Promise<void> {
    const client = this.seamlint.languageClient;
    if (!client) {
      void vscode.window.showErrorMessage('seamlint is not running: the service graph comes from its language server.');
      return;
    }
    const panel = this.panel ?? this.createPanel();
    panel.reveal(undefined, true);
    // Rendered on each "Show service graph", not after every analysis: a re-render would drop the reader's zoom and
    // selection while they type elsewhere.
    await this.render(panel);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    // No local resources: the page is self-contained. Scripts are on for the page's zoom, selection and click-to-open.
    const panel = vscode.window.createWebviewPanel('seamlint.serviceGraph', 'seamlint · service graph', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    this.panel = panel;
    return panel;
  }

  private async render(panel: vscode.WebviewPanel): Promise<void> {
    const client = this.seamlint.languageClient;
    if (!client) return;
    // A fresh nonce per render: the page's policy then allows exactly the style and script of this render.
    const cspNonce = randomBytes(16).toString('base64');
    let result: ServiceGraphResult | null;
    try {
      result = await client.sendRequest(ServiceGraphRequest, { cspNonce });
    } catch (error) {
      panel.webview.html = messagePage(`The service graph is not available: ${describeRequestError(error, 'seamlint/serviceGraph')}`);
      return;
    }
    if (result === null) {
      panel.webview.html = messagePage('No workspace is analyzed yet: open a folder, then run "seamlint: Show service graph" again.');
      return;
    }
    this.root = result.root;
    panel.webview.html = result.html;
  }

  private async open(message: unknown): Promise<void> {
    if (!isOpenMessage(message)) return;
    const root = this.root ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (root === undefined) return;
    // The page is ours, but it renders names from the workspace: only open files inside the workspace root.
    const file = path.resolve(root, message.file);
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return;
    const line = Math.max(0, message.line - 1);
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(file), {
        viewColumn: vscode.ViewColumn.One,
        selection: new vscode.Range(line, 0, line, 0),
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`seamlint: cannot open ${message.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function isOpenMessage(message: unknown): message is OpenMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, file, line } = message as Record<string, unknown>;
  return type === 'open' && typeof file === 'string' && file !== '' && typeof line === 'number' && Number.isInteger(line);
}

function messagePage(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
}
