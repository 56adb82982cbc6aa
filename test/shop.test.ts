// The bundled example system, through the real CLI: its findings must be exactly those in expected.json (a missing
// finding and an extra one both fail), and its SARIF must validate against the SARIF 2.1.0 schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintRules } from '../rules/index.js';
import { loadSarifValidator } from './support/sarif-validator.js';
import { removeShopCopies, shopCopy } from './support/shop-copies.js';
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
  afterAll(removeShopCopies);

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

  it('reports nothing in tooling code (scripts/) by default', () => {
    expect(report.findings.filter((f) => f.file.startsWith('scripts/'))).toEqual([]);
  });

  it('reports in scripts/ when config include names it, and there honours the suppression with a reason', () => {
    const folder = mkdtempSync(join(tmpdir(), 'seamlint-shop-config-'));
    const config = join(folder, 'seamlint.config.json');
    writeFileSync(config, JSON.stringify({ include: ['scripts/**'] }));
    const withScripts = JSON.parse(runCli(['check', SHOP, '--format', 'json', '--config', config], { cwd: SHOP }).stdout) as JsonReport;
    const script = withScripts.findings.filter((f) => f.file === 'scripts/place-demo-order.ts');
    // The suppressed hardcoded endpoint is the script's only smell: with the comment removed it would be reported.
    expect(script).toEqual([]);
    expect(withScripts.findings.some((f) => f.ruleId === 'unused-suppression' || f.ruleId === 'suppression-needs-reason')).toBe(false);
    expect(withScripts.findings.length).toBe(report.findings.length);

    // The same script without the comment: the endpoint is reported, so the comment above is what kept it quiet.
    const copy = shopCopy('seamlint-shop-include-');
    const scriptPath = join(copy, 'scripts/place-demo-order.ts');
    writeFileSync(scriptPath, readFileSync(scriptPath, 'utf8').replace(/^\/\/ seamlint-disable-next-line.*\n/m, ''));
    const unsuppressed = JSON.parse(runCli(['check', copy, '--format', 'json', '--no-cache', '--config', config], { cwd: copy }).stdout) as JsonReport;
    expect(unsuppressed.findings.filter((f) => f.file === 'scripts/place-demo-order.ts').map((f) => f.ruleId)).toEqual(['hardcoded-endpoint']);
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
