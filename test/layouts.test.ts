// Real repository layouts, through the real CLI. Each fixture under test-fixtures/layouts/ reproduces one way real
// monorepos declare (or never declare) their services; its README says which folders are services. The test checks
// what seamlint finds against that SPEC (architecture.md "Finding the services", rules.md "Vocabulary"), not against
// what it happens to output, and that smells seeded in test, tooling and client-app code are not reported by default
// while the same smells are reported when config `include` names those files, and in production code.
//
// Each fixture runs from a copy that is a repository of its own (a `.git` at its top), inside the git-ignored
// `.seamlint-tmp/` so that its imports still resolve to this repository's node_modules: a layout without a workspace
// manifest takes the repository root as its workspace root, and in place that would be seamlint's own repository.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO_ROOT, runCli, type CliRun } from './support/cli.js';

const LAYOUTS = join(REPO_ROOT, 'test-fixtures', 'layouts');

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

interface JsonReport {
  root: string;
  services: Array<{ name: string; root: string }>;
  findings: JsonFinding[];
}

interface Layout {
  fixture: string;
  /** The services the README names: service name → root, relative to the fixture. */
  services: Record<string, string>;
  /**
   * Test, tooling and client-app files holding a smell that production code would be reported for (a hard-coded
   * internal URL, a call without a timeout): nothing may be reported in them by default, and something must be when
   * config `include` names them.
   */
  seeded: string[];
}

const LAYOUT_CASES: Layout[] = [
  {
    fixture: 'workspace-less',
    services: { gateway: 'gateway', orders: 'orders', users: 'users' },
    seeded: ['gateway/test/app.e2e-spec.ts', 'orders/src/orders.service.spec.ts', 'scripts/seed.ts', 'client/src/app/page.tsx'],
  },
  {
    fixture: 'microservices-k8s',
    services: { billing: 'microservices/billing', shipping: 'microservices/shipping' },
    seeded: ['microservices/billing/src/__tests__/invoices.test.ts', 'scripts/smoke.ts'],
  },
  {
    fixture: 'helper-started',
    // api-gateway (startServer) and indexer (startConsumer) have no evidence but the helper call; catalog and search
    // also sit in services/. commons re-exports the helpers from its index: that is no call.
    services: { 'api-gateway': 'api-gateway', catalog: 'services/catalog', indexer: 'workers/indexer', search: 'services/search' },
    seeded: ['services/search/src/search.spec.ts', 'scripts/reindex.ts'],
  },
  {
    fixture: 'nx-image-names',
    services: { api: 'apps/api', worker: 'apps/worker' },
    // reports-api.ts is test code only because its Nx project is an e2e project: its path alone says nothing.
    seeded: ['apps/api-e2e/src/support/reports-api.ts', 'tools/scripts/seed-jobs.ts', 'apps/dashboard/src/app/app.tsx'],
  },
  {
    fixture: 'path-only-libraries',
    services: { orders: 'apps/orders', payments: 'apps/payments' },
    seeded: ['apps/orders/test/app.e2e-spec.ts', 'apps/orders/src/orders.service.spec.ts', 'scripts/seed.ts'],
  },
];

/** Test code and tooling by path alone (rules.md "Code roles"): whatever the fixture, nothing is reported there by default. */
const TEST_OR_TOOLING_PATH =
  /(?:^|\/)(?:test|tests|__tests__|__mocks__|e2e|fixtures|scripts|tools|migrations|seeds?)\/|\.(?:spec|test|e2e-spec|e2e)\.[cm]?[jt]sx?$|(?:^|\/)[^/]*-e2e\//;

const scratch: string[] = [];

/** A copy of the fixture that is a repository of its own, where node resolution still reaches this repository's node_modules. */
function repositoryCopy(fixture: string): string {
  const parent = join(REPO_ROOT, '.seamlint-tmp');
  mkdirSync(parent, { recursive: true });
  const copy = mkdtempSync(join(parent, `layouts-${fixture}-`));
  scratch.push(copy);
  cpSync(join(LAYOUTS, fixture), copy, { recursive: true });
  const init = spawnSync('git', ['init', '-q'], { cwd: copy, encoding: 'utf8' });
  if (init.status !== 0) mkdirSync(join(copy, '.git'));
  return copy;
}

