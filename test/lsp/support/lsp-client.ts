// A real LSP client for protocol tests: the bundled server (dist/server.js) as a child process over stdio, a
// vscode-jsonrpc connection and the 3.17 protocol types. It plays either a client that pulls diagnostics (and gets
// workspace/diagnostic/refresh) or one that only takes pushed diagnostics, answers the server's requests
// (configuration, capability registration, progress) and records what the server sends. Tests wait with deadlines.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type FileChangeType,
  type InitializeResult,
  type Registration,
} from 'vscode-languageserver-protocol';
import type { InitializationOptions, SeamlintSettings, StatusParams } from '../../../server/src/lsp/protocol.js';
import { SERVER } from './build.js';

export interface ClientOptions {
  /** Pull diagnostics (with refresh and workspace diagnostics), or push only. */
  pull: boolean;
  settings?: Partial<SeamlintSettings>;
  initializationOptions?: InitializationOptions;
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export class TestClient {
  readonly pushed = new Map<string, Diagnostic[]>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly progress: unknown[] = [];
  refreshes = 0;
  settings: Partial<SeamlintSettings>;
  /** Delays (ms) for the next workspace/configuration answers, one per request; then answers come at once. */
  configurationDelays: number[] = [];
  configurationAnswers = 0;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly stderr: string[] = [];

  private constructor(
    readonly root: string,
    readonly options: ClientOptions,
    private readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(root: string, options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(root, options, child, connection);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    client.listen();
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'shop' }],
      capabilities: capabilities(options.pull),
      initializationOptions: { settings: client.settings, ...options.initializationOptions },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const connection = this.connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.pushed.set(params.uri, params.diagnostics));
    connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params.message));
    connection.onNotification('seamlint/status', (params: StatusParams) => this.statuses.push(params));
    connection.onNotification('$/progress', (params: unknown) => this.progress.push(params));
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      return null;
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      // Read the settings now, answer when the test's delay says: a slow answer may then arrive after a newer one.
      const settings = this.settings;
      const delayMs = this.configurationDelays.shift() ?? 0;
      if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
      this.configurationAnswers++;
      return params.items.map((item) => (item.section === 'seamlint' ? settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
  }

  uri(relative: string): string {
    return pathToFileURL(join(this.root, relative)).href;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  async open(relative: string, text = readFileSync(this.path(relative), 'utf8')): Promise<void> {
    this.versions.set(relative, 1);
    const languageId = relative.endsWith('.json') ? 'json' : 'typescript';
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(relative), languageId, version: 1, text } });
  }

  /** Replaces the document's whole text (unsaved). */
  async change(relative: string, text: string): Promise<void> {
    const version = (this.versions.get(relative) ?? 1) + 1;
    this.versions.set(relative, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(relative), version }, contentChanges: [{ text }] });
  }

  async save(relative: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: this.uri(relative) } });
  }

  async close(relative: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(relative) } });
  }

  async fileChanged(relative: string, type: FileChangeType): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: this.uri(relative), type }] });
  }

  async pull(relative: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: this.uri(relative) } });
    return report.kind === 'full' ? report.items : [];
  }

  /** The file's diagnostics as this client knows them: pulled now, or the last ones pushed. */
  async diagnostics(relative: string): Promise<Diagnostic[]> {
    return this.options.pull ? this.pull(relative) : (this.pushed.get(this.uri(relative)) ?? []);
  }

  /** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
  async waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\nserver log:\n${this.logs.slice(-20).join('\n')}\n${this.stderr.join('')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for the diagnostics of a file to satisfy `accept`. */
  waitForDiagnostics(relative: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${relative}`, async () => {
      const diagnostics = await this.diagnostics(relative);
      return accept(diagnostics) ? diagnostics : undefined;
    }, timeoutMs);
  }

  /** The first analysis of the workspace has finished. */
  waitUntilReady(timeoutMs = 60_000): Promise<StatusParams> {
    return this.waitFor('the first analysis', () => this.statuses.find((status) => status.state === 'ready' && status.lastAnalysis !== undefined), timeoutMs);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    }
    this.connection.dispose();
    if (this.alive) this.process.kill();
  }
}

function capabilities(pull: boolean): ClientCapabilities {
  return {
    window: { workDoneProgress: true, showDocument: { support: true } },
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: pull },
      codeLens: { refreshSupport: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeLens: {},
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
  };
}
