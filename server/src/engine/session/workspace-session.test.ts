// The incremental session against the whole-workspace engine: after any sequence of edits, its findings must be the
// ones a fresh `analyze` of the same texts gives — while re-reading and re-checking only what it has to.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { defineRule } from '../rule-api.js';
import type { Finding } from '../types.js';
import { removeShopCopies, shopCopy } from '../../../../test/support/shop-copies.js';
import { WorkspaceSession } from './workspace-session.js';

const ROUTER = 'services/inventory/src/items/items.router.ts';
const CHECKOUT = 'services/gateway/src/routes/checkout.ts';
const CONTROLLER = 'services/orders/src/orders/orders.controller.ts';

afterAll(removeShopCopies);

/** What the tests compare: everything but the fingerprint, which only the batch engine assigns. */
function comparable(findings: Iterable<Finding>): string[] {
  return [...findings].map((f) => JSON.stringify([f.file, f.start, f.end, f.ruleId, f.severity, f.message, f.related, f.fixes])).sort();
}

async function sessionFindings(session: WorkspaceSession): Promise<string[]> {
  const result = await session.analyze();
  expect(result.complete).toBe(true);
  return comparable([...result.findings.values()].flat());
}

async function freshFindings(root: string): Promise<string[]> {
  return comparable((await analyze({ paths: [root] })).findings);
}

