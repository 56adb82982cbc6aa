// `seamlint --fix` on a copy of the example system: every safe fix is applied, nothing safe-fixable remains, and the
// fixed system still type-checks with tsc.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, REPO_ROOT, runCli } from './support/cli.js';

// Inside the repository (git-ignored), so the copy resolves the fixture's libraries from the root node_modules.
const scratch = join(REPO_ROOT, '.seamlint-tmp');
let copy: string;

beforeAll(() => {
  ensureBuilt();
  mkdirSync(scratch, { recursive: true });
  copy = mkdtempSync(join(scratch, 'shop-fix-'));
  cpSync(join(REPO_ROOT, 'test-fixtures', 'shop'), copy, { recursive: true });
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

interface Report {
  findings: Array<{ ruleId: string; fixable: string; file: string; line: number }>;
}

it('applies every safe fix, and the result type-checks', () => {
  const before = JSON.parse(runCli(['check', copy, '--format', 'json'], { cwd: copy }).stdout) as Report;
  const safe = before.findings.filter((f) => f.fixable === 'safe');
  expect(safe.length).toBeGreaterThan(0);

  const fix = runCli(['check', copy, '--fix', '--format', 'json'], { cwd: copy });
  expect([0, 1]).toContain(fix.status);
  const after = JSON.parse(fix.stdout) as Report;
  expect(after.findings.filter((f) => f.fixable === 'safe')).toEqual([]);
  expect(after.findings.length).toBe(before.findings.length - safe.length);

  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(copy, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
