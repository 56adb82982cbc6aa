// The public shapes of an editor session. Paths are absolute; offsets 0-based, as everywhere in the engine.
import type { Timings } from '../analysis/timings.js';
import type { Rule } from '../rule-api.js';
import type { Finding } from '../types.js';
import type { ConfigOptions } from './config-state.js';
import type { CancellationToken } from './time-slice.js';

export interface SessionOptions extends ConfigOptions {
  /** The rules to run; default every registered lint rule. Tests inject their own (a rule that throws, say). */
  rules?: readonly Rule[];
  /** False in untrusted workspaces: the session never runs git (breaking-contract-change then has no base). */
  allowGit?: boolean;
}

export type FileEventType = 'created' | 'changed' | 'deleted';

export interface FileEvent {
  path: string;
  type: FileEventType;
}

export interface AnalysisProgress {
  phase: 'discovering' | 'reading' | 'linking' | 'checking';
  done: number;
  total: number;
}

export interface SessionAnalyzeOptions {
  /** Checked between files: a cancelled run keeps what it finished and leaves the rest for the next run. */
  token?: CancellationToken;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Filled with each rule's time when given (benchmarks, `SEAMLINT_TIMING`-style diagnosis). */
  timings?: Timings;
}

export interface SessionAnalysis {
  /** The run stopped early; `analyze` again finishes the rest. */
  cancelled: boolean;
  /** Files whose findings changed in this run (their `revisionOf` moved). */
  changed: string[];
  /** Files read and re-extracted. */
  extracted: number;
  /** Files whose rules ran. */
  checked: number;
  /** Some file's cross-file facts changed (or a file came or went), so every file was due for re-checking. */
  crossFileChange: boolean;
  /** Milliseconds the analysis took; `phases` splits it. */
  durationMs: number;
  phases: { setup: number; extract: number; link: number; check: number; finish: number };
  /** Findings of the files asked for (every file with findings when none were named). */
  findings: Map<string, readonly Finding[]>;
  /** No file is waiting to be read or re-checked: every file's findings are current. */
  complete: boolean;
}
