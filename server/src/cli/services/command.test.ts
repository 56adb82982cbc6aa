// `seamlint services` through the real argument parsing, in-process, with the engine's model stubbed by a hand-made one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliDeps, CliGraphOptions, CliServicesSource } from '../cli-context.js';
import { GRAPH_ROOT } from '../graph/test-data.js';
import { runWith, StubSetupError } from '../test-harness.js';
import { smallServices } from './test-data.js';
import type { ServicesJson } from './view.js';

function withServices(source: CliServicesSource = smallServices()): { deps: Partial<CliDeps>; calls: CliGraphOptions[] } {
  const calls: CliGraphOptions[] = [];
  return {
    calls,
    deps: {
      services: async (options) => {
        calls.push(options);
        return source;
      },
    },
  };
}

const io = { cwd: GRAPH_ROOT };

/** The small system with no services: only the packages that are not services remain. */
function noServices(): CliServicesSource {
  const source = smallServices();
  return {
    ...source,
    graph: { services: [], edges: [], chains: [], cycles: [], unresolved: [] },
    services: [],
    packages: source.packages.filter((pkg) => pkg.kind !== 'service'),
    summary: { services: 0, edges: 0, unresolved: 0, files: 12 },
  };
}

describe('seamlint services', () => {
  it('lists each service with its root, evidence, endpoints and edges out and in, as text by default', async () => {
    const stub = withServices();
    const run = await runWith(['services', 'services', '--config', 'custom.json'], { deps: stub.deps, io });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(stub.calls[0]).toMatchObject({ paths: [path.join(GRAPH_ROOT, 'services')], configPath: path.join(GRAPH_ROOT, 'custom.json') });
    expect(run.stdout.startsWith('4 services in .\n\n')).toBe(true);
    expect(run.stdout).toContain(
      [
        'orders · services/orders · @shop/orders',
        '  evidence    docker compose service "orders"',
        '              services/orders/Dockerfile',
        '  endpoints   2: POST /orders, GET /orders/:id',
        '  calls       notifications  async  order.placed',
        '              payments       sync   POST /payments/charges',
        '  called by   gateway        sync   POST /orders',
        '              payments       sync   GET /orders/:id',
        '',
      ].join('\n'),
    );
    // A service of no package (found by its folder) has no package in its heading.
    expect(run.stdout).toContain('notifications · services/notifications\n  evidence    folder under services/\n');
  });

  it('lists client apps, libraries and test packages in short, with why each is not a service, and the unresolved calls', async () => {
    const run = await runWith(['services'], { deps: withServices().deps, io });
    expect(run.stdout).toContain('Client apps (1)\n  @shop/web  apps/web  client app: depends on react-dom\n');
    expect(run.stdout).toContain('Libraries (2)\n  @shop/contracts  packages/contracts  Nx library\n  @shop/logger     packages/logger\n');
    expect(run.stdout).toContain('Test packages (1)\n  @shop/e2e  e2e  test package: runs playwright\n');
    expect(run.stdout.endsWith('\n1 unresolved call: remote calls whose target service seamlint could not tell (a URL it cannot fold, a host outside the workspace).\n')).toBe(true);
  });

  it('shows a few endpoints of a service with many, and how many more there are', async () => {
    const source = smallServices();
    const gateway = source.graph.services.find((service) => service.name === 'gateway')!;
    gateway.endpoints = ['/a', '/b', '/c', '/d', '/e', '/f'].map((route, index) => ({ ...gateway.endpoints[0]!, id: route, path: route, start: index * 100 }));
    const run = await runWith(['services'], { deps: withServices(source).deps, io });
    expect(run.stdout).toContain('  endpoints   6: POST /a, POST /b, POST /c, POST /d, … 2 more\n');
  });

  it('--format json: every service with roots relative to the workspace root, evidence, endpoints and both edge lists', async () => {
    const run = await runWith(['services', '--format', 'json'], { deps: withServices().deps, io });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const view = JSON.parse(run.stdout) as ServicesJson;
    expect(view).toMatchObject({ version: 1, root: '.', unresolved: 1 });
    expect(view.services.map((service) => service.name)).toEqual(['gateway', 'notifications', 'orders', 'payments']);
    expect(view.services[2]).toEqual({
      name: 'orders',
      root: 'services/orders',
      package: '@shop/orders',
      evidence: ['docker compose service "orders"', 'services/orders/Dockerfile'],
      endpoints: [
        { kind: 'http', method: 'POST', path: '/orders', file: 'services/orders/src/orders.ts', line: 12 },
        { kind: 'http', method: 'GET', path: '/orders/:id', file: 'services/orders/src/orders.ts', line: 30 },
      ],
      edgesOut: [
        { to: 'notifications', kind: 'async', label: 'order.placed', sites: [{ file: 'services/orders/src/publisher.ts', line: 22, column: 5 }] },
        { to: 'payments', kind: 'sync', label: 'POST /payments/charges', sites: [{ file: 'services/orders/src/orders.ts', line: 54, column: 5 }] },
      ],
      edgesIn: [
        { from: 'gateway', kind: 'sync', label: 'POST /orders', sites: [{ file: 'services/gateway/src/checkout.ts', line: 19, column: 5 }] },
        { from: 'payments', kind: 'sync', label: 'GET /orders/:id', sites: [{ file: 'services/payments/src/router.ts', line: 130, column: 5 }] },
      ],
    });
    expect(view.clientApps).toEqual([{ name: '@shop/web', root: 'apps/web', reasons: ['client app: depends on react-dom'] }]);
    expect(view.libraries).toEqual([
      { name: '@shop/contracts', root: 'packages/contracts', reasons: ['Nx library'] },
      { name: '@shop/logger', root: 'packages/logger' },
    ]);
    expect(view.testPackages).toEqual([{ name: '@shop/e2e', root: 'e2e', reasons: ['test package: runs playwright'] }]);
  });

  it('with no services says so and how to declare them, and exits 0', async () => {
    const run = await runWith(['services'], { deps: withServices(noServices()).deps, io });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('No services found in this workspace.\n')).toBe(true);
    expect(run.stdout).toContain('Declare them in seamlint.config.json:\n  "services": { "orders": { "root": "services/orders", "urls": ["ORDERS_URL"] } }\n');
    expect(run.stdout).toContain('or run `seamlint init`');
    // What is there is still listed: it is often the reason nothing counted as a service.
    expect(run.stdout).toContain('Client apps (1)\n  @shop/web  apps/web  client app: depends on react-dom\n');
  });

  it('with no services in JSON, keeps stdout a valid document and puts the notice on stderr', async () => {
    const run = await runWith(['services', '--format', 'json'], { deps: withServices(noServices()).deps, io });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ services: [], libraries: [{ name: '@shop/contracts' }, { name: '@shop/logger' }] });
    expect(run.stderr).toBe('seamlint: no services found in . (12 files read): declare them in seamlint.config.json "services" (or run seamlint init); the list is empty.\n');
  });

  it('--output writes the file (creating its folder), uncoloured, and nothing to stdout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamlint-services-'));
    try {
      const run = await runWith(['services', '--output', 'out/services.txt'], { deps: withServices().deps, io: { cwd: dir, isTTY: true } });
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const written = fs.readFileSync(path.join(dir, 'out', 'services.txt'), 'utf8');
      expect(written).toContain('orders · services/orders');
      expect(written).not.toContain('\x1b[');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('colours only on a terminal without --no-color', async () => {
    expect((await runWith(['services'], { deps: withServices().deps, io: { ...io, isTTY: true } })).stdout).toContain('\x1b[');
    expect((await runWith(['services', '--no-color'], { deps: withServices().deps, io: { ...io, isTTY: true } })).stdout).not.toContain('\x1b[');
  });

  it('an unknown format exits 2 with one line naming the choices, before any analysis', async () => {
    const stub = withServices();
    const run = await runWith(['services', '--format', 'yaml'], { deps: stub.deps, io });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: "seamlint: option '-f, --format <format>' argument 'yaml' is invalid. Allowed choices are text, json.\n" });
    expect(stub.calls).toEqual([]);
  });

  it('shows setup problems as warnings on stderr, and a setup error exits 2 with its one-line message', async () => {
    const source = { ...smallServices(), problems: [{ file: path.join(GRAPH_ROOT, 'tsconfig.json'), message: 'cannot read\nextends' }] };
    const warned = await runWith(['services', '-f', 'json'], { deps: withServices(source).deps, io });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe('seamlint: warning: tsconfig.json: cannot read extends\n');
    const deps: Partial<CliDeps> = {
      services: async () => {
        throw new StubSetupError('seamlint.config.json: unknown key "servics"');
      },
    };
    expect(await runWith(['services'], { deps, io })).toMatchObject({ code: 2, stdout: '', stderr: 'seamlint: seamlint.config.json: unknown key "servics"\n' });
  });
});
