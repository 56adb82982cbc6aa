// breaking-contract-change against real git repositories created here: a two-service system is committed, changed in the
// working tree, and analyzed with a base ref; and every way of having no base (no repository, an unknown ref, a shallow
// clone without the base, git disabled) gives one notice while the rest of the run goes on.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles, type Files } from '../rules/testing/rule-tester.js';
import { analyze, type AnalysisResult } from '../server/src/engine/analyze.js';
import { WorkspaceSession } from '../server/src/engine/session/index.js';
import { ensureBuilt, REPO_ROOT, runCli } from './support/cli.js';

// Inside the repository (git-ignored), so the systems resolve express, axios and their types from the root node_modules.
const scratch = join(REPO_ROOT, '.seamlint-tmp');
const temps: string[] = [];
const RULE = 'breaking-contract-change';

function tempFolder(prefix: string, parent = scratch): string {
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(join(parent, prefix));
  temps.push(folder);
  return folder;
}

function git(cwd: string, ...args: string[]): string {
  const identity = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...identity } }).trim();
}

function commitAll(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

function edit(root: string, path: string, from: string | RegExp, to: string): void {
  const file = join(root, path);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  expect(after, `edit of ${path}`).not.toBe(before);
  writeFileSync(file, after);
}

const system: Files = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['services/*', 'packages/*'] }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, paths: { '@acme/contracts': ['./packages/contracts/src/index.ts'] } },
  }),
  'docker-compose.yml': 'services:\n  gateway:\n    build: ./services/gateway\n    environment:\n      ORDERS_URL: http://orders:3000\n  orders:\n    build: ./services/orders\n',
  'packages/contracts/package.json': JSON.stringify({ name: '@acme/contracts', version: '1.0.0' }),
  'packages/contracts/src/index.ts': [
    "export type OrderStatus = 'pending' | 'paid' | 'cancelled';",
    '',
    'export interface OrderDto {',
    '  id: string;',
    '  status: OrderStatus;',
    '  totalCents: number;',
    '  note: string;',
    '}',
    '',
    'export interface CreateOrderRequest {',
    '  customerId: string;',
    '  couponCode?: string;',
    '}',
    '',
  ].join('\n'),
  'services/orders/package.json': JSON.stringify({ name: '@acme/orders', version: '1.0.0' }),
  'services/orders/src/main.ts': [
    "import express from 'express';",
    "import type { OrderDto } from '@acme/contracts';",
    '',
    'const app = express();',
    "app.get('/orders/:id', (req, res) => {",
    "  const order: OrderDto = { id: req.params.id, status: 'pending', totalCents: 0, note: '' };",
    '  res.json(order);',
    '});',
    "app.post('/orders', (_req, res) => {",
    '  res.status(201).json({});',
    '});',
    "app.delete('/orders/:id', (_req, res) => {",
    '  res.sendStatus(204);',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
  'services/gateway/package.json': JSON.stringify({ name: '@acme/gateway', version: '1.0.0' }),
  'services/gateway/src/main.ts': [
    "import axios from 'axios';",
    "import express from 'express';",
    "import type { CreateOrderRequest, OrderDto } from '@acme/contracts';",
    '',
    'const orders = axios.create({ baseURL: process.env.ORDERS_URL, timeout: 2000 });',
    'const app = express();',
    "app.get('/summary/:id', async (req, res) => {",
    '  const { data: order } = await orders.get<OrderDto>(`/orders/${req.params.id}`);',
    "  res.json({ note: order.note, paid: order.status === 'paid' });",
    '});',
    "app.post('/checkout', async (req, res) => {",
    '  const body: CreateOrderRequest = { customerId: String(req.query.customer) };',
    "  const { data } = await orders.post<OrderDto>('/orders', body);",
    '  res.json(data);',
    '});',
    "app.delete('/cancel/:id', async (req, res) => {",
    '  await orders.delete(`/orders/${req.params.id}`);',
    '  res.sendStatus(204);',
    '});',
    'app.listen(3000);',
    '',
  ].join('\n'),
};

interface Described {
  at: string;
  message: string;
  related: string[];
}

