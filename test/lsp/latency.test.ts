// How long an edit takes to show: from didChange to diagnostics that reflect it, for a single-file edit in the shop
// (pull: the editor's pull after the change; push: the publish after the typing debounce) and for an edit whose effect
// is in another service's file (the refresh, then the pull). Printed for the record; the bounds only catch a regression
// to whole-workspace re-analysis per keystroke on a slow machine.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CLIENTS = 'services/gateway/src/clients.ts';
const CHECKOUT = 'services/gateway/src/routes/checkout.ts';
const ROUTER = 'services/inventory/src/items/items.router.ts';
const ROUNDS = 8;

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.each([
  { mode: 'pull', pull: true },
  { mode: 'push', pull: false },
])('edit-to-diagnostics latency ($mode)', ({ mode, pull }) => {
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull });
    await client.waitUntilReady();
    await client.open(CLIENTS);
    await client.open(CHECKOUT);
    await client.open(ROUTER);
    await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout'));
  });
  afterAll(() => client?.stop());

  it('single-file edit', async () => {
    const original = readFileSync(client.path(CLIENTS), 'utf8');
    const fixed = original.replace("headers: { 'x-caller': 'gateway' },\n});", "headers: { 'x-caller': 'gateway' },\n  timeout: 5_000,\n});");
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const withTimeout = round % 2 === 0;
      const started = performance.now();
      await client.change(CLIENTS, withTimeout ? fixed : original);
      await client.waitForDiagnostics(CLIENTS, (list) => list.some((d) => d.code === 'missing-timeout') !== withTimeout, 10_000);
      times.push(performance.now() - started);
    }
    console.log(`[latency] ${mode}, single-file edit: median ${median(times).toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(' ')}`);
    expect(median(times)).toBeLessThan(3_000);
  });

  it('edit with an effect in another service', async () => {
    const original = readFileSync(client.path(ROUTER), 'utf8');
    const renamed = original.replace("itemsRouter.get('/items/:sku',", "itemsRouter.get('/products/:sku',");
    const times: number[] = [];
    for (let round = 0; round < ROUNDS / 2; round++) {
      const rename = round % 2 === 0;
      const started = performance.now();
      await client.change(ROUTER, rename ? renamed : original);
      if (pull) await client.pull(ROUTER);
      await client.waitForDiagnostics(CHECKOUT, (list) => list.some((d) => d.code === 'sync-call-chain' && d.message.includes('→ pricing') !== rename), 10_000);
      times.push(performance.now() - started);
    }
    console.log(`[latency] ${mode}, cross-service edit: median ${median(times).toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(' ')}`);
    expect(median(times)).toBeLessThan(5_000);
  });
});
