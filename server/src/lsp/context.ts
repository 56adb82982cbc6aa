// What every feature of the server shares: the connection, the open documents, the session (once a workspace is
// known), the client's abilities and settings, and a logger that also feeds the status item.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceSession } from '../engine/session/index.js';
import type { AnalysisScheduler } from './analysis-scheduler.js';
import type { InitializationOptions, SeamlintSettings } from './protocol.js';
import type { Uris } from './uris.js';

/** What the client said it can do in `initialize`, reduced to what the server branches on. */
export interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  workDoneProgress: boolean;
  watchedFilesRegistration: boolean;
  configurationRequest: boolean;
  configurationRegistration: boolean;
  documentChanges: boolean;
  showDocument: boolean;
  codeLensRefresh: boolean;
  hoverMarkdown: boolean;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly uris: Uris;
  readonly client: ClientFeatures;
  readonly initOptions: InitializationOptions;
  readonly settings: SeamlintSettings;
  /** The session and its scheduler, once a workspace is open; undefined before (or when there is none). */
  readonly session: WorkspaceSession | undefined;
  readonly scheduler: AnalysisScheduler | undefined;
  /** Waits for the session when one is being opened. */
  ready(): Promise<WorkspaceSession | undefined>;
  /** A recovered internal error: logged to the client's console and shown in the status. */
  reportError(where: string, error: unknown): void;
}
