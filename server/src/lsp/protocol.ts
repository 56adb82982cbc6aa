// seamlint's additions to LSP: custom methods, their payloads, settings and initialization options. Plain types and
// string constants only (no runtime dependency), so the VS Code client can import them too. README.md describes them.
import type { GraphJson } from '../cli/graph/view.js';

/** Server → client notification, after every analysis and whenever the server's state changes. */
export const STATUS_NOTIFICATION = 'seamlint/status';
/** Client → server request: the service graph of the workspace as JSON and as the self-contained HTML page. */
export const SERVICE_GRAPH_REQUEST = 'seamlint/serviceGraph';
/** Client → server request: discover the workspace again, re-read every file from disk, re-check everything. */
export const ANALYZE_WORKSPACE_REQUEST = 'seamlint/analyzeWorkspace';
/** Server command (workspace/executeCommand), arguments `[ruleId]`: opens the rule's documentation (window/showDocument). */
export const OPEN_RULE_DOCS_COMMAND = 'seamlint.server.openRuleDocs';

/** The source of every diagnostic and the suffix of the fix-all code action kind. */
export const SOURCE = 'seamlint';
export const FIX_ALL_KIND = 'source.fixAll.seamlint';

export type RunMode = 'onType' | 'onSave';
export type SeveritySetting = 'error' | 'warning' | 'info' | 'off';

/** The `seamlint` settings section (workspace/configuration, didChangeConfiguration, or initializationOptions.settings). */
export interface SeamlintSettings {
  /** false: no analysis and no diagnostics. Default true. */
  enable: boolean;
  /** Analyze as you type (unsaved text counts) or only what is saved. Default 'onType'. */
  run: RunMode;
  /** Severity overrides by rule id, applied over seamlint.config.json. */
  rules: Record<string, SeveritySetting>;
  /** Config file to use instead of <root>/seamlint.config.json (relative to the workspace root, or absolute). */
  configPath: string | null;
  /** Git ref contracts are compared with; overrides the config's `base`. */
  base: string | null;
  /**
   * false in an untrusted workspace: the server never runs git there (a repository's git config can run programs), so
   * rules that need git are off. Default true.
   */
  allowGit: boolean;
}

export interface InitializationOptions {
  /** Settings for clients that answer no workspace/configuration request (Neovim without a handler, test clients). */
  settings?: Partial<SeamlintSettings>;
  /**
   * Client command ids the server may put in code actions and code lenses. Without `explainRule` the "Show
   * documentation" action uses the server command OPEN_RULE_DOCS_COMMAND; without `showLocations` code lenses carry
   * no command (title only).
   */
  commands?: {
    /** Called with `[ruleId]`. */
    explainRule?: string;
    /** Called with `[uri: string, position: Position, locations: Location[]]` (editor.action.showReferences's shape, as JSON). */
    showLocations?: string;
  };
}

export type ServerState = 'starting' | 'analyzing' | 'ready' | 'disabled' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Absolute path of the workspace root; absent until a folder or file is open. */
  root?: string;
  services: Array<{ name: string; /** relative to the root, forward slashes */ root: string }>;
  /** Source files analyzed. */
  files: number;
  /** Findings in the whole workspace (after severities and suppressions). */
  findings: number;
  lastAnalysis?: {
    /** ISO 8601 time the analysis finished. */
    finishedAt: string;
    durationMs: number;
    /** Files re-read and files re-checked in that run. */
    extracted: number;
    checked: number;
  };
  /** The first problem with seamlint.config.json, when there is one (defaults apply meanwhile). */
  configError?: { file: string; message: string };
  /** Setup problems: skipped files (huge, binary, too deeply nested), rules that failed, broken manifests. */
  problems: Array<{ file?: string; message: string }>;
  /** Internal errors the server recovered from (most recent last, at most 20). */
  errors: string[];
}

export interface ServiceGraphParams {
  /** For a webview's Content-Security-Policy: the page's style and script carry this nonce. */
  cspNonce?: string;
}

export interface ServiceGraphResult {
  /** Absolute path of the workspace root: the graph's file paths are relative to it. */
  root: string;
  rootUri: string;
  /** `seamlint graph --format json`. */
  graph: GraphJson;
  /**
   * `seamlint graph --format html`. Inside a VS Code webview (acquireVsCodeApi present) clicking a location posts
   * `{ type: 'open', file: <relative to root>, line: <1-based> }` to the extension.
   */
  html: string;
}

/** `Diagnostic.data` of seamlint's diagnostics: the finding they come from (offsets into the analyzed text). */
export interface DiagnosticData {
  ruleId: string;
  start: number;
  end: number;
  /** The finding's best fix: 'safe' ones are what fix-all applies. */
  fixable: 'safe' | 'unsafe' | 'none';
}
