import type { AnalysisResult } from '../../engine/analyze.js';

/** What a format reads from the engine's result (tests build it by hand, without a system model). */
export type ReportInput = Pick<AnalysisResult, 'root' | 'findings' | 'rules' | 'services' | 'texts'>;

export interface FormatOptions {
  /** ANSI colour (stylish only; machine formats never colour). */
  color: boolean;
  /** Where the user runs seamlint: stylish and github show paths relative to it. */
  cwd: string;
  /** seamlint's version, for SARIF's tool.driver.version. */
  toolVersion: string;
  /** --quiet: the result holds only errors; stylish then stays silent when there are none. */
  quiet?: boolean;
}

/** Each output format is a pure function of the result: no I/O, no clock, so its output is testable exactly. */
export type Formatter = (result: ReportInput, options: FormatOptions) => string;

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
