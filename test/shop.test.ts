// The bundled example system, through the real CLI: its findings must be exactly those in expected.json (a missing
// finding and an extra one both fail), and its SARIF must validate against the SARIF 2.1.0 schema.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintRules } from '../rules/index.js';
import { loadSarifValidator } from './support/sarif-validator.js';
import { ensureBuilt, REPO_ROOT, runCli } from './support/cli.js';

const SHOP = join(REPO_ROOT, 'test-fixtures', 'shop');

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

interface JsonReport {
  findings: Array<ExpectedFinding & { severity: string; message: string }>;
  services: Array<{ name: string }>;
}

describe('test-fixtures/shop', () => {
  let report: JsonReport;
  let exitCode: number | null;

  beforeAll(() => {
    ensureBuilt();
    const run = runCli(['check', SHOP, '--format', 'json'], { cwd: SHOP });
    exitCode = run.status;
    report = JSON.parse(run.stdout) as JsonReport;
  });

  it('reports exactly the findings listed in expected.json', () => {
    const expected = JSON.parse(readFileSync(join(SHOP, 'expected.json'), 'utf8')) as ExpectedFinding[];
    const implemented = new Set(lintRules.map((rule) => rule.id));
    const key = (f: ExpectedFinding) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;
    const actual = report.findings.map(key).sort();
    const wanted = expected.filter((f) => implemented.has(f.ruleId)).map(key).sort();
    expect(actual).toEqual(wanted);
  });

  it('finds the six services and exits 1 for its error-severity findings', () => {
    expect(report.services.map((s) => s.name).sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing']);
    expect(exitCode).toBe(1);
  });

  it('honours the suppression with a reason: no finding there and no suppression finding', () => {
    const script = report.findings.filter((f) => f.file === 'scripts/place-demo-order.ts');
    expect(script).toEqual([]);
    expect(report.findings.some((f) => f.ruleId === 'unused-suppression' || f.ruleId === 'suppression-needs-reason')).toBe(false);
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', () => {
    const run = runCli(['check', SHOP, '--format', 'sarif'], { cwd: SHOP });
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> };
    const validate = loadSarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results).toHaveLength(report.findings.length);
  });

  it('lists the same findings in every format', () => {
    const junit = runCli(['check', SHOP, '--format', 'junit'], { cwd: SHOP }).stdout;
    expect(junit.match(/<failure /g)?.length).toBe(report.findings.length);
    const github = runCli(['check', SHOP, '--format', 'github'], { cwd: SHOP }).stdout;
    expect(github.trim().split('\n').filter((l) => l.startsWith('::'))).toHaveLength(report.findings.length);
    const stylish = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'seamlint.js'), SHOP, '--no-color'], { cwd: SHOP, encoding: 'utf8' }).stdout;
    expect(stylish).toContain(`✖ ${report.findings.length} problems`);
  });
});
