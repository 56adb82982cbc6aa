// Runs the CLI in-process with captured streams and a stub engine, for the CLI tests.
import type { CliAnalysisResult, CliAnalyzeOptions, CliDeps, CliIO } from './cli-context.js';
import { RULES, sampleResult } from './formats/test-data.js';
import { runCli } from './run.js';

export class StubSetupError extends Error {}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every options object the stub analyze was called with. */
  analyzeCalls: CliAnalyzeOptions[];
}

export async function runWith(
  argv: string[],
  options: { result?: CliAnalysisResult | ((call: number) => CliAnalysisResult); deps?: Partial<CliDeps>; io?: Partial<CliIO> } = {},
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
      return typeof result === 'function' ? result(analyzeCalls.length) : result;
    },
    rules: RULES,
    readRuleDocs: (id) => (id === 'missing-timeout' ? '# missing-timeout\n\nRemote calls need a `timeout`.\n' : undefined),
    init: async (root) => ({ path: `${root}/seamlint.config.json`, text: '{ "services": {} }\n' }),
    isSetupError: (error) => error instanceof StubSetupError,
    version: '1.2.3',
    ...options.deps,
  };
  const code = await runCli(argv, io, deps);
  return { code, stdout, stderr, analyzeCalls };
}
