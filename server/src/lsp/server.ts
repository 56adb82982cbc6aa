// The language server: wires the protocol to one WorkspaceSession. Every handler is guarded: whatever the user's code,
// config or editor sends, a failure is logged, shown in the status, and answered with an empty result — the server
// keeps serving.
import { dirname } from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../../../rules/index.js';
import type { AnalysisProgress, SessionAnalysis } from '../engine/session/index.js';
import { WorkspaceSession } from '../engine/session/index.js';
import { findWorkspaceRoot } from '../engine/workspace/index.js';
import { AnalysisScheduler, TYPING_DEBOUNCE_MS } from './analysis-scheduler.js';
import { provideCodeActions } from './code-actions.js';
import { provideCodeLenses } from './code-lens.js';
import { clientFeaturesOf, initializationOptionsOf } from './client-features.js';
import type { ClientFeatures, ServerContext } from './context.js';
import { DiagnosticDelivery } from './diagnostic-delivery.js';
import { fileEventsOf, registerFileWatchers } from './file-watching.js';
import { provideHover } from './hover.js';
import { ANALYZE_WORKSPACE_REQUEST, FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND, SERVICE_GRAPH_REQUEST, SOURCE, type InitializationOptions, type SeamlintSettings, type ServiceGraphParams, type StatusParams } from './protocol.js';
import { serviceGraph } from './service-graph.js';
import { DEFAULT_SETTINGS, GIT_RULES, parseSettings } from './settings.js';
import { StatusReporter } from './status.js';
import { Uris } from './uris.js';

