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

/** Null before the server has a workspace. */
export const ServiceGraphRequest = new RequestType<ServiceGraphParams, ServiceGraphResult | null, void>(SERVICE_GRAPH_REQUEST);
/** Answers with the status after the new analysis. */
export const AnalyzeWorkspaceRequest = new RequestType0<StatusParams, void>(ANALYZE_WORKSPACE_REQUEST);
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);
