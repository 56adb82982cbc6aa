// What the client announced in `initialize`, reduced to the switches the server uses; and its initialization options,
// checked field by field (they are whatever the client's user wrote).
import type { ClientCapabilities } from 'vscode-languageserver/node';
import type { ClientFeatures } from './context.js';
import type { InitializationOptions } from './protocol.js';

export function clientFeaturesOf(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  const textDocument = capabilities.textDocument;
  return {
    // A client that can pull is asked to: it then decides when diagnostics are worth computing (visible files first).
    pullDiagnostics: textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRequest: workspace?.configuration === true,
    configurationRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    showDocument: capabilities.window?.showDocument?.support === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    hoverMarkdown: textDocument?.hover?.contentFormat?.includes('markdown') ?? true,
  };
}

export function initializationOptionsOf(raw: unknown): InitializationOptions {
  if (!isRecord(raw)) return {};
  const options: InitializationOptions = {};
  if (isRecord(raw.settings)) options.settings = raw.settings;
  if (isRecord(raw.commands)) {
    const { explainRule, showLocations } = raw.commands;
    options.commands = {
      ...(typeof explainRule === 'string' && explainRule !== '' ? { explainRule } : {}),
      ...(typeof showLocations === 'string' && showLocations !== '' ? { showLocations } : {}),
    };
  }
  return options;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
