// When analysis runs. Typing schedules a whole-workspace run after a short quiet period, and every new change cancels
// the run in flight (it stops at the next file and keeps what it finished). Requests that need one file now (a
// diagnostic pull, a code action) check just that file at once; the scheduled run catches up with the rest.
import type { AnalysisProgress, SessionAnalysis, WorkspaceSession } from '../engine/session/index.js';
import type { CancellationToken } from '../engine/session/index.js';

export const TYPING_DEBOUNCE_MS = 150;

export interface SchedulerEvents {
  /** After every run; `paths` is what a focused run was for (undefined: the whole workspace). */
  analyzed(result: SessionAnalysis, paths?: readonly string[]): void;
  started(): void;
  failed(error: unknown): void;
  progress?(progress: AnalysisProgress): void;
}

export class AnalysisScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** Files just edited: the next run checks them first and reports them before the rest of the workspace. */
  private readonly edited = new Set<string>();
  private inFlight: { isCancellationRequested: boolean } | undefined;
  private disposed = false;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly events: SchedulerEvents,
  ) {}

  /** A whole-workspace run after `delayMs` of quiet; cancels the run in flight, which this one supersedes. */
  schedule(delayMs = TYPING_DEBOUNCE_MS, editedPath?: string): void {
    if (this.disposed) return;
    if (editedPath) this.edited.add(editedPath);
    if (this.inFlight) this.inFlight.isCancellationRequested = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runAll();
    }, delayMs);
  }

  /** A whole-workspace run now. */
  async runAll(onProgress?: (progress: AnalysisProgress) => void): Promise<SessionAnalysis | undefined> {
    const token = { isCancellationRequested: false };
    this.inFlight = token;
    this.events.started();
    try {
      const edited = [...this.edited];
      this.edited.clear();
      if (edited.length > 0) {
        const first = await this.session.analyze(edited, { token });
        this.events.analyzed(first);
        if (first.cancelled) {
          for (const path of edited) this.edited.add(path);
          return first;
        }
      }
      const result = await this.session.analyze(undefined, { token, onProgress: onProgress ?? this.events.progress });
      this.events.analyzed(result);
      // Changes that arrived while it ran (and did not cancel it: file events, settings) still need a run.
      if (!result.cancelled && !result.complete && !this.timer) this.schedule(0);
      return result;
    } catch (error) {
      this.events.failed(error);
      return undefined;
    } finally {
      if (this.inFlight === token) this.inFlight = undefined;
    }
  }

  /** Brings the findings of `paths` up to date now (other files stay due for the scheduled run). */
  async ensureFresh(paths: readonly string[], token?: CancellationToken): Promise<void> {
    try {
      const result = await this.session.analyze(paths, token ? { token } : {});
      this.events.analyzed(result, paths);
    } catch (error) {
      this.events.failed(error);
    }
    if (!this.session.isCurrent() && !this.timer && !this.inFlight) this.schedule();
  }

  get busy(): boolean {
    return this.inFlight !== undefined || this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.inFlight) this.inFlight.isCancellationRequested = true;
  }
}
