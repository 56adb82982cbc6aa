// seamlint's custom LSP messages as typed vscode-languageclient request and notification types. The method names and
// payloads are the server's (server/src/lsp/protocol.ts: plain types and constants, so importing it does not pull the
// engine into the client bundle; server/src/lsp/README.md describes them).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import {
  ANALYZE_WORKSPACE_REQUEST,
  SERVICE_GRAPH_REQUEST,
  STATUS_NOTIFICATION,
  type InitializationOptions,
  type SeamlintSettings,
  type ServiceGraphParams,
  type ServiceGraphResult,
  type StatusParams,
} from '../../server/src/lsp/protocol.js';

export type { InitializationOptions, SeamlintSettings, ServiceGraphResult, StatusParams };
export type { SeveritySetting } from '../../server/src/lsp/protocol.js';

/**
 * The `seamlint` settings as this client sends them: the user's settings plus what workspace trust allows.
 * `allowGit: false` (an untrusted workspace) means the server must never run git there — a repository's git config can
 * run programs — so `breaking-contract-change` is off. Every other rule works: seamlint never executes workspace code.
 */
export interface ClientSettings extends SeamlintSettings {
  allowGit: boolean;
}

export const ServiceGraphRequest = new RequestType<ServiceGraphParams, ServiceGraphResult, void>(SERVICE_GRAPH_REQUEST);
export const AnalyzeWorkspaceRequest = new RequestType0<void, void>(ANALYZE_WORKSPACE_REQUEST);
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);
