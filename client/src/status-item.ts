// The language status item ("{}" in the status bar next to the language): services found, when the last analysis
// finished, and what went wrong. Clicking it shows the output channel.
import * as vscode from 'vscode';
import type { StatusParams } from './protocol.js';

export type ClientPhase = 'starting' | 'running' | 'stopped' | 'disabled' | 'failed';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private status: StatusParams | undefined;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('seamlint.status', selector);
    this.item.name = 'seamlint';
    this.item.command = { title: 'Show output', command: 'seamlint.showOutput' };
    this.setPhase('starting');
  }

  /** The client's own state; the server's status refines 'running'. */
  setPhase(phase: ClientPhase, reason?: string): void {
    if (phase !== 'running') this.status = undefined;
    this.item.busy = phase === 'starting';
    this.item.severity = phase === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    switch (phase) {
      case 'starting':
        this.show('seamlint: starting', undefined);
        break;
      case 'running':
        if (this.status) this.update(this.status);
        else this.show('seamlint: analyzing', undefined, true);
        break;
      case 'stopped':
        this.show('seamlint: stopped', 'Run "seamlint: Restart" to start it again');
        break;
      case 'disabled':
        this.show('seamlint: disabled', 'Turned off by the seamlint.enable setting');
        break;
      case 'failed':
        this.show('seamlint: failed to start', reason ?? 'See the seamlint output');
        break;
    }
  }

  update(status: StatusParams): void {
    this.status = status;
    const count = status.services.length;
    const errors = status.errors.length + (status.configError ? 1 : 0);
    const text = `seamlint: ${count === 1 ? '1 service' : `${count} services`}${errors === 0 ? '' : errors === 1 ? ' · 1 error' : ` · ${errors} errors`}`;
    const when = status.lastAnalysis ? `analyzed ${formatTime(status.lastAnalysis.finishedAt)}` : 'not analyzed yet';
    // The detail is one short line in the status popup: the most useful problem, else the count of findings. The rest
    // (every error, each analysis and its duration) is in the output channel.
    const problem = status.configError
      ? `${status.configError.file}: ${status.configError.message}`
      : (status.errors.at(-1) ?? status.problems[0]?.message);
    const found = `${status.findings} ${status.findings === 1 ? 'finding' : 'findings'}`;
    this.item.severity =
      errors > 0 || status.state === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : status.problems.length > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    this.show(status.state === 'disabled' ? 'seamlint: disabled' : text, `${when} · ${problem ?? found}`, status.state === 'starting' || status.state === 'analyzing');
  }

  dispose(): void {
    this.item.dispose();
  }

  private show(text: string, detail: string | undefined, busy = false): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.busy = busy;
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