function describeFindings(result: AnalysisResult): Described[] {
  const where = (file: string, start: number) => `${result.model.file(file)!.relativePath}:${result.model.file(file)!.lines.positionAt(start).line + 1}`;
  return result.findings.filter((f) => f.ruleId === RULE).map((f) => ({ at: where(f.file, f.start), message: f.message, related: f.related.map((r) => where(r.file, r.start)) }));
}

function contractNotices(result: AnalysisResult): string[] {
  return result.problems.filter((p) => p.message.startsWith(`${RULE}:`)).map((p) => p.message);
}

afterAll(() => {
  for (const folder of temps.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('breaking changes against a committed base', () => {
  let root: string;
  let result: AnalysisResult;

  beforeAll(async () => {
    root = tempFolder('contract-');
    writeFiles(root, system);
    git(root, 'init', '-q');
    commitAll(root, 'two services');
    edit(root, 'packages/contracts/src/index.ts', '  note: string;\n', '');
    edit(root, 'packages/contracts/src/index.ts', "'pending' | 'paid' | 'cancelled'", "'pending' | 'cancelled'");
    edit(root, 'packages/contracts/src/index.ts', 'couponCode?: string;', 'couponCode: string;');
    edit(root, 'services/orders/src/main.ts', /app\.delete\('\/orders\/:id'[\s\S]*?\n\}\);\n/, '');
    edit(root, 'services/orders/src/main.ts', ", note: ''", '');
    result = await analyze({ paths: [root], base: 'main', onlyRules: [RULE] });
  });

  it('reports a removed response field at its type, with the reads in the other service as related information', () => {
    const finding = describeFindings(result).find((f) => f.message.includes('`OrderDto.note` was removed'));
    expect(finding).toMatchObject({ at: 'packages/contracts/src/index.ts:3', related: ['services/gateway/src/main.ts:9'] });
    expect(finding!.message).toContain('still read by gateway at src/main.ts:9 (1 consumer)');
  });

  it('reports a removed route at the nearest surviving route of its file, with its callers', () => {
    const finding = describeFindings(result).find((f) => f.message.includes('`DELETE /orders/:id` of orders was removed'));
    expect(finding).toMatchObject({ at: 'services/orders/src/main.ts:9', related: ['services/gateway/src/main.ts:17'] });
    expect(finding!.message).toContain('still called by gateway at src/main.ts:17 (1 consumer)');
  });

  it('reports a request field made required, with the request literals that leave it out', () => {
    const finding = describeFindings(result).find((f) => f.message.includes('`CreateOrderRequest.couponCode` was optional and is now required'));
    expect(finding).toMatchObject({ at: 'packages/contracts/src/index.ts:11', related: ['services/gateway/src/main.ts:12'] });
  });

  it('reports a removed literal member, with the comparisons that use it', () => {
    const finding = describeFindings(result).find((f) => f.message.includes('`OrderStatus` no longer has the member `"paid"`'));
    expect(finding).toMatchObject({ at: 'packages/contracts/src/index.ts:1', related: ['services/gateway/src/main.ts:9'] });
  });

  it('reports nothing else, and needs no notice', () => {
    expect(describeFindings(result)).toHaveLength(4);
    expect(contractNotices(result)).toEqual([]);
  });

  it('compares with the merge-base of main by default, from a feature branch', async () => {
    git(root, 'checkout', '-q', '-b', 'feature');
    const defaulted = await analyze({ paths: [root], onlyRules: [RULE] });
    expect(describeFindings(defaulted).map((f) => f.at).sort()).toEqual(describeFindings(result).map((f) => f.at).sort());
  });

  it("compares with the remote's default branch first, not with a stale main", async () => {
    const origin = tempFolder('contract-default-branch-');
    writeFiles(origin, system);
    git(origin, 'init', '-q', '-b', 'main');
    commitAll(origin, 'on main');
    git(origin, 'checkout', '-q', '-b', 'next');
    edit(origin, 'packages/contracts/src/index.ts', '  note: string;\n', '');
    edit(origin, 'services/orders/src/main.ts', ", note: ''", '');
    edit(origin, 'services/gateway/src/main.ts', /.*note.*\n/g, '');
    commitAll(origin, 'note retired on next, the default branch');
    const clone = join(tempFolder('contract-default-clone-'), 'clone');
    git(origin, 'clone', '-q', `file://${origin}`, clone);
    // The clone is on next, unchanged: against next there is nothing; against the stale main the removal would show.
    expect(describeFindings(await analyze({ paths: [clone], onlyRules: [RULE] }))).toEqual([]);
    expect(describeFindings(await analyze({ paths: [clone], base: 'origin/main', onlyRules: [RULE] })).length).toBeGreaterThan(0);
  });

  it('runs from the CLI with --base, and exits 1 for the errors', () => {
    ensureBuilt();
    const run = runCli(['check', '--base', 'main', '--format', 'json'], { cwd: root });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; related: unknown[] }> };
    const findings = report.findings.filter((f) => f.ruleId === RULE).map((f) => `${f.file}:${f.line}`).sort();
    expect(findings).toEqual(['packages/contracts/src/index.ts:1', 'packages/contracts/src/index.ts:11', 'packages/contracts/src/index.ts:3', 'services/orders/src/main.ts:9']);
    expect(run.stderr).not.toContain(RULE);
  });

  it('says nothing when the working tree matches the base', async () => {
    const unchanged = await analyze({ paths: [root], base: 'HEAD', onlyRules: [RULE] });
    commitAll(root, 'the breaking change');
    const committed = await analyze({ paths: [root], base: 'HEAD', onlyRules: [RULE] });
    expect(describeFindings(committed)).toEqual([]);
    expect(contractNotices(committed)).toEqual([]);
    // HEAD was the first commit before this one: the same changes as against main.
    expect(describeFindings(unchanged)).toHaveLength(4);
  });
});

