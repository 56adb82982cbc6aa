// What the CLI needs from the outside world, injected so tests run it in-process with fake streams and a stub engine.
import type { AnalyzeOptions } from '../engine/analyze.js';
import type { RunSummary } from '../engine/analysis/run-summary.js';
import type { PackageNode, ServiceNode } from '../engine/model/types.js';
import type { RuleMeta } from '../engine/rule-api.js';
import type { SetupProblem } from '../engine/types.js';
import type { ReportInput } from './formats/types.js';
import type { GraphSource } from './graph/view.js';

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whether stdout is a terminal: decides colour and code-frame styling. */
  isTTY: boolean;
  /** Whether stderr is a terminal: progress messages are shown only then. */
  stderrIsTTY?: boolean;
  /** Absolute directory that relative paths on the command line are resolved against. */
  cwd: string;
  /** Environment (NO_COLOR); defaults to none set. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `--base` is not yet part of the engine's AnalyzeOptions; the CLI passes it through for when it is. */
export type CliAnalyzeOptions = AnalyzeOptions & { base?: string };

/** The part of the engine's AnalysisResult the CLI reads, so tests can hand-build one without a system model. */
export type CliAnalysisResult = ReportInput & {
  /** Problems with the user's setup (unreadable files, broken tsconfigs): shown on stderr, never fatal. */
  problems?: readonly SetupProblem[];
  /** What the run saw, for the last line on stderr. */
  summary: RunSummary;
};

/** What `graph` asks the engine for: the workspace containing the paths, with the config. */
export type CliGraphOptions = Pick<AnalyzeOptions, 'paths' | 'configPath' | 'onProgress'>;

/** The engine's service graph, its workspace root and an offset → line/column lookup for the files it names. */
export type CliGraphSource = GraphSource & { problems?: readonly SetupProblem[]; summary: RunSummary };

/** The graph with what `services` adds: the evidence for each service, and the packages that are not services. */
export type CliServicesSource = CliGraphSource & {
  services: ReadonlyArray<Pick<ServiceNode, 'name' | 'root' | 'packageName' | 'reasons'>>;
  packages: readonly PackageNode[];
};

export interface InitOutcome {
  /** Absolute path of the config file written. */
  path: string;
  /** The text written to it. */
  text: string;
}

export interface CliDeps {
  analyze(options: CliAnalyzeOptions): Promise<CliAnalysisResult>;
  /** Every registered rule, for `rules`, `explain` and validating `--rule`. */
  rules: readonly RuleMeta[];
  /** The rule's documentation markdown, or undefined when no docs file ships. */
  readRuleDocs(ruleId: string): string | undefined;
  /** The service graph of the workspace, for `graph`. Optional only until every test double supplies one. */
  graph?(options: CliGraphOptions): Promise<CliGraphSource>;
  /** The services with their evidence, endpoints and edges, for `services` (the model only; no rule runs). */
  services(options: CliGraphOptions): Promise<CliServicesSource>;
  /** Detects the services under `root` and writes seamlint.config.json. */
  init(root: string): Promise<InitOutcome>;
  /** True for the engine's SeamlintError: a usage or config problem reported in one line, not an internal error. */
  isSetupError(error: unknown): boolean;
  /** seamlint's own version (package.json). */
  version: string;
}
