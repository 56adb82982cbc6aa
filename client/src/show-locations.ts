// `seamlint.showLocations`: the server's code lenses ("called by 2 services", "calls 3") pass LSP JSON in the shape of
// editor.action.showReferences; this turns it into VS Code types and shows the references peek.
import * as vscode from 'vscode';
import type { Location, Position } from 'vscode-languageclient/node';
import type { SeamlintClient } from './language-client.js';

export async function showLocations(seamlint: SeamlintClient, uri: unknown, position: unknown, locations: unknown): Promise<void> {
  const client = seamlint.languageClient;
  if (!client || typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return;
  const converter = client.protocol2CodeConverter;
  const targets = locations.filter(isLocation).map((location) => converter.asLocation(location));
  await vscode.commands.executeCommand('editor.action.showReferences', converter.asUri(uri), converter.asPosition(position), targets);
}

function isPosition(value: unknown): value is Position {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as Record<string, unknown>;
  return typeof line === 'number' && typeof character === 'number';
}

function isLocation(value: unknown): value is Location {
  if (typeof value !== 'object' || value === null) return false;
  const { uri, range } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof range !== 'object' || range === null) return false;
  const { start, end } = range as Record<string, unknown>;
  return isPosition(start) && isPosition(end);
}