export class SeamlintServer implements ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly uris = new Uris();
  client: ClientFeatures = clientFeaturesOf({});
  initOptions: InitializationOptions = {};
  settings: SeamlintSettings = DEFAULT_SETTINGS;
  session: WorkspaceSession | undefined;
  scheduler: AnalysisScheduler | undefined;
  private opening: Promise<WorkspaceSession | undefined> | undefined;
  private folder: string | undefined;
  private configGeneration = 0;
  private readonly delivery = new DiagnosticDelivery(this);
  private readonly status = new StatusReporter(this);

  constructor(
    readonly connection: Connection,
    private readonly version = '0.0.0',
  ) {}

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.guard('initialized', () => this.initialized()));
    connection.onShutdown(() => this.scheduler?.dispose());
    connection.onDidChangeConfiguration((params) => this.guard('configuration', () => this.configurationChanged(params.settings)));
    connection.onDidChangeWatchedFiles((params) => this.guard('watched files', () => this.filesChanged(fileEventsOf(this, params))));
    this.documents.onDidChangeContent((event) => this.guard('document change', () => this.documentChanged(event.document, 'change')));
    this.documents.onDidSave((event) => this.guard('document save', () => this.documentChanged(event.document, 'save')));
    this.documents.onDidClose((event) => this.guard('document close', () => this.documentClosed(event.document)));

    const empty = { kind: 'full' as const, items: [] };
    connection.languages.diagnostics.on((params, token) =>
      this.request('textDocument/diagnostic', () => this.delivery.pullDocument(this.uris.pathOf(params.textDocument.uri), params.previousResultId, token), empty),
    );
    connection.languages.diagnostics.onWorkspace((params) => this.request('workspace/diagnostic', async () => ({ items: this.delivery.pullWorkspace(params.previousResultIds) }), { items: [] }));
    connection.onCodeAction((params, token) => this.request('codeAction', () => provideCodeActions(this, params, token), []));
    connection.onHover((params, token) => this.request('hover', () => provideHover(this, params, token), null));
    connection.onCodeLens((params, token) => this.request('codeLens', () => provideCodeLenses(this, params, token), []));
    connection.onExecuteCommand((params) => this.request('executeCommand', () => this.executeCommand(params.command, params.arguments ?? []), null));
    connection.onRequest(SERVICE_GRAPH_REQUEST, (params: ServiceGraphParams | undefined) => this.request(SERVICE_GRAPH_REQUEST, () => serviceGraph(this, params), null));
    connection.onRequest(ANALYZE_WORKSPACE_REQUEST, () => this.request(ANALYZE_WORKSPACE_REQUEST, () => this.analyzeWorkspace(), null));
    this.documents.listen(connection);
    connection.listen();
  }

  ready(): Promise<WorkspaceSession | undefined> {
    return this.opening ?? Promise.resolve(this.session);
  }

  reportError(where: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
    this.connection.console.error(`seamlint: ${where} failed: ${message}${stack}`);
    this.status.error(`${where}: ${message.split('\n')[0]}`);
    this.status.send();
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    this.client = clientFeaturesOf(params.capabilities);
    this.initOptions = initializationOptionsOf(params.initializationOptions);
    this.settings = parseSettings(this.initOptions.settings);
    const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.folder = folderUri ? this.uris.pathOf(folderUri) : (params.rootPath ?? undefined);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [OPEN_RULE_DOCS_COMMAND] },
    };
    if (this.client.pullDiagnostics) {
      capabilities.diagnosticProvider = { identifier: SOURCE, interFileDependencies: true, workspaceDiagnostics: true };
    }
    return { capabilities, serverInfo: { name: SOURCE, version: this.version } };
  }

  private async initialized(): Promise<void> {
    // Each step on its own: a client that refuses a registration still gets a working server.
    const attempt = (where: string, step: () => Promise<unknown>) => step().catch((error: unknown) => this.reportError(where, error));
    if (this.client.configurationRegistration) {
      await attempt('registering for configuration changes', () => this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'seamlint' }));
    }
    if (this.client.configurationRequest) {
      const generation = ++this.configGeneration;
      await attempt('reading the settings', async () => {
        const settings = await this.fetchSettings();
        if (generation === this.configGeneration) this.settings = settings;
      });
    }
    await attempt('registering file watchers', () => registerFileWatchers(this));
    if (this.folder) await this.openSession(this.folder);
    else this.status.send('starting');
  }

  private openSession(startPath: string): Promise<WorkspaceSession | undefined> {
    this.opening ??= (async () => {
      try {
        const session = await WorkspaceSession.open(findWorkspaceRoot(startPath), this.sessionOptions());
        this.session = session;
        this.scheduler = new AnalysisScheduler(session, {
          analyzed: (result, paths) => this.analyzed(result, paths),
          started: () => undefined,
          failed: (error) => this.reportError('analysis', error),
        });
        // Documents opened before the workspace was known.
        if (this.settings.run === 'onType') for (const document of this.documents.all()) this.feed(document);
        if (this.settings.enable) void this.firstAnalysis();
        else this.status.send('disabled');
        return session;
      } catch (error) {
        this.reportError('opening the workspace', error);
        return undefined;
      }
    })();
    return this.opening;
  }

  /** The first whole-workspace analysis, with work-done progress when the client shows it. */
  private async firstAnalysis(): Promise<void> {
    this.status.send('analyzing');
    const progress = this.client.workDoneProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('seamlint', 0, 'Discovering services…', false);
    const report = (p: AnalysisProgress) => {
      const [from, to, label] = PHASES[p.phase];
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      progress?.report(Math.round(from + (to - from) * share), p.total > 1 ? `${label} ${p.done}/${p.total}` : label);
    };
    try {
      await this.scheduler?.runAll(report);
    } finally {
      progress?.done();
    }
  }

  private analyzed(result: SessionAnalysis, paths?: readonly string[]): void {
    this.status.analyzed(result);
    this.delivery.analyzed(result, paths ?? []);
    if (result.crossFileChange && this.client.codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    this.status.send(this.session?.isCurrent() ? 'ready' : 'analyzing');
  }

  // ---- changes --------------------------------------------------------------------------------------------------------

  private documentChanged(document: TextDocument, why: 'change' | 'save'): void {
    const path = this.uris.pathOf(document.uri);
    if (!path) return;
    if (!this.session) {
      // No folder open: the first file decides the workspace.
      if (!this.folder && !this.opening) void this.openSession(dirname(path));
      return;
    }
    if (why === 'change' && this.settings.run === 'onType') {
      if (this.feed(document)) this.requestAnalysis(TYPING_DEBOUNCE_MS, path);
    } else if (why === 'save' && this.settings.run === 'onSave') {
      this.session.notifyFileEvents([{ path, type: 'changed' }]);
      this.requestAnalysis(0);
    }
  }

  private documentClosed(document: TextDocument): void {
    const path = this.uris.pathOf(document.uri);
    if (!path || !this.session) return;
    this.session.revertFile(path);
    this.requestAnalysis(TYPING_DEBOUNCE_MS);
  }

  private feed(document: TextDocument): boolean {
    const path = this.uris.pathOf(document.uri);
    return path !== undefined && this.session !== undefined && this.session.updateFile(path, document.getText());
  }

  private filesChanged(events: ReturnType<typeof fileEventsOf>): void {
    if (!this.session || events.length === 0) return;
    this.session.notifyFileEvents(events);
    this.requestAnalysis(TYPING_DEBOUNCE_MS);
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    const pushedSection = isRecord(pushed) && 'seamlint' in pushed ? pushed.seamlint : undefined;
    const generation = ++this.configGeneration;
    const next = this.client.configurationRequest ? await this.fetchSettings() : parseSettings(pushedSection ?? this.initOptions.settings);
    // Changes in quick succession overlap while their settings are read; only the latest read may apply, or an older
    // answer arriving last would bring back a setting the user already removed.
    if (generation !== this.configGeneration) return;
    const previous = this.settings;
    this.settings = next;
    // One line in the output: when a setting seems not to take, this says what the server was told.
    this.connection.console.info(`seamlint: settings changed: ${JSON.stringify(next)}`);
    const session = this.session;
    if (!session) return;
    if (JSON.stringify([previous.configPath, previous.rules, previous.base, previous.allowGit]) !== JSON.stringify([next.configPath, next.rules, next.base, next.allowGit])) {
      session.setOptions(this.sessionOptions());
    }
    if (previous.run !== next.run) {
      for (const document of this.documents.all()) {
        if (next.run === 'onType') this.feed(document);
        else {
          const path = this.uris.pathOf(document.uri);
          if (path) session.revertFile(path);
        }
      }
    }
    if (previous.enable !== next.enable) this.delivery.resendAll();
    this.requestAnalysis(0);
    this.status.send();
  }

  private async fetchSettings(): Promise<SeamlintSettings> {
    const scopeUri = this.folder ? this.uris.uriOf(this.folder) : undefined;
    const section: unknown = await this.connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'seamlint' } : { section: 'seamlint' });
    // A client that has no such section answers null: fall back to what initializationOptions said.
    return parseSettings(section ?? this.initOptions.settings);
  }

  private sessionOptions() {
    const { rules, configPath, base, allowGit } = this.settings;
    // Where git must not run, the rules that need it are off whatever the config says.
    const gitRulesOff = allowGit ? {} : Object.fromEntries(GIT_RULES.filter((id) => ruleById(id)).map((id) => [id, 'off' as const]));
    return { ruleOverrides: { ...rules, ...gitRulesOff }, allowGit, ...(configPath ? { configPath } : {}), ...(base && allowGit ? { base } : {}) };
  }

  private requestAnalysis(delayMs: number, editedPath?: string): void {
    if (this.settings.enable) this.scheduler?.schedule(delayMs, editedPath);
  }

  // ---- commands -------------------------------------------------------------------------------------------------------

  private async executeCommand(command: string, args: unknown[]): Promise<null> {
    if (command !== OPEN_RULE_DOCS_COMMAND) return null;
    const rule = typeof args[0] === 'string' ? ruleById(args[0]) : undefined;
    if (!rule) return null;
    if (this.client.showDocument) await this.connection.window.showDocument({ uri: rule.docsUrl, external: true });
    else this.connection.window.showInformationMessage(`${rule.id}: ${rule.description} ${rule.docsUrl}`);
    return null;
  }

  private async analyzeWorkspace(): Promise<StatusParams> {
    const session = await this.ready();
    if (session && this.settings.enable) {
      session.rescan();
      await this.scheduler?.runAll();
    }
    return this.status.build();
  }

  // ---- guards -----------------------------------------------------------------------------------------------------------

  private guard(where: string, work: () => void | Promise<void>): void {
    try {
      const result = work();
      if (result instanceof Promise) result.catch((error: unknown) => this.reportError(where, error));
    } catch (error) {
      this.reportError(where, error);
    }
  }

  private async request<T>(where: string, work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.reportError(where, error);
      return fallback;
    }
  }
}

/** Share of the first analysis's progress bar per phase: [from %, to %, label]. */
const PHASES: Record<AnalysisProgress['phase'], [number, number, string]> = {
  discovering: [0, 5, 'Discovering services…'],
  reading: [5, 60, 'Reading files'],
  linking: [60, 65, 'Linking services…'],
  checking: [65, 100, 'Checking files'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