describe('without a usable base: one notice, and the rest of the run goes on', () => {
  const hardcoded = { 'services/orders/src/pricing.ts': "export const price = () => fetch('http://pricing:3000/prices', { signal: AbortSignal.timeout(1000) });\n" };

  it('outside any git repository, when a base is asked for', async () => {
    // tmpdir, not the scratch folder: the scratch folder lies inside this repository.
    const root = tempFolder('seamlint-nogit-', tmpdir());
    writeFiles(root, { ...system, ...hardcoded });
    const result = await analyze({ paths: [root], base: 'main' });
    expect(contractNotices(result)).toEqual([`${RULE}: the workspace is not inside a git repository; contracts were not compared with a base`]);
    expect(result.findings.some((f) => f.ruleId === 'hardcoded-endpoint')).toBe(true);
  });

  it('outside any git repository with no base asked for: nothing to compare, so no notice', async () => {
    const root = tempFolder('seamlint-nogit-', tmpdir());
    writeFiles(root, system);
    expect(contractNotices(await analyze({ paths: [root] }))).toEqual([]);
  });

  it('an unknown ref, also through the CLI (one line on stderr)', async () => {
    const root = tempFolder('contract-ref-');
    writeFiles(root, { ...system, ...hardcoded });
    git(root, 'init', '-q');
    commitAll(root, 'first');
    const result = await analyze({ paths: [root], base: 'no-such-branch' });
    expect(contractNotices(result)).toEqual([`${RULE}: unknown git ref \`no-such-branch\`; contracts were not compared with a base`]);
    expect(result.findings.some((f) => f.ruleId === 'hardcoded-endpoint')).toBe(true);

    // A ref that looks like an option is never passed to git, where it would be read as one.
    const optionLike = await analyze({ paths: [root], base: '--output=/tmp/x', onlyRules: [RULE] });
    expect(contractNotices(optionLike)).toEqual([`${RULE}: unknown git ref \`--output=/tmp/x\`; contracts were not compared with a base`]);

    ensureBuilt();
    const run = runCli(['check', '--base', 'no-such-branch', '--format', 'json'], { cwd: root });
    expect(run.stderr.split('\n').filter((line) => line.includes(RULE))).toEqual([`seamlint: warning: ${RULE}: unknown git ref \`no-such-branch\`; contracts were not compared with a base`]);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
  });

  it('a shallow clone that does not contain the base', async () => {
    const origin = tempFolder('contract-origin-');
    writeFiles(origin, system);
    git(origin, 'init', '-q');
    const first = commitAll(origin, 'first');
    edit(origin, 'packages/contracts/src/index.ts', '  note: string;\n', '');
    commitAll(origin, 'second');
    const clone = join(tempFolder('contract-clone-'), 'shallow');
    git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    const result = await analyze({ paths: [clone], base: first, onlyRules: [RULE] });
    expect(contractNotices(result)).toHaveLength(1);
    expect(contractNotices(result)[0]).toContain(`the base \`${first}\` is not in this shallow clone`);
    expect(result.findings).toEqual([]);
  });

  it('git disabled for an untrusted workspace', async () => {
    const root = tempFolder('contract-untrusted-');
    writeFiles(root, system);
    git(root, 'init', '-q');
    commitAll(root, 'first');
    edit(root, 'packages/contracts/src/index.ts', '  note: string;\n', '');
    const result = await analyze({ paths: [root], base: 'main', allowGit: false, onlyRules: [RULE] });
    expect(result.findings).toEqual([]);
    expect(contractNotices(result)).toEqual([`${RULE}: git is disabled for this untrusted workspace; contracts were not compared with a base`]);
  });
});

