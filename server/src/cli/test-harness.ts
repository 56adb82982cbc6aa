// Runs the CLI in-process with captured streams and a stub engine, for the CLI tests.
import type { RunSummary } from '../engine/analysis/run-summary.js';
import type { CliAnalysisResult, CliAnalyzeOptions, CliDeps, CliIO } from './cli-context.js';
import { RULES, sampleResult } from './formats/test-data.js';
import { runCli } from './run.js';
import { smallServices } from './services/test-data.js';

export class StubSetupError extends Error {}

/** What the stub engine reports for sampleResult(): its two services and three files. */
export const SAMPLE_SUMMARY: RunSummary = { services: 2, edges: 1, unresolved: 0, files: 3 };
/** The stderr line a check of sampleResult() ends with. */
export const SAMPLE_SUMMARY_LINE = '2 services · 1 edge (0 unresolved) · 3 files\n';

/** A stub result; without a summary it gets SAMPLE_SUMMARY, so format-level test data serves as it is. */
export type StubResult = Omit<CliAnalysisResult, 'summary'> & { summary?: RunSummary };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every options object the stub analyze was called with. */
  analyzeCalls: CliAnalyzeOptions[];
}

export async function runWith(
  argv: string[],
  options: { result?: StubResult | ((call: number) => StubResult); deps?: Partial<CliDeps>; io?: Partial<CliIO> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const analyzeCalls: CliAnalyzeOptions[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    cwd: sampleResult().root,
    ...options.io,
  };
  const result = options.result ?? sampleResult();
  const deps: CliDeps = {
    analyze: async (analyzeOptions) => {
      analyzeCalls.push(analyzeOptions);
      const stub = typeof result === 'function' ? result(analyzeCalls.length) : result;
      return { summary: SAMPLE_SUMMARY, ...stub };
    },
    rules: RULES,
    readRuleDocs: (id) => (id === 'missing-timeout' ? '# missing-timeout\n\nRemote calls need a `timeout`.\n' : undefined),
    services: async () => smallServices(),
    init: async (root) => ({ path: `${root}/seamlint.config.json`, text: '{ "services": {} }\n' }),
    isSetupError: (error) => error instanceof StubSetupError,
    version: '1.2.3',
    ...options.deps,
  };
  const code = await runCli(argv, io, deps);
  return { code, stdout, stderr, analyzeCalls };
}
