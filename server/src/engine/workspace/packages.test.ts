import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscoveryLog } from './manifest-io.js';
import { discoverPackages } from './packages.js';
import { scanWorkspaceFiles } from './source-files.js';
import { createTempWorkspace, json, removeTempWorkspaces } from './temp-workspace.js';
import type { DiscoverOptions } from './types.js';

afterEach(removeTempWorkspaces);

async function packagesOf(root: string, options: Partial<DiscoverOptions> = {}) {
  const full: DiscoverOptions = { ignore: [], services: {}, ...options };
  const scanned = await scanWorkspaceFiles(root, full.ignore);
  const log = createDiscoveryLog();
  const packages = await discoverPackages({ root, options: full, ...scanned, log });
  return { packages, log };
}

describe('discoverPackages', () => {
  it('reads npm workspaces globs (with negation), names, tsconfigs and workspace dependencies', async () => {
    const root = createTempWorkspace({
      'package.json': json({ name: 'shop', workspaces: ['services/*', './packages/**', '!services/legacy'] }),
      'services/orders/package.json': json({
        name: '@shop/orders',
        dependencies: { '@shop/domain': '*', express: '^5' },
        devDependencies: { '@shop/testing': '*' },
        peerDependencies: { '@shop/domain': '*' },
      }),
      'services/orders/tsconfig.json': '{}',
      'services/legacy/package.json': json({ name: '@shop/legacy' }),
      'services/no-manifest/src/index.ts': '',
      'packages/domain/package.json': json({ name: '@shop/domain' }),
      'packages/tools/testing/package.json': json({ name: '@shop/testing', dependencies: { '@shop/testing': '*' } }),
      'packages/domain/node_modules/dep/package.json': json({ name: 'dep' }),
    });
    const { packages, log } = await packagesOf(root);
    expect(packages).toEqual([
      { name: '@shop/domain', root: join(root, 'packages/domain'), source: 'npm-workspaces', dependsOn: [], traits: {} },
      {
        name: '@shop/testing',
        root: join(root, 'packages/tools/testing'),
        source: 'npm-workspaces',
        dependsOn: [],
        traits: { testCode: 'package named for testing (@shop/testing)' },
      },
      {
        name: '@shop/orders',
        root: join(root, 'services/orders'),
        source: 'npm-workspaces',
        tsconfigPath: join(root, 'services/orders/tsconfig.json'),
        dependsOn: ['@shop/domain', '@shop/testing'],
        traits: {},
      },
    ]);
    expect(log.problems).toEqual([]);
    expect(log.manifestFiles).toContain(join(root, 'package.json'));
    expect(log.manifestFiles).toContain(join(root, 'services/orders/package.json'));
  });

  it('reads the yarn `workspaces.packages` form', async () => {
    const root = createTempWorkspace({
      'package.json': json({ private: true, workspaces: { packages: ['apps/*'], nohoist: ['**/x'] } }),
      'apps/web/package.json': json({ name: 'web' }),
    });
    const { packages } = await packagesOf(root);
    expect(packages.map((p) => [p.name, p.source])).toEqual([['web', 'npm-workspaces']]);
  });

  it('reads pnpm-workspace.yaml', async () => {
    const root = createTempWorkspace({
      'package.json': json({ name: 'root' }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'libs/**'\n  - '!libs/skip'\n",
      'apps/api/package.json': json({ name: 'api', dependencies: { util: 'workspace:*' } }),
      'libs/util/package.json': json({ name: 'util' }),
      'libs/skip/package.json': json({ name: 'skip' }),
    });
    const { packages, log } = await packagesOf(root);
    expect(packages.map((p) => [p.name, p.source, p.dependsOn])).toEqual([
      ['api', 'pnpm-workspaces', ['util']],
      ['util', 'pnpm-workspaces', []],
    ]);
    expect(log.manifestFiles).toContain(join(root, 'pnpm-workspace.yaml'));
  });

  it('reads Nx project.json files, preferring a package.json name, and reports a broken one', async () => {
    const root = createTempWorkspace({
      'nx.json': '{}',
      'apps/api/project.json': '{ "name": "api-app", /* Nx allows comments */ "sourceRoot": "apps/api/src" }',
      'libs/shared/project.json': json({ name: 'shared-nx' }),
      'libs/shared/package.json': json({ name: '@acme/shared' }),
      'libs/broken/project.json': '{ "name": ',
      'node_modules/x/project.json': json({ name: 'x' }),
    });
    const { packages, log } = await packagesOf(root);
    expect(packages.map((p) => [p.name, p.root, p.source])).toEqual([
      ['api-app', join(root, 'apps/api'), 'nx'],
      ['broken', join(root, 'libs/broken'), 'nx'],
      ['@acme/shared', join(root, 'libs/shared'), 'nx'],
    ]);
    expect(log.problems).toEqual([{ file: join(root, 'libs/broken/project.json'), message: 'Invalid JSON: ValueExpected at line 1, column 11' }]);
    expect(log.manifestFiles).toContain(join(root, 'apps/api/project.json'));
  });

  it('ignores project.json files outside an Nx workspace', async () => {
    const root = createTempWorkspace({ 'package.json': json({ workspaces: ['a'] }), 'a/package.json': json({ name: 'a' }), 'b/project.json': '{}' });
    const { packages } = await packagesOf(root);
    expect(packages.map((p) => p.name)).toEqual(['a']);
  });

  it('puts config services first: a folder also listed in workspaces keeps source config', async () => {
    const root = createTempWorkspace({
      'package.json': json({ workspaces: ['services/*'] }),
      'services/orders/package.json': json({ name: '@shop/orders' }),
      'services/billing/package.json': json({ name: '@shop/billing', dependencies: { '@shop/orders': '1' } }),
      'legacy/gateway/src/main.ts': '',
    });
    const { packages } = await packagesOf(root, {
      services: { orders: { root: 'services/orders' }, gateway: { root: './legacy/gateway', urls: ['GATEWAY_URL'] } },
    });
    expect(packages.map((p) => [p.name, p.root, p.source, p.dependsOn])).toEqual([
      ['gateway', join(root, 'legacy/gateway'), 'config', []],
      ['@shop/billing', join(root, 'services/billing'), 'npm-workspaces', ['@shop/orders']],
      ['@shop/orders', join(root, 'services/orders'), 'config', []],
    ]);
  });

  it('falls back to folders under services/, apps/, packages/, libs/ that hold a package.json or TypeScript', async () => {
    const root = createTempWorkspace({
      'services/orders/src/main.ts': '',
      'services/docs/README.md': '',
      'services/scripts/run.js': '',
      'apps/web/package.json': json({ name: 'web-app', dependencies: { ui: '*' } }),
      'packages/ui/index.tsx': '',
      'libs/util/deep/nested/util.mts': '',
      'libs/.hidden/a.ts': '',
      'other/thing/src/a.ts': '',
    });
    const { packages } = await packagesOf(root);
    expect(packages.map((p) => [p.name, p.root, p.source, p.role, p.dependsOn])).toEqual([
      ['web-app', join(root, 'apps/web'), 'folder', 'service', ['ui']],
      ['util', join(root, 'libs/util'), 'folder', 'library', []],
      ['ui', join(root, 'packages/ui'), 'folder', 'library', []],
      ['orders', join(root, 'services/orders'), 'folder', 'service', []],
    ]);
  });

  it('treats a repository that is a single package as that package', async () => {
    const root = createTempWorkspace({ 'package.json': json({ name: 'solo' }), 'tsconfig.json': '{}', 'src/main.ts': '' });
    const { packages } = await packagesOf(root);
    expect(packages).toEqual([{ name: 'solo', root, source: 'folder', tsconfigPath: join(root, 'tsconfig.json'), dependsOn: [], traits: {} }]);
  });

  it('reports a broken package.json and keeps the package under its folder name', async () => {
    const root = createTempWorkspace({
      'package.json': json({ workspaces: ['services/*'] }),
      'services/orders/package.json': '{ "name": "orders", }}',
      'services/billing/package.json': json({ name: 'billing' }),
    });
    const { packages, log } = await packagesOf(root);
    expect(packages.map((p) => p.name)).toEqual(['billing', 'orders']);
    expect(log.problems).toHaveLength(1);
    expect(log.problems[0]!.file).toBe(join(root, 'services/orders/package.json'));
    expect(log.problems[0]!.message).toMatch(/^Invalid JSON: \w+ at line 1, column \d+$/);
  });

  it('reports a broken root package.json and still uses the folder fallback', async () => {
    const root = createTempWorkspace({ 'package.json': '{ "workspaces": [', 'services/a/src/a.ts': '' });
    const { packages, log } = await packagesOf(root);
    expect(packages.map((p) => [p.name, p.source])).toEqual([['a', 'folder']]);
    expect(log.problems.map((p) => p.file)).toEqual([join(root, 'package.json')]);
  });
});
