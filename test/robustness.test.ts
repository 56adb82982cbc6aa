// Bad input never stops a run: each hostile file (test/support/hostile-files.ts) is skipped with a one-line reason or
// analyzed best-effort, and a normal file next to them still gets its findings — through the engine's API and through
// the real executable, which exits 0/1 (never 2: bad source files are not a usage error) and says what it skipped on
// stderr, one line each, with no stack trace. Files that vanish while a run reads them are skipped the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../rules/testing/rule-tester.js';
import { analyze, type AnalysisResult } from '../server/src/engine/analyze.js';
import { ensureBuilt, runCli, type CliRun } from './support/cli.js';
import { HOSTILE, HOSTILE_FINDING_LINES, writeHostileFiles } from './support/hostile-files.js';

const NORMAL = 'services/orders/src/normal.ts';
const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'seamlint-robust-'));
  roots.push(root);
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
    'services/orders/package.json': '{ "name": "@shop/orders" }',
    // Only a hardcoded endpoint: the call has a timeout and its response is not used.
    [NORMAL]: "export async function ping() {\n  await fetch('http://pricing:3000/ping', { signal: AbortSignal.timeout(1000) });\n}\n",
  });
  return root;
}

describe('a whole run among hostile files', () => {
  let root: string;
  let result: AnalysisResult;
  let cli: CliRun;
  let report: { findings: Array<{ ruleId: string; file: string; line: number }> };

  beforeAll(async () => {
    root = workspace();
    writeHostileFiles(root);
    result = await analyze({ paths: [root] });
    ensureBuilt();
    cli = runCli(['check', '--format', 'json'], { cwd: root });
    report = JSON.parse(cli.stdout);
  }, 120_000);

  const at = (relative: string) => join(root, relative);
  const problemOf = (relative: string) => result.problems.find((p) => p.file === at(relative))?.message;

  it('the normal file still gets its finding', () => {
    expect(result.findings.filter((f) => f.file === at(NORMAL)).map((f) => f.ruleId)).toEqual(['hardcoded-endpoint']);
    expect(report.findings.filter((f) => f.file === NORMAL).map((f) => `${f.ruleId}:${f.line}`)).toEqual(['hardcoded-endpoint:2']);
  });

  it('skips binary content and nesting deeper than the parser goes, saying why', () => {
    expect(problemOf(HOSTILE.binary)).toBe('skipped: binary content');
    expect(problemOf(HOSTILE.nested)).toBe('skipped: too deeply nested for the TypeScript parser');
  });

  it('analyzes a syntax error best-effort and a 5 MB generated module in full', () => {
    expect(problemOf(HOSTILE.syntaxError)).toBeUndefined();
    expect(result.findings.some((f) => f.file === at(HOSTILE.syntaxError) && f.ruleId === 'hardcoded-endpoint')).toBe(true);
    expect(problemOf(HOSTILE.generated)).toBeUndefined();
    expect(result.model.file(at(HOSTILE.generated))?.text.length).toBeGreaterThan(5_000_000);
  });

  it('reads non-UTF-8 bytes, a BOM and CRLF line endings, with findings on the right lines', () => {
    const lineOf = (relative: string) => report.findings.filter((f) => f.file === relative && f.ruleId === 'hardcoded-endpoint').map((f) => f.line);
    expect(lineOf(HOSTILE.latin1)).toEqual([HOSTILE_FINDING_LINES.latin1]);
    expect(lineOf(HOSTILE.bom)).toEqual([HOSTILE_FINDING_LINES.bom]);
    expect(lineOf(HOSTILE.crlf)).toEqual([HOSTILE_FINDING_LINES.crlf]);
  });

  it('goes on past a tsconfig whose extends is missing and a symlink loop', () => {
    expect(result.model.file(at(NORMAL))).toBeDefined();
    expect(result.model.files.size).toBeLessThan(20);
  });

  it('the CLI exits 0 (only warnings) and puts each skipped file on one stderr line, without a stack trace', () => {
    expect(cli.status).toBe(0);
    const lines = cli.stderr.trim().split('\n');
    // The run's summary line ends stderr; every line before it is one `seamlint: ` problem.
    const summary = lines.pop();
    expect(summary).toMatch(/^\d+ services? · \d+ edges? \(\d+ unresolved\) · \d+ files?$/);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/image\.ts.*skipped: binary content$/), expect.stringMatching(/deep\.ts.*too deeply nested/)]));
    expect(lines.every((line) => line.startsWith('seamlint: '))).toBe(true);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('files deleted while a run reads them', () => {
  it('are skipped, and the run finishes with the files that remain', async () => {
    const root = workspace();
    const churn = join(root, 'services/orders/src/churn');
    // A separate process creates and deletes files (and their folder) as fast as it can while the CLI runs.
    const script = `
      const fs = require('node:fs'), path = require('node:path');
      const dir = ${JSON.stringify(churn)};
      const stopAt = Date.now() + 60000;
      for (let round = 0; Date.now() < stopAt && !fs.existsSync(path.join(dir, '..', 'stop')); round++) {
        fs.mkdirSync(dir, { recursive: true });
        for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, 'f' + i + '.ts'), "export const f = () => fetch('http://billing:7000/" + i + "', { signal: AbortSignal.timeout(1) });\\n");
        for (let i = 0; i < 200; i += 2) fs.rmSync(path.join(dir, 'f' + i + '.ts'), { force: true });
        if (round % 3 === 2) fs.rmSync(dir, { recursive: true, force: true });
      }`;
    const churner = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    try {
      ensureBuilt();
      for (let run = 0; run < 5; run++) {
        const cli = runCli(['check', '--format', 'json', '--no-cache'], { cwd: root });
        expect([0, 1], cli.stderr).toContain(cli.status);
        const findings = (JSON.parse(cli.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings;
        expect(findings.filter((f) => f.file === NORMAL).map((f) => f.ruleId)).toEqual(['hardcoded-endpoint']);
        expect(cli.stderr).not.toMatch(/\n\s+at /);
        const result = await analyze({ paths: [root] });
        expect(result.findings.some((f) => f.file === join(root, NORMAL))).toBe(true);
      }
    } finally {
      churner.kill();
    }
  }, 120_000);
});
