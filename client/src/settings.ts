// The user's `seamlint.*` settings as the server is told them, with `allowGit` from workspace trust: in an untrusted
// workspace the server must never run git (a repository's git config can run programs).
import * as vscode from 'vscode';
import type { SeamlintSettings, SeveritySetting } from './protocol.js';

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];

export function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('seamlint').get<boolean>('enable', true);
}

export function serverSettings(): SeamlintSettings {
  const config = vscode.workspace.getConfiguration('seamlint');
  const trusted = vscode.workspace.isTrusted;
  return {
    enable: isEnabled(),
    run: config.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    rules: severityOverrides(config.get<unknown>('rules')),
    // Relative to the workspace root, which the server resolves (it knows the root it analyzes).
    configPath: nonEmpty(config.get<string | null>('configPath')),
    // Only git reads `base`: in an untrusted workspace it is not used, so it is not sent either.
    base: trusted ? nonEmpty(config.get<string | null>('base')) : null,
    allowGit: trusted,
  };
}

/** Settings that only take effect when the server starts; the rest are sent as they change. */
export function needsRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('seamlint.enable');
}

// settings.json is edited by hand: drop what the server would reject rather than failing the whole set.
function severityOverrides(value: unknown): Record<string, SeveritySetting> {
  const result: Record<string, SeveritySetting> = {};
  if (typeof value !== 'object' || value === null) return result;
  for (const [rule, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITIES.includes(severity)) result[rule] = severity as SeveritySetting;
  }
  return result;
}

// Unset settings read as null (their declared default) or undefined.
function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
