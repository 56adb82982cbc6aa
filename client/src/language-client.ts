// Owns the LanguageClient: starts dist/server.js over IPC, stops and restarts it, forwards settings and the server's
// status. A new LanguageClient per start, so a restart picks up settings read at initialization.
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerCapabilities,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatusNotification, type InitializationOptions, type StatusParams } from './protocol.js';
import { serverSettings } from './settings.js';
import type { StatusItem } from './status-item.js';

/** The files seamlint analyzes or reports on (the config file gets a diagnostic when it is broken). */
export const DOCUMENT_SELECTOR: Array<{ scheme: 'file'; language: string } | { scheme: 'file'; pattern: string }> = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', pattern: '**/seamlint.config.json' },
];

export class SeamlintClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private loggedAnalysis: string | undefined;
  private latestStatus: StatusParams | undefined;
  private readonly loggedProblems = new Set<string>();
  /** Serializes start/stop so a restart pressed twice does not start two servers. */
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.OutputChannel,
    private readonly status: StatusItem,
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** What the server last said about itself (state, last analysis, problems); undefined before it first did. */
  get lastStatus(): StatusParams | undefined {
    return this.latestStatus;
  }

  get capabilities(): ServerCapabilities | undefined {
    return this.client?.initializeResult?.capabilities;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(phase: 'stopped' | 'disabled' = 'stopped'): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      this.status.setPhase(phase);
    });
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  async dispose(): Promise<void> {
    await this.enqueue(() => this.doStop());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.transition = this.transition.then(step, step);
    return this.transition;
  }

  private async doStart(): Promise<void> {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      // Trace goes to the same channel, so "Show output" shows everything (`seamlint.trace.server` turns it on).
      traceOutputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: {
        settings: serverSettings(),
        // The server names these in its code actions ("Show documentation") and code lenses (callers, callees).
        commands: { explainRule: 'seamlint.explainRule', showLocations: 'seamlint.showLocations' },
      } satisfies InitializationOptions,
      middleware: {
        // Setting changes: the server registers for workspace/didChangeConfiguration, so vscode-languageclient tells it,
        // and it pulls the `seamlint` section again; sending our own notification as well would double every re-analysis.
        workspace: {
          // The pull gets the same settings as initializationOptions (allowGit from workspace trust), never the raw ones.
          configuration: async (params, token, next) => {
            const raw = await next(params, token);
            if (!Array.isArray(raw)) return raw;
            return params.items.map((item, index) => (item.section === 'seamlint' ? serverSettings() : raw[index]));
          },
        },
      },
    };
    const client = new LanguageClient('seamlint', 'seamlint', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) this.status.setPhase('running');
      else if (event.newState === State.Stopped && this.client === client) this.status.setPhase('stopped');
    });
    client.onNotification(StatusNotification, (status) => {
      this.latestStatus = status;
      this.status.update(status);
      this.logStatus(status);
    });
    this.status.setPhase('starting');
    try {
      await client.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`seamlint: the server failed to start: ${reason}`);
      this.status.setPhase('failed', reason);
      this.client = undefined;
    }
  }

  /** One line per finished analysis, and each config error or server error once: what the status item only sums up. */
  private logStatus(status: StatusParams): void {
    const analysis = status.lastAnalysis;
    if (analysis && analysis.finishedAt !== this.loggedAnalysis) {
      this.loggedAnalysis = analysis.finishedAt;
      this.output.appendLine(
        `[${analysis.finishedAt}] analyzed: ${status.services.length} services, ${status.findings} findings in ${status.files} files ` +
          `(${analysis.durationMs} ms; ${analysis.extracted} files re-read, ${analysis.checked} re-checked)`,
      );
    }
    const problems = [
      ...(status.configError ? [`config: ${status.configError.file}: ${status.configError.message}`] : []),
      ...status.errors.map((error) => `error: ${error}`),
    ];
    for (const problem of problems) {
      if (this.loggedProblems.has(problem)) continue;
      this.loggedProblems.add(problem);
      this.output.appendLine(problem);
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    try {
      // A client that never got running (a failed start) has nothing to stop; stop() would reject.
      if (client.needsStop()) await client.stop(5_000);
    } catch (error) {
      this.output.appendLine(`seamlint: stopping the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
