// The `seamlint/status` notification behind the client's status item, and the log of what went wrong: every setup
// problem (skipped file, failed rule, broken manifest) is written to the client's console once, and recovered
// internal errors are kept for the status.
import { relative } from 'node:path';
import type { SessionAnalysis } from '../engine/session/index.js';
import type { ServerContext } from './context.js';
import { STATUS_NOTIFICATION, type ServerState, type StatusParams } from './protocol.js';

const MAX_ERRORS = 20;

export class StatusReporter {
  private readonly errors: string[] = [];
  private readonly logged = new Set<string>();
  private lastAnalysis: StatusParams['lastAnalysis'];
  private state: ServerState = 'starting';

  constructor(private readonly context: ServerContext) {}

  analyzed(result: SessionAnalysis): void {
    this.logNewProblems();
    // A run that found nothing to do (a pull for a file already current) is not "the last analysis" a person cares about.
    if (this.lastAnalysis && result.extracted === 0 && result.checked === 0 && result.changed.length === 0) return;
    this.lastAnalysis = {
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(result.durationMs),
      extracted: result.extracted,
      checked: result.checked,
    };
  }

  error(message: string): void {
    this.errors.push(message);
    if (this.errors.length > MAX_ERRORS) this.errors.splice(0, this.errors.length - MAX_ERRORS);
  }

  send(state?: ServerState): void {
    if (state) this.state = state;
    void this.context.connection.sendNotification(STATUS_NOTIFICATION, this.build()).catch(() => undefined);
  }

  build(): StatusParams {
    const session = this.context.session;
    const state: ServerState = this.context.settings.enable ? this.state : 'disabled';
    if (!session) return { state, services: [], files: 0, findings: 0, problems: [], errors: [...this.errors] };
    const problem = session.configProblem;
    return {
      state,
      root: session.root,
      services: session.services.map((service) => ({ name: service.name, root: relative(session.root, service.root).split('\\').join('/') || '.' })),
      files: session.fileCount,
      findings: session.filesWithFindings().reduce((sum, file) => sum + session.findingsOf(file).length, 0),
      ...(this.lastAnalysis ? { lastAnalysis: this.lastAnalysis } : {}),
      ...(problem ? { configError: { file: problem.file, message: problem.message } } : {}),
      problems: session.problems().map((p) => (p.file ? { file: p.file, message: p.message } : { message: p.message })),
      errors: [...this.errors],
    };
  }

  private logNewProblems(): void {
    const session = this.context.session;
    if (!session) return;
    for (const problem of session.problems()) {
      const line = problem.file ? `${relative(session.root, problem.file) || problem.file}: ${problem.message}` : problem.message;
      if (this.logged.has(line)) continue;
      this.logged.add(line);
      this.context.connection.console.warn(`seamlint: ${line}`);
    }
  }
}