describe('the scripted change on the example system', () => {
  it('removing a response field that another service reads is reported with the reading service as related information', async () => {
    const root = tempFolder('shop-contract-');
    cpSync(join(REPO_ROOT, 'test-fixtures', 'shop'), root, { recursive: true });
    git(root, 'init', '-q');
    commitAll(root, 'the shop');
    // gateway reads OrderDto.paymentId (services/gateway/src/routes/orders.ts:9 and :14).
    edit(root, 'packages/contracts/src/orders.ts', '  paymentId: string | null;\n', '');
    const result = await analyze({ paths: [root], onlyRules: [RULE] });
    expect(describeFindings(result)).toEqual([
      {
        at: 'packages/contracts/src/orders.ts:28',
        message: expect.stringContaining('`OrderDto.paymentId` was removed from a response contract; still read by gateway at src/routes/orders.ts:9, src/routes/orders.ts:14 (1 consumer)'),
        related: ['services/gateway/src/routes/orders.ts:9', 'services/gateway/src/routes/orders.ts:14'],
      },
    ]);
  });
});

describe('in an editor session', () => {
  const contracts = 'packages/contracts/src/index.ts';
  const sessionFindings = (session: WorkspaceSession) =>
    session.filesWithFindings().flatMap((file) => session.findingsOf(file).filter((f) => f.ruleId === RULE).map((f) => f.message));

  it('reports an unsaved removal against the base, clears it when the edit goes, and follows a new commit on disk', async () => {
    const root = tempFolder('contract-session-');
    writeFiles(root, system);
    git(root, 'init', '-q');
    commitAll(root, 'two services');
    const session = await WorkspaceSession.open(root, { base: 'HEAD' });
    await session.analyze();
    expect(sessionFindings(session)).toEqual([]);

    // Typed, not saved: the base was loaded when nothing differed, and still catches it.
    const path = join(root, contracts);
    const original = readFileSync(path, 'utf8');
    session.updateFile(path, original.replace('  note: string;\n', ''));
    await session.analyze();
    expect(sessionFindings(session)).toEqual([expect.stringContaining('`OrderDto.note` was removed')]);

    session.updateFile(path, original);
    await session.analyze();
    expect(sessionFindings(session)).toEqual([]);

    // The removal committed: HEAD moves, and the session compares with the new HEAD after the files change on disk.
    session.revertFile(path);
    writeFileSync(path, original.replace('  note: string;\n', ''));
    session.notifyFileEvents([{ path, type: 'changed' }]);
    await session.analyze();
    expect(sessionFindings(session)).toHaveLength(1);
    commitAll(root, "the removal");
    session.notifyFileEvents([{ path, type: 'changed' }]);
    await session.analyze();
    expect(sessionFindings(session)).toEqual([]);
    expect(session.problems().filter((p) => p.message.startsWith(RULE))).toEqual([]);
  });

  it('never runs git when git is not allowed, and says so once', async () => {
    const root = tempFolder('contract-session-untrusted-');
    writeFiles(root, system);
    git(root, 'init', '-q');
    commitAll(root, 'first');
    edit(root, contracts, '  note: string;\n', '');
    const session = await WorkspaceSession.open(root, { base: 'main', allowGit: false });
    await session.analyze();
    expect(sessionFindings(session)).toEqual([]);
    expect(session.problems().map((p) => p.message).filter((m) => m.startsWith(RULE))).toEqual([
      `${RULE}: git is disabled for this untrusted workspace; contracts were not compared with a base`,
    ]);
  });
});