function parseReport(run: CliRun): JsonReport {
  if (run.status !== 0 && run.status !== 1) throw new Error(`seamlint check exited ${run.status}:\n${run.stderr}\n${run.stdout.slice(0, 2000)}`);
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`seamlint check printed no JSON report:\n${run.stderr}\n${run.stdout.slice(0, 2000)}`);
  }
}

/** A path of the report (relative to its root, or absolute) as a path relative to the fixture, with forward slashes. */
function fixturePath(copy: string, report: JsonReport, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(copy, report.root, path);
  return relative(copy, absolute).split(sep).join('/');
}

function check(copy: string, extraArgs: string[] = []): JsonReport {
  const report = parseReport(runCli(['check', copy, '--format', 'json', '--no-cache', ...extraArgs], { cwd: copy }));
  return {
    root: relative(copy, resolve(copy, report.root)).split(sep).join('/') || '.',
    services: report.services.map((service) => ({ name: service.name, root: fixturePath(copy, report, service.root) })),
    findings: report.findings.map((finding) => ({ ...finding, file: fixturePath(copy, report, finding.file) })),
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const where = (findings: JsonFinding[]) => findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);

/** The 1-based line of the first occurrence of `text` in a fixture file. */
function lineOf(fixture: string, file: string, text: string): number {
  const lines = readFileSync(join(LAYOUTS, fixture, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`'${text}' not found in ${fixture}/${file}`);
  return index + 1;
}

const analyses = new Map<string, { copy: string; report: JsonReport }>();

/** The fixture's copy and its default report, analyzed once per fixture for all the tests that read it. */
function analyzed(fixture: string): { copy: string; report: JsonReport } {
  let analysis = analyses.get(fixture);
  if (!analysis) {
    const copy = repositoryCopy(fixture);
    analysis = { copy, report: check(copy) };
    analyses.set(fixture, analysis);
  }
  return analysis;
}

beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.each(LAYOUT_CASES.map((layout) => [layout.fixture, layout] as const))('test-fixtures/layouts/%s', (_fixture, layout) => {
  let copy: string;
  let report: JsonReport;

  beforeAll(() => {
    ({ copy, report } = analyzed(layout.fixture));
  });

  it('analyzes the fixture as its own workspace', () => {
    expect(report.root).toBe('.');
  });

  it('finds exactly the services its README names', () => {
    const expected = Object.entries(layout.services)
      .map(([name, root]) => ({ name, root }))
      .sort(byName);
    expect([...report.services].sort(byName)).toEqual(expected);
  });

  it('reports nothing in test, tooling or client-app code by default', () => {
    for (const file of layout.seeded) expect(existsSync(join(LAYOUTS, layout.fixture, file)), file).toBe(true);
    const misplaced = report.findings.filter((f) => TEST_OR_TOOLING_PATH.test(f.file) || layout.seeded.includes(f.file));
    expect(where(misplaced)).toEqual([]);
  });

  it('reports the seeded smells when config include names those files', () => {
    const configFolder = mkdtempSync(join(tmpdir(), 'seamlint-layouts-config-'));
    scratch.push(configFolder);
    const config = join(configFolder, 'seamlint.config.json');
    writeFileSync(config, JSON.stringify({ include: layout.seeded }));
    const included = check(copy, ['--config', config]);
    const silent = layout.seeded.filter((file) => !included.findings.some((f) => f.file === file));
    expect(silent).toEqual([]);
  });
});

describe('the same smell in production code (test-fixtures/layouts/workspace-less)', () => {
  const fixture = 'workspace-less';
  let report: JsonReport;

  beforeAll(() => {
    ({ report } = analyzed(fixture));
  });

  it('is reported in a gateway route handler: hard-coded orders URL and no timeout', () => {
    const file = 'gateway/src/routes/orders.ts';
    const line = lineOf(fixture, file, 'fetch(`http://orders:3000/orders/');
    const here = report.findings.filter((f) => f.file === file && f.line === line).map((f) => f.ruleId);
    expect(here).toContain('hardcoded-endpoint');
    expect(here).toContain('missing-timeout');
  });

  it('is not reported in its clean look-alike (URL from the environment with a default, AbortSignal.timeout, status checked)', () => {
    expect(where(report.findings.filter((f) => f.file === 'gateway/src/routes/users.ts'))).toEqual([]);
  });
});
