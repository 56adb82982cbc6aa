// What every command writes the same way: setup problems as one warning line each on stderr, and its report to stdout
// or to the `--output` file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SetupProblem } from '../engine/types.js';
import type { CliIO } from './cli-context.js';

/** Setup problems (a tsconfig that failed to load, a skipped file) never fail the run, but the user should know. */
export function writeSetupProblems(io: CliIO, problems: readonly SetupProblem[] | undefined): void {
  for (const problem of problems ?? []) {
    const where = problem.file ? `${path.relative(io.cwd, problem.file) || problem.file}: ` : '';
    io.stderr.write(`seamlint: warning: ${where}${problem.message.replace(/\s*\r?\n\s*/g, ' ')}\n`);
  }
}

/** The report to stdout, or to `output` (relative to the working folder, its folders created). */
export function writeOutput(io: CliIO, output: string | undefined, text: string): void {
  if (output === undefined) {
    if (text) io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, output);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}
