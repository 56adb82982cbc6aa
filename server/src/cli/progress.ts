// Progress on stderr, per interfaces.md: only when stderr is a terminal and the run has taken longer than a second,
// so quick runs and CI logs stay clean.
import type { OutputStream } from './cli-context.js';

const CLEAR_LINE = '\r\x1b[2K';
const QUIET_PERIOD_MS = 1000;
const MAX_WIDTH = 100;

export interface Progress {
  report(message: string): void;
  /** Erases the progress line before the real output is written. */
  done(): void;
}

export function createProgress(stream: OutputStream, enabled: boolean, now: () => number = Date.now): Progress {
  const startedAt = now();
  let shown = false;
  return {
    report(message) {
      if (!enabled || now() - startedAt < QUIET_PERIOD_MS) return;
      const line = message.replace(/\s+/g, ' ');
      stream.write(`${CLEAR_LINE}${line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH - 1)}…` : line}`);
      shown = true;
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}
