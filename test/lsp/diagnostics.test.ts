// Diagnostics over the protocol, for a client that pulls and for one that only takes pushes: the seeded findings of a
// file with code, docs link and related information; and a route renamed in one service (unsaved) changing the chain
// warning in another service's file, then changed back.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeConfigurationNotification, WorkspaceDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CLIENTS = 'services/gateway/src/clients.ts';
const CHECKOUT = 'services/gateway/src/routes/checkout.ts';
const ROUTER = 'services/inventory/src/items/items.router.ts';
const DOCS = 'https://github.com/seamlint/seamlint/blob/main/rules/docs/';

const at = (d: Diagnostic) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`;
const chainOf = (diagnostics: Diagnostic[]) => diagnostics.find((d) => d.code === 'sync-call-chain');

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

describe.each([
  { mode: 'pull', pull: true },
  { mode: 'push', pull: false },
])('diagnostics with a $mode client', ({ pull }) => {
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull });
    await client.waitUntilReady();
  });
  afterAll(() => client?.stop());

  it('declares pull diagnostics only to a client that can pull', () => {
    const provider = client.initializeResult.capabilities.diagnosticProvider;
    if (pull) expect(provider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: true });
    else expect(provider).toBeUndefined();
  });

  it('reports the seeded findings of a file with code, docs link and source', async () => {
    await client.open(CLIENTS);
    const diagnostics = await client.waitForDiagnostics(CLIENTS, (list) => list.length >= 2);
    expect(diagnostics.map(at)).toEqual(expect.arrayContaining(['missing-timeout 5:26', 'hardcoded-endpoint 11:12']));
    const timeout = diagnostics.find((d) => d.code === 'missing-timeout')!;
    expect(timeout).toMatchObject({ source: 'seamlint', severity: 2, codeDescription: { href: `${DOCS}missing-timeout.md` } });
    expect(timeout.data).toMatchObject({ ruleId: 'missing-timeout', fixable: 'safe' });
  });

  it('relates a chain warning to the hops of the chain', async () => {
    await client.open(CHECKOUT);
    const chain = chainOf(await client.waitForDiagnostics(CHECKOUT, (list) => chainOf(list) !== undefined))!;
    expect(at(chain)).toBe('sync-call-chain 19:33');
    expect(chain.message).toContain('gateway → orders → inventory → pricing');
    const related = chain.relatedInformation ?? [];
    expect(related.map((r) => r.location.uri)).toContain(client.uri('services/inventory/src/items/items.router.ts'));
    expect(related.every((r) => r.message !== '')).toBe(true);
  });

  it('updates the chain warning in another service when a route is renamed, without saving', async () => {
    const original = readFileSync(client.path(ROUTER), 'utf8');
    await client.open(ROUTER);
    const refreshesBefore = client.refreshes;
    await client.change(ROUTER, original.replace("itemsRouter.get('/items/:sku',", "itemsRouter.get('/products/:sku',"));
    if (pull) {
      // The editor pulls the file it edits; the server then tells it other files changed too.
      await client.pull(ROUTER);
      await client.waitFor('a diagnostic refresh', () => (client.refreshes > refreshesBefore ? true : undefined));
    }
    const shortened = await client.waitForDiagnostics(CHECKOUT, (list) => chainOf(list)?.message.includes('(gateway → orders → inventory)') === true);
    expect(chainOf(shortened)!.message).toContain('chain of 3 services');

    await client.change(ROUTER, original);
    if (pull) await client.pull(ROUTER);
    await client.waitForDiagnostics(CHECKOUT, (list) => chainOf(list)?.message.includes('gateway → orders → inventory → pricing') === true);
  });

  it.runIf(pull)('answers workspace diagnostics for every file with findings, unchanged ones by result id', async () => {
    const first = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const clients = first.items.find((item) => item.uri === client.uri(CLIENTS));
    expect(clients).toMatchObject({ kind: 'full' });
    expect(clients?.kind === 'full' && clients.items.map(at)).toEqual(expect.arrayContaining(['missing-timeout 5:26']));
    expect(first.items.some((item) => item.uri === client.uri('services/payments/src/payments.router.ts'))).toBe(true);
    const again = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: first.items.map((item) => ({ uri: item.uri, value: item.resultId! })),
    });
    expect(again.items.every((item) => item.kind === 'unchanged')).toBe(true);
  });

  it('analyzes saved text only with run: onSave', async () => {
    const original = readFileSync(client.path(CLIENTS), 'utf8');
    const fixed = original.replace("headers: { 'x-caller': 'gateway' },\n});", "headers: { 'x-caller': 'gateway' },\n  timeout: 5_000,\n});");
    client.settings = { run: 'onSave' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.change(CLIENTS, fixed);
    // A full re-analysis answers only when done: the unsaved timeout must not count.
    await client.connection.sendRequest('seamlint/analyzeWorkspace');
    expect((await client.diagnostics(CLIENTS)).some((d) => d.code === 'missing-timeout')).toBe(true);
    writeFileSync(client.path(CLIENTS), fixed);
    await client.save(CLIENTS);
    await client.waitForDiagnostics(CLIENTS, (list) => !list.some((d) => d.code === 'missing-timeout'));

    writeFileSync(client.path(CLIENTS), original);
    await client.change(CLIENTS, original);
    await client.save(CLIENTS);
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { seamlint: client.settings } });
    await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout'));
  });

  it('reports work-done progress and status for the first analysis', () => {
    expect(client.progress.length).toBeGreaterThan(0);
    const ready = client.statuses.find((s) => s.state === 'ready')!;
    expect(ready.services.map((s) => s.name).sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing']);
    expect(ready.lastAnalysis?.durationMs).toBeGreaterThan(0);
    expect(ready.root).toBe(client.root);
  });
});
