import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../engine/types.js';
import { RULES } from './formats/test-data.js';
import { runWith, SAMPLE_SUMMARY_LINE, type StubResult } from './test-harness.js';

let root: string;
let app: string;
let worker: string;

const APP_TEXT = "const a = await fetch('http://inventory/items');\r\nconst b = await fetch('http://billing/x', { method: 'POST' });\r\n";
const WORKER_TEXT = "await fetch('http://inventory/stock');\n";

/**
 * A stand-in engine that really reads the files: every `fetch(…)` call without a signal is a missing-timeout warning with a
 * safe fix, and every POST an error with no fix. Re-running it after --fix shows whether the files on disk were fixed.
 */
function analyzeDisk(): StubResult {
  const texts = new Map<string, string>();
  const findings: Finding[] = [];
  for (const file of [app, worker]) {
    const text = fs.readFileSync(file, 'utf8');
    texts.set(file, text);
    for (const match of text.matchAll(/fetch\(('[^']*')(, \{[^}]*\})?\)/g)) {
      const start = match.index;
      const end = start + match[0].length;
      if (match[2]?.includes('POST')) {
        findings.push({ ruleId: 'cyclic-service-dependency', severity: 'error', file, start, end, message: 'a POST', related: [], fixes: [] });
        continue;
      }
      if (match[2]?.includes('signal')) continue;
      const insertAt = start + 'fetch('.length + match[1]!.length;
      findings.push({
        ruleId: 'missing-timeout',
        severity: 'warning',
        file,
        start,
        end,
        message: 'no timeout',
        related: [],
        fixes: [{ title: 'Add a timeout', kind: 'safe', edits: { [file]: [{ start: insertAt, end: insertAt, newText: ', { signal: AbortSignal.timeout(10000) }' }] } }],
      });
    }
  }
  return { root, findings, rules: RULES, services: [], texts };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'seamlint-fix-'));
  app = path.join(root, 'src/app.ts');
  worker = path.join(root, 'src/worker.ts');
  fs.mkdirSync(path.dirname(app), { recursive: true });
  fs.writeFileSync(app, APP_TEXT);
  fs.writeFileSync(worker, WORKER_TEXT);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('--fix', () => {
  it('writes the safe fixes, re-analyzes, and reports only what remains', async () => {
    const run = await runWith(['--fix', '--format', 'json'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(fs.readFileSync(app, 'utf8')).toBe(
      "const a = await fetch('http://inventory/items', { signal: AbortSignal.timeout(10000) });\r\nconst b = await fetch('http://billing/x', { method: 'POST' });\r\n",
    );
    expect(fs.readFileSync(worker, 'utf8')).toBe("await fetch('http://inventory/stock', { signal: AbortSignal.timeout(10000) });\n");
    expect(run.analyzeCalls).toHaveLength(2);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((finding: { ruleId: string; line: number }) => [finding.ruleId, finding.line])).toEqual([['cyclic-service-dependency', 2]]);
    expect(run.stderr).toBe(`Fixed 2 problems in 2 files.\n${SAMPLE_SUMMARY_LINE}`);
    expect(run.code).toBe(1);
  });

  it('leaves files alone and analyzes once when nothing is fixable', async () => {
    fs.writeFileSync(worker, "await fetch('http://inventory/stock', { signal });\n");
    fs.writeFileSync(app, "await fetch('http://billing/x', { method: 'POST' });\n");
    const before = fs.statSync(worker).mtimeMs;
    const run = await runWith(['--fix'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(run.analyzeCalls).toHaveLength(1);
    expect(fs.statSync(worker).mtimeMs).toBe(before);
    expect(run.stderr).toBe(SAMPLE_SUMMARY_LINE);
  });

  it('fixes only errors under --quiet', async () => {
    const run = await runWith(['--fix', '--quiet'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(fs.readFileSync(worker, 'utf8')).toBe(WORKER_TEXT);
    expect(run.analyzeCalls).toHaveLength(1);
  });

  it('updates the baseline only on the run after fixing', async () => {
    const run = await runWith(['--fix', '--baseline', 'b.json', '--update-baseline'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(run.analyzeCalls.map((call) => call.updateBaseline)).toEqual([false, true]);
  });
});

describe('--fix-dry-run', () => {
  it('prints the unified diff, writes nothing, and exits as --fix would', async () => {
    const run = await runWith(['--fix-dry-run'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(fs.readFileSync(app, 'utf8')).toBe(APP_TEXT);
    expect(fs.readFileSync(worker, 'utf8')).toBe(WORKER_TEXT);
    expect(run.stdout).toBe(
      [
        '--- a/src/app.ts',
        '+++ b/src/app.ts',
        '@@ -1,2 +1,2 @@',
        "-const a = await fetch('http://inventory/items');\r",
        "+const a = await fetch('http://inventory/items', { signal: AbortSignal.timeout(10000) });\r",
        " const b = await fetch('http://billing/x', { method: 'POST' });\r",
        '--- a/src/worker.ts',
        '+++ b/src/worker.ts',
        '@@ -1,1 +1,1 @@',
        "-await fetch('http://inventory/stock');",
        "+await fetch('http://inventory/stock', { signal: AbortSignal.timeout(10000) });",
        '',
      ].join('\n'),
    );
    expect(run.analyzeCalls).toHaveLength(1);
    // The POST error has no fix, so it would remain.
    expect(run.code).toBe(1);
  });

  it('says so when there is nothing to fix', async () => {
    fs.writeFileSync(worker, '');
    fs.writeFileSync(app, "await fetch('http://billing/x', { method: 'POST' });\n");
    const run = await runWith(['--fix-dry-run'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: `No safe fixes to apply.\n${SAMPLE_SUMMARY_LINE}` });
  });

  it('exits 0 when the fixes would leave only what --max-warnings allows', async () => {
    fs.writeFileSync(app, "await fetch('http://inventory/items');\n");
    const run = await runWith(['--fix-dry-run', '--max-warnings', '0'], { result: () => analyzeDisk(), io: { cwd: root } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+++ b/src/app.ts');
  });
});
