// Getting diagnostics to the client: pulled (textDocument/diagnostic, workspace/diagnostic) when it can pull, pushed
// (publishDiagnostics) otherwise. Each file's report has a result id, a hash of what it holds, so pulls answer
// "unchanged" cheaply and pushes skip files whose diagnostics did not change. When an analysis changes files the client
// is not asking about right now (a route renamed in one service changes a chain warning in another), a pulling
// client gets workspace/diagnostic/refresh.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DiagnosticRefreshRequest,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { SessionAnalysis, WorkspaceSession } from '../engine/session/index.js';
import type { ServerContext } from './context.js';
import { configDiagnostic, LineLookup, toDiagnostic } from './diagnostics.js';

interface FileReport {
  resultId: string;
  items: Diagnostic[];
}

const NO_REPORT: FileReport = { resultId: 'none', items: [] };

export class DiagnosticDelivery {
  /** Push: the result id last published per path. Pull: the one last handed to the client. */
  private readonly delivered = new Map<string, string>();
  private readonly cache = new Map<string, { revision: number; model: object; report: FileReport }>();
  private refreshPending = false;
  /** Config files that were given a report: when the config path setting moves, the old one must be cleared. */
  private readonly configFiles = new Set<string>();

  constructor(private readonly context: ServerContext) {}

  get pulling(): boolean {
    return this.context.client.pullDiagnostics;
  }

  // ---- pull ------------------------------------------------------------------------------------------------------

  async pullDocument(path: string | undefined, previousResultId: string | undefined, token: { isCancellationRequested: boolean }): Promise<DocumentDiagnosticReport> {
    const session = await this.context.ready();
    if (!path || !session) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (this.context.settings.enable) await this.context.scheduler?.ensureFresh([path], token);
    const report = this.reportFor(session, path);
    this.delivered.set(path, report.resultId);
    if (previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
  }

  /** Every file with findings (and every file that had some: the client must learn they are gone). */
  pullWorkspace(previous: ReadonlyArray<{ uri: string; value: string }>): WorkspaceDocumentDiagnosticReport[] {
    const session = this.context.session;
    if (!session) return [];
    const previousIds = new Map(previous.map((entry) => [entry.uri, entry.value]));
    const reports: WorkspaceDocumentDiagnosticReport[] = [];
    for (const path of this.candidates(session)) {
      const uri = this.context.uris.uriOf(path);
      const report = this.reportFor(session, path);
      this.delivered.set(path, report.resultId);
      const version = this.context.documents.get(uri)?.version ?? null;
      if (previousIds.get(uri) === report.resultId) reports.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: report.resultId });
      else reports.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: report.resultId, items: report.items });
    }
    return reports;
  }

  // ---- after each analysis ------------------------------------------------------------------------------------------

  /** `servedPaths`: files a pull is answering right now, which need no refresh for their own sake. */
  analyzed(result: SessionAnalysis, servedPaths: readonly string[] = []): void {
    const session = this.context.session;
    if (!session) return;
    const changed = new Set([...result.changed, session.configFile, ...this.deliveredConfigFiles(session)]);
    if (this.pulling) {
      const served = new Set(servedPaths);
      const stale = [...changed].some((path) => {
        if (served.has(path)) return false;
        const report = this.reportFor(session, path);
        return this.delivered.has(path) ? this.delivered.get(path) !== report.resultId : report.items.length > 0;
      });
      if (stale) this.requestRefresh();
    } else {
      for (const path of changed) this.publish(session, path);
    }
  }

  /** Settings changed (enable, severities): every file may read differently. */
  resendAll(): void {
    const session = this.context.session;
    this.cache.clear();
    if (!session) return;
    if (this.pulling) this.requestRefresh();
    else for (const path of new Set([...this.candidates(session), ...this.delivered.keys()])) this.publish(session, path);
  }

  private publish(session: WorkspaceSession, path: string): void {
    const report = this.reportFor(session, path);
    const previous = this.delivered.get(path);
    if (previous === report.resultId || (previous === undefined && report.items.length === 0)) return;
    this.delivered.set(path, report.resultId);
    const uri = this.context.uris.uriOf(path);
    const version = this.context.documents.get(uri)?.version;
    void this.context.connection.sendDiagnostics({ uri, diagnostics: report.items, ...(version === undefined ? {} : { version }) });
  }

  private requestRefresh(): void {
    if (!this.context.client.diagnosticRefresh || this.refreshPending) return;
    this.refreshPending = true;
    // Several analyses in one tick ask once.
    setImmediate(() => {
      this.refreshPending = false;
      this.context.connection.sendRequest(DiagnosticRefreshRequest.type).catch((error: unknown) => this.context.reportError('diagnostic refresh', error));
    });
  }

  // ---- reports ------------------------------------------------------------------------------------------------------

  private candidates(session: WorkspaceSession): string[] {
    const paths = new Set(session.filesEverReported());
    if (session.configProblem) paths.add(session.configFile);
    for (const path of this.deliveredConfigFiles(session)) paths.add(path);
    return [...paths].sort();
  }

  private deliveredConfigFiles(session: WorkspaceSession): string[] {
    return [...this.configFiles].filter((path) => path !== session.configFile && this.delivered.has(path));
  }

  reportFor(session: WorkspaceSession, path: string): FileReport {
    if (!this.context.settings.enable) return NO_REPORT;
    if (path === session.configFile || this.configFiles.has(path)) {
      this.configFiles.add(path);
      const problem = path === session.configFile ? session.configProblem : undefined;
      return withId(problem ? [configDiagnostic(problem, session.textOf(path) ?? readText(path))] : []);
    }
    const revision = session.revisionOf(path);
    const cached = this.cache.get(path);
    // Ranges depend on the file's text (the model's) as well as on the findings.
    if (cached && cached.revision === revision && cached.model === session.model) return cached.report;
    const lines = new LineLookup(session);
    const report = withId(session.findingsOf(path).map((finding) => toDiagnostic(finding, lines, this.context.uris)));
    this.cache.set(path, { revision, model: session.model, report });
    return report;
  }
}

function withId(items: Diagnostic[]): FileReport {
  return { resultId: createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16), items };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
