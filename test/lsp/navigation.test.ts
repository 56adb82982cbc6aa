// What the server tells about the system around the code: hover on a remote call (target, route, handler, the chain
// downstream), code lenses on handlers (callers and callees), and the custom requests the VS Code client uses
// (seamlint/serviceGraph, seamlint/analyzeWorkspace) and the seamlint/status notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeLensRequest, HoverRequest, type CodeLens, type MarkupContent } from 'vscode-languageserver-protocol';
import type { ServiceGraphResult, StatusParams } from '../../server/src/lsp/protocol.js';
import { copyShop, ensureServerBuilt, removeShopCopies } from './support/build.js';
import { TestClient } from './support/lsp-client.js';

const CHECKOUT = 'services/gateway/src/routes/checkout.ts';
const ROUTER = 'services/inventory/src/items/items.router.ts';

beforeAll(ensureServerBuilt, 180_000);
afterAll(removeShopCopies);

describe('hover, code lens and custom requests', () => {
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start(copyShop(), { pull: true, initializationOptions: { commands: { showLocations: 'seamlint.showLocations' } } });
    await client.waitUntilReady();
  });
  afterAll(() => client?.stop());

  it('hovers a remote call with its target, handler and downstream chain', async () => {
    await client.open(CHECKOUT);
    // `const { data: order } = await ordersApi.post<OrderDto>(…)`: the cursor on `post` (line 19).
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(CHECKOUT) }, position: { line: 18, character: 46 } });
    expect(hover).not.toBeNull();
    const text = (hover!.contents as MarkupContent).value;
    expect(text).toContain('remote call to **orders** `POST /orders`');
    expect(text).toMatch(/handler: \[services\/orders\/src\/orders\/orders\.controller\.ts:14\]\(file:\/\/.*orders\.controller\.ts#L14\)/);
    expect(text).toContain('**Downstream chain** (4 services): gateway → orders → inventory → pricing');
    expect(text).toContain('orders calls GET /items/:sku on inventory');
    // The range is the callee, `ordersApi.post` (0-based characters 32–46).
    expect(hover!.range).toEqual({ start: { line: 18, character: 32 }, end: { line: 18, character: 46 } });
  });

  it('has no hover away from remote calls', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(CHECKOUT) }, position: { line: 11, character: 20 } });
    expect(hover).toBeNull();
  });

  it('puts callers and callees on an inventory handler', async () => {
    await client.open(ROUTER);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri(ROUTER) } })) as CodeLens[];
    const titlesOn = (line: number) => lenses.filter((lens) => lens.range.start.line === line - 1).map((lens) => lens.command!.title);
    // GET /items (line 38): the gateway's catalog pages through it; GET /items/:sku (line 51): orders, and it calls pricing.
    expect(titlesOn(38)).toEqual(['2 callers: gateway (2)']);
    expect(titlesOn(51)).toEqual(['1 caller: orders (1)', 'calls: pricing GET /prices/:sku']);
    expect(titlesOn(78)).toEqual(['1 caller: orders (1)']);
    expect(titlesOn(62)).toEqual(['1 caller: gateway (1)']);

    const lens = lenses.find((candidate) => candidate.range.start.line === 50)!;
    expect(lens.command!.command).toBe('seamlint.showLocations');
    const [uri, position, locations] = lens.command!.arguments as [string, unknown, Array<{ uri: string; range: { start: { line: number } } }>];
    expect(uri).toBe(client.uri(ROUTER));
    expect(position).toEqual(lens.range.start);
    expect(locations.map((l) => [l.uri, l.range.start.line + 1])).toEqual([[client.uri('services/orders/src/orders/orders.controller.ts'), 21]]);
  });

  it('answers seamlint/serviceGraph with the graph JSON and its HTML page', async () => {
    const result = (await client.connection.sendRequest('seamlint/serviceGraph', { cspNonce: 'abc123' })) as ServiceGraphResult;
    expect(result.root).toBe(client.root);
    expect(result.graph.services.map((s) => s.name)).toContain('inventory');
    expect(result.graph.edges.some((e) => e.from === 'gateway' && e.to === 'orders' && e.label === 'POST /orders')).toBe(true);
    expect(result.html).toContain('<!DOCTYPE html>');
    expect(result.html).toContain("script-src 'nonce-abc123'");
  });

  it('re-analyzes on seamlint/analyzeWorkspace and reports the status', async () => {
    const status = (await client.connection.sendRequest('seamlint/analyzeWorkspace')) as StatusParams;
    expect(status.state).toBe('ready');
    expect(status.files).toBeGreaterThan(40);
    expect(status.findings).toBeGreaterThan(10);
    expect(status.lastAnalysis?.checked).toBeGreaterThan(40);
    expect(client.statuses.at(-1)?.services).toHaveLength(6);
  });
});
