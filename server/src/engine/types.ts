// The data that flows between the engine's layers and out to the fronts.
// Positions inside the engine are 0-based character offsets into the file's text; paths are absolute.
// Each front converts to its own convention (LSP 0-based line/character, SARIF and stylish 1-based line/column).

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type FixKind = 'safe' | 'unsafe' | 'none';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  kind: 'safe' | 'unsafe';
  /** Edits keyed by absolute file path. A fix may create a file: its edits then start and end at 0. */
  edits: Record<string, TextEdit[]>;
}

export interface Location {
  file: string;
  start: number;
  end: number;
  message?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  start: number;
  end: number;
  message: string;
  related: Location[];
  fixes: Fix[];
  /** Stable identity across unrelated edits; filled in by the report layer. */
  fingerprint?: string;
  /** Set only when the file is not production code (reported because config `include` names it): 'test', 'tooling', 'client-app'. */
  role?: 'test' | 'tooling' | 'client-app';
}

/** A problem with the user's setup (config, tsconfig, unreadable file) rather than with their code. */
export interface SetupProblem {
  file?: string;
  message: string;
}
