// `seamlint services` and the summary line of `check` and `graph` on the example system, through the real CLI: the six
// services with their evidence, the libraries, and one count of services, edges and unresolved calls that all agree.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesJson } from '../server/src/cli/services/view.js';
import { ensureBuilt, REPO_ROOT, runCli } from './support/cli.js';
import { removeShopCopies, shopCopy } from './support/shop-copies.js';

const SHOP = join(REPO_ROOT, 'test-fixtures', 'shop');
const SUMMARY = /^(\d+) services · (\d+) edges \((\d+) unresolved\) · (\d+) files$/;

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

describe('seamlint services on test-fixtures/shop', () => {
  let view: ServicesJson;

  beforeAll(() => {
    ensureBuilt();
    const run = runCli(['services', '--format', 'json'], { cwd: SHOP });
    expect(run.status, run.stderr).toBe(0);
    view = JSON.parse(run.stdout) as ServicesJson;
  });
  afterAll(removeShopCopies);

  it('lists the six services, each with its root and the evidence that made it one', () => {
    expect(view.root).toBe('.');
    expect(view.services.map((service) => [service.name, service.root])).toEqual(
      ['gateway', 'inventory', 'notifications', 'orders', 'payments', 'pricing'].map((name) => [name, `services/${name}`]),
    );
    for (const service of view.services) expect(service.evidence.length, service.name).toBeGreaterThan(0);
    expect(view.services.find((service) => service.name === 'orders')!.evidence).toContain('docker compose service "orders"');
  });

  it('gives each service its endpoints and the edges out and in, which mirror each other', () => {
    const orders = view.services.find((service) => service.name === 'orders')!;
    expect(orders.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual(expect.arrayContaining(['POST /orders', 'GET /orders/:id']));
    expect(orders.edgesOut).toContainEqual(expect.objectContaining({ to: 'inventory', kind: 'sync', label: 'GET /items/:sku' }));
    expect(orders.edgesOut).toContainEqual(expect.objectContaining({ to: 'notifications', kind: 'async', label: 'order.placed' }));
    const outs = view.services.flatMap((service) => service.edgesOut.map((edge) => `${service.name}->${edge.to} ${edge.kind} ${edge.label}`)).sort();
    const ins = view.services.flatMap((service) => service.edgesIn.map((edge) => `${edge.from}->${service.name} ${edge.kind} ${edge.label}`)).sort();
    expect(ins).toEqual(outs);
  });

  it('lists the shared packages as libraries, not services', () => {
    expect(view.libraries.map((library) => library.root)).toEqual(
      expect.arrayContaining(['packages/contracts', 'packages/domain', 'packages/inventory-client', 'packages/logger']),
    );
    const serviceRoots = new Set(view.services.map((service) => service.root));
    expect(view.libraries.filter((library) => serviceRoots.has(library.root))).toEqual([]);
  });

  it('as text: each service with its root and evidence, and the libraries after them', () => {
    const run = runCli(['services'], { cwd: SHOP });
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('6 services in .\n\n')).toBe(true);
    expect(run.stdout).toMatch(/^orders · services\/orders · @shop\/orders\n {2}evidence {4}docker compose service "orders"\n/m);
    expect(run.stdout).toMatch(/^Libraries \(\d+\)\n/m);
    expect(run.stdout).toMatch(/^ {2}@shop\/logger +packages\/logger$/m);
  });

  it('graph --format json lists each unresolved call with what would resolve it (the two Stripe calls and the FX-rates API)', () => {
    const graph = JSON.parse(runCli(['graph', '--format', 'json'], { cwd: SHOP }).stdout) as { unresolved: Array<{ file: string; line: number; message: string }> };
    expect(graph.unresolved.map((site) => `${site.file}:${site.line}`)).toEqual([
      'services/payments/src/payments.router.ts:66',
      'services/payments/src/payments.router.ts:141',
      'services/pricing/src/fx-rates.ts:17',
    ]);
    for (const site of graph.unresolved) expect(site.message).toMatch(/names no service of the workspace: add the URL or its env variable to the service's urls/);
    expect(graph.unresolved.length).toBe(Number(SUMMARY.exec(lastLine(runCli(['graph', '--format', 'json'], { cwd: SHOP }).stderr))![3]));
  });

  it('check and graph end stderr with the same summary line, which agrees with the services listed', () => {
    const check = runCli(['check', '--format', 'json', '--no-cache'], { cwd: SHOP });
    expect(JSON.parse(check.stdout)).toHaveProperty('findings');
    const summary = SUMMARY.exec(lastLine(check.stderr));
    expect(summary, check.stderr).not.toBeNull();
    const [, services, edges, unresolved, files] = summary!.map(Number);
    expect(services).toBe(6);
    expect(edges).toBe(view.services.reduce((sum, service) => sum + service.edgesOut.length, 0));
    expect(unresolved).toBe(view.unresolved);
    expect(files).toBeGreaterThan(20);
    expect(lastLine(runCli(['graph', '--format', 'json'], { cwd: SHOP }).stderr)).toBe(lastLine(check.stderr));
  });

  it('a warm run answers the summary from the results cache, without building the model', () => {
    const copy = shopCopy('seamlint-shop-summary');
    const cold = runCli(['check', '--format', 'json'], { cwd: copy, env: { SEAMLINT_TIMING: '1' } });
    const warm = runCli(['check', '--format', 'json'], { cwd: copy, env: { SEAMLINT_TIMING: '1' } });
    expect(cold.stderr).toMatch(/^link the system model\s+\d+$/m);
    expect(warm.stderr).not.toMatch(/^link the system model/m);
    expect(lastLine(warm.stderr)).toMatch(SUMMARY);
    expect(lastLine(warm.stderr)).toBe(lastLine(cold.stderr));
  });
});
