// The call graph on the example system and on small workspaces: wrappers, client libraries shared by services,
// NestJS constructor injection, config-declared remote calls, and recursion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../../rules/testing/rule-tester.js';
import { analyze } from '../analyze.js';
import type { RemoteEffect, SystemModel } from './types.js';

const SHOP = join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'shop');

/** Effects of the call expression that starts with `callText` on the line containing `lineText`. */
function effectsAt(model: SystemModel, relativePath: string, lineText: string, callText: string): RemoteEffect[] {
  const file = model.file(join(model.root, relativePath));
  if (!file) throw new Error(`no file ${relativePath}`);
  const line = file.text.indexOf(lineText);
  const start = file.text.indexOf(callText, line);
  if (line < 0 || start < 0) throw new Error(`no "${callText}" in ${relativePath}`);
  const site = file.facts.callSites.find((s) => s.start === start) ?? file.facts.remoteCalls.find((c) => c.start === start);
  if (!site) throw new Error(`no call at "${callText}"`);
  return model.remoteEffectsOf(file.path, site.start, site.end);
}

const targetsOf = (effects: RemoteEffect[]) => effects.map((e) => `${e.target?.service ?? '?'} ${e.target?.endpoint?.method ?? ''} ${e.target?.endpoint?.path ?? ''}`.trim());

describe('call graph on test-fixtures/shop', () => {
  let model: SystemModel;
  beforeAll(async () => {
    model = (await analyze({ paths: [SHOP], onlyRules: [] })).model;
  });

  it('resolves a NestJS constructor-injected client class from a workspace library', () => {
    const effects = effectsAt(model, 'services/orders/src/orders/orders.service.ts', 'await this.inventory.getItem', 'this.inventory.getItem');
    expect(targetsOf(effects)).toEqual(['inventory GET /items/:sku']);
    expect(effects[0]!.readOnly).toBe(true);
    expect(effects[0]!.via.map((v) => model.file(v.file)!.relativePath)).toEqual(['services/orders/src/orders/orders.service.ts', 'packages/inventory-client/src/index.ts']);
  });

  it('resolves the same client library used by a second service through an exported instance', () => {
    expect(targetsOf(effectsAt(model, 'services/gateway/src/routes/catalog.ts', 'inventory.getStock', 'inventory.getStock'))).toEqual(['inventory GET /items/:sku/stock']);
  });

  it('classifies a write through the client as not read-only', () => {
    const effects = effectsAt(model, 'services/orders/src/orders/orders.service.ts', 'await this.inventory.reserve', 'this.inventory.reserve');
    expect(targetsOf(effects)).toEqual(['inventory POST /reservations']);
    expect(effects[0]!.readOnly).toBe(false);
  });

  it('builds the service graph with the chain and the cycle', () => {
    const graph = model.serviceGraph();
    const longest = graph.chains.reduce((a, b) => (b.services.length > a.services.length ? b : a));
    expect(longest.services).toEqual(['gateway', 'orders', 'inventory', 'pricing']);
    expect(graph.cycles.map((c) => c.services)).toEqual([['orders', 'payments']]);
  });
});

describe('call graph on small workspaces', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  async function modelOf(files: Record<string, string>) {
    const root = mkdtempSync(join(tmpdir(), 'seamlint-callgraph-'));
    roots.push(root);
    writeFiles(root, { 'services/orders/package.json': '{ "name": "@shop/orders" }', ...files });
    return (await analyze({ paths: [root], onlyRules: [] })).model;
  }

  it('treats functions declared in config remoteCalls as remote calls', async () => {
    const model = await modelOf({
      'seamlint.config.json': JSON.stringify({ remoteCalls: [{ module: '@acme/rpc', export: 'call', kind: 'rpc' }] }),
      'services/orders/src/a.ts': "import { call } from '@acme/rpc';\nimport * as rpc from '@acme/rpc';\nexport async function a() {\n  await call('stock.get');\n  await rpc.call('stock.put');\n  await rpc.other();\n}\n",
    });
    expect(effectsAt(model, 'services/orders/src/a.ts', "await call('stock.get')", 'call(').map((e) => e.call.fact.library)).toEqual(['@acme/rpc']);
    expect(effectsAt(model, 'services/orders/src/a.ts', "rpc.call('stock.put')", 'rpc.call(')).toHaveLength(1);
    expect(effectsAt(model, 'services/orders/src/a.ts', 'rpc.other()', 'rpc.other(')).toEqual([]);
  });

  it('follows wrappers through re-exports and survives recursion', async () => {
    const model = await modelOf({
      'services/orders/src/http.ts': "export async function get(url: string): Promise<unknown> {\n  try {\n    return await (await fetch(url, { signal: AbortSignal.timeout(100) })).json();\n  } catch {\n    return get(url);\n  }\n}\n",
      'services/orders/src/index.ts': "export * from './http';\n",
      'services/orders/src/use.ts': "import { get } from './index';\nexport const load = async () => get('http://inventory/items');\n",
    });
    const effects = effectsAt(model, 'services/orders/src/use.ts', "get('http", "get('http");
    expect(effects.map((e) => e.call.fact.library)).toEqual(['fetch']);
    expect(effects[0]!.readOnly).toBe(true);
  });

  it('does not treat a local function named like a client method as remote', async () => {
    const model = await modelOf({ 'services/orders/src/a.ts': 'function get(id: string) { return id; }\nexport const x = () => get("1");\n' });
    expect(effectsAt(model, 'services/orders/src/a.ts', 'get("1")', 'get(')).toEqual([]);
  });
});