describe('WorkspaceSession on the shop', () => {
  let root: string;
  let session: WorkspaceSession;
  const at = (relative: string) => join(root, relative);
  const routerText = () => readFileSync(at(ROUTER), 'utf8');

  beforeAll(async () => {
    root = shopCopy('session');
    session = await WorkspaceSession.open(root);
  });

  it('finds what the whole-workspace engine finds', async () => {
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
    expect(session.services.map((s) => s.name).sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing']);
  });

  it('re-extracts and re-checks only the edited file after an edit inside a plain function body', async () => {
    // toItemDto holds no call to another service, no route, no response: other files cannot see inside it.
    session.updateFile(at(ROUTER), routerText().replace('priceCents: price?.amountCents ?? row.list_price_cents,', 'priceCents: price?.amountCents ?? row.list_price_cents * 1,'));
    const result = await session.analyze([at(ROUTER)]);
    expect(result).toMatchObject({ extracted: 1, checked: 1, crossFileChange: false, cancelled: false });
    // Findings elsewhere that point into the router are due again (their offsets may have moved), nothing else.
    session.revertFile(at(ROUTER));
    await session.analyze();
  });

  it('refreshes another service\'s chain when a route is renamed, without saving', async () => {
    const chainOf = () => session.findingsOf(at(CHECKOUT)).find((f) => f.ruleId === 'sync-call-chain')?.message;
    expect(chainOf()).toContain('gateway → orders → inventory → pricing');
    session.updateFile(at(ROUTER), routerText().replace("'/items/:sku'", "'/products/:sku'"));
    const result = await session.analyze();
    expect(result.crossFileChange).toBe(true);
    expect(result.changed).toContain(at(CHECKOUT));
    expect(chainOf()).toContain('(gateway → orders → inventory)');

    session.revertFile(at(ROUTER));
    await session.analyze();
    expect(chainOf()).toContain('gateway → orders → inventory → pricing');
  });

  it('moves findings that point into an edited file along with its text', async () => {
    // Blank lines inside a plain function are not a cross-file change, yet chains elsewhere point at handlers below them.
    const edited = routerText().replace('    sku: row.sku,\n    name: row.name,', '    sku: row.sku,\n\n\n    name: row.name,');
    session.updateFile(at(ROUTER), edited);
    const result = await session.analyze();
    expect(result.crossFileChange).toBe(false);
    expect(result.changed).toContain(at(CONTROLLER));
    writeFileSync(at(ROUTER), edited);
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
  });

  it('applies suppressions and reports the ones without a reason or without effect', async () => {
    const clients = at('services/gateway/src/clients.ts');
    const original = readFileSync(clients, 'utf8');
    const edited = original
      .replace("export const ordersApi", '// seamlint-disable-next-line missing-timeout\nexport const ordersApi')
      .replace("export const paymentsApi", '// seamlint-disable-next-line sync-call-chain -- not here\nexport const paymentsApi');
    session.updateFile(clients, edited);
    const rules = (await session.analyze([clients])).findings.get(clients)!.map((f) => f.ruleId);
    expect(rules).not.toContain('missing-timeout');
    expect(rules).toEqual(expect.arrayContaining(['suppression-needs-reason', 'unused-suppression']));
    writeFileSync(clients, edited);
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
    writeFileSync(clients, original);
    session.revertFile(clients);
    await session.analyze();
  });

  it('keeps up with files created and deleted on disk', async () => {
    const extra = at('services/gateway/src/routes/extra.ts');
    writeFileSync(extra, "import axios from 'axios';\nexport async function ping() {\n  return axios.get('http://localhost:9999/ping');\n}\n");
    session.addFile(extra);
    expect((await sessionFindings(session)).some((f) => f.includes('extra.ts'))).toBe(true);
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
    unlinkSync(extra);
    session.removeFile(extra);
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
  });

  it('reads a Prisma schema again when it changes on disk', async () => {
    const schema = at('services/orders/prisma/schema.prisma');
    mkdirSync(join(schema, '..'), { recursive: true });
    writeFileSync(schema, 'model Invoice {\n  id String @id\n  @@map("invoices")\n}\n');
    session.notifyFileEvents([{ path: schema, type: 'created' }]);
    await session.analyze();
    const tables = () => session.model.prismaSchemas().flatMap((file) => file.schema.models.map((m) => `${m.name}→${m.table}`));
    expect(tables()).toEqual(['Invoice→invoices']);
    writeFileSync(schema, 'model Invoice {\n  id String @id\n  @@map("billing_invoices")\n}\n');
    session.notifyFileEvents([{ path: schema, type: 'changed' }]);
    await session.analyze();
    expect(tables()).toEqual(['Invoice→billing_invoices']);
    unlinkSync(schema);
    session.notifyFileEvents([{ path: schema, type: 'deleted' }]);
    await session.analyze();
    expect(tables()).toEqual([]);
  });

  it('stops between files when cancelled and finishes on the next run', async () => {
    session.updateFile(at(ROUTER), routerText().replace("'/items/:sku'", "'/products/:sku'"));
    const cancelled = await session.analyze(undefined, { token: { isCancellationRequested: true } });
    expect(cancelled.cancelled).toBe(true);
    expect(session.isCurrent()).toBe(false);
    session.revertFile(at(ROUTER));
    expect(await sessionFindings(session)).toEqual(await freshFindings(root));
  });

  it('previews a file\'s findings for other text without changing the session', async () => {
    const clients = at('services/gateway/src/clients.ts');
    const before = session.revisionOf(clients);
    const text = readFileSync(clients, 'utf8').replace("headers: { 'x-caller': 'gateway' },\n});", "headers: { 'x-caller': 'gateway' },\n  timeout: 5000,\n});");
    const preview = session.previewFindings(clients, text);
    expect(preview.some((f) => f.ruleId === 'missing-timeout')).toBe(false);
    expect(session.findingsOf(clients).some((f) => f.ruleId === 'missing-timeout')).toBe(true);
    expect(session.revisionOf(clients)).toBe(before);
  });
});

describe('WorkspaceSession config and resilience', () => {
  it('turns a broken config into one located problem, analyzes with defaults, and recovers', async () => {
    const root = shopCopy('session');
    const session = await WorkspaceSession.open(root);
    const defaults = await sessionFindings(session);
    const config = join(root, 'seamlint.config.json');
    const broken = '{\n  "rules": {\n    "sync-call-chian": "off"\n  }\n}\n';
    writeFileSync(config, broken);
    session.notifyFileEvents([{ path: config, type: 'created' }]);
    expect(await sessionFindings(session)).toEqual(defaults);
    expect(session.configProblem).toMatchObject({ file: config, start: broken.indexOf('"sync-call-chian"') });
    expect(session.configProblem?.message).toContain('did you mean');
    expect(session.problems().filter((p) => p.file === config)).toHaveLength(1);

    // The unsaved editor text counts before the disk.
    session.updateFile(config, '{ "rules": { "sync-call-chain": "off" } }');
    const withoutChains = await sessionFindings(session);
    expect(session.configProblem).toBeUndefined();
    expect(withoutChains.some((f) => f.includes('sync-call-chain'))).toBe(false);
    expect(withoutChains.length).toBeLessThan(defaults.length);

    session.revertFile(config);
    unlinkSync(config);
    session.notifyFileEvents([{ path: config, type: 'deleted' }]);
    expect(await sessionFindings(session)).toEqual(defaults);
    expect(session.configProblem).toBeUndefined();
  });

  it('applies editor severity overrides and drops only the bad ones', async () => {
    const root = shopCopy('session');
    const session = await WorkspaceSession.open(root, { ruleOverrides: { 'missing-timeout': 'error', 'no-such-rule': 'off' } });
    const findings = [...(await session.analyze()).findings.values()].flat();
    expect(findings.filter((f) => f.ruleId === 'missing-timeout').every((f) => f.severity === 'error')).toBe(true);
    expect(session.problems().some((p) => p.message.includes('no-such-rule'))).toBe(true);
  });

  it('survives a rule that throws, huge and binary editor text, and unparseable nesting', async () => {
    const root = shopCopy('session');
    const throwing = defineRule({
      id: 'missing-timeout',
      category: 'failure-handling',
      severity: 'warning',
      fix: 'none',
      description: 'Throws on the gateway.',
      options: {},
      check({ file, report }) {
        if (file.path.includes('gateway')) throw new Error('boom');
        if (file.facts.remoteCalls.length > 0) report({ start: 0, end: 1, message: 'still here' });
      },
    });
    const session = await WorkspaceSession.open(root, { rules: [throwing] });
    const nested = join(root, 'services/gateway/src/nested.ts');
    session.updateFile(nested, `export const x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n`);
    session.updateFile(join(root, 'services/gateway/src/huge.ts'), `// ${'x'.repeat(9 * 1024 * 1024)}\n`);
    session.updateFile(join(root, 'services/gateway/src/binary.ts'), 'const a = 1;\0\0\0');
    const result = await session.analyze();
    expect(result.complete).toBe(true);
    expect([...result.findings.values()].flat().some((f) => f.message === 'still here')).toBe(true);
    const messages = session.problems().map((p) => p.message);
    expect(messages).toContain('rule missing-timeout failed: boom');
    expect(messages.some((m) => m.includes('MB limit'))).toBe(true);
    expect(messages).toContain('skipped: binary content');
    expect(messages).toContain('skipped: too deeply nested for the TypeScript parser');
  });
});
