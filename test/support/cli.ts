// Run the bundled CLI (dist/cli.js through bin/seamlint.js) as users do: a child process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'seamlint.js');

/** `npm test` builds first; a lone `vitest run` of one file builds here so it never tests a stale bundle silently. */
export function ensureBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'dist', 'cli.js')) && process.env.npm_lifecycle_event === 'test') return;
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'esbuild.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
