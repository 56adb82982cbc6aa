import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverWorkspace } from './index.js';
import { createTempWorkspace, json, removeTempWorkspaces } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

describe('discoverWorkspace', () => {
  it('fills every field of the workspace picture', async () => {
    const root = createTempWorkspace({
      'package.json': json({ name: 'shop', workspaces: ['services/*', 'packages/*'] }),
      'tsconfig.base.json': '{}',
      '.env': 'ORDERS_URL=http://orders:3000\n',
      'services/orders/package.json': json({ name: '@shop/orders', dependencies: { '@shop/domain': '*' } }),
      'services/orders/tsconfig.json': '{}',
      'services/orders/.env.local': 'export INVENTORY_URL="http://inventory:3000"\n',
      'services/orders/src/main.ts': 'export {};\n',
      'services/orders/src/generated/client.ts': 'export {};\n',
      'services/inventory/package.json': json({ name: '@shop/inventory' }),
      'services/inventory/src/main.ts': 'export {};\n',
      'packages/domain/package.json': json({ name: '@shop/domain' }),
      'packages/domain/src/index.ts': 'export {};\n',
      'packages/domain/dist/index.js': '',
      'packages/domain/dist/index.d.ts': '',
      'docker-compose.yml': 'services:\n  orders:\n    build: ./services/orders\n    ports: ["3000"]\n',
      'deploy/compose.yaml': 'services:\n  inventory:\n    build: ../services/inventory\n',
      'deploy/nested/docker-compose.yml': 'services:\n  too-deep:\n    image: x\n',
      'deploy/k8s/inventory.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: inventory }\nspec: { ports: [{ port: 3000 }] }\n',
      'deploy/k8s/broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata: [\n',
    });
    const workspace = await discoverWorkspace(root, {
      ignore: ['**/generated/**'],
      services: { orders: { root: 'services/orders', urls: ['ORDERS_URL'] }, inventory: { root: join(root, 'services/inventory') } },
    });

    expect(workspace.root).toBe(root);
    expect(workspace.packages.map((p) => [p.name, p.source, p.dependsOn])).toEqual([
      ['@shop/domain', 'npm-workspaces', []],
      ['@shop/inventory', 'config', []],
      ['@shop/orders', 'config', ['@shop/domain']],
    ]);
    expect(workspace.configuredServices).toEqual([
      { name: 'orders', root: join(root, 'services/orders'), urls: ['ORDERS_URL'] },
      { name: 'inventory', root: join(root, 'services/inventory'), urls: [] },
    ]);
    expect(workspace.deployments.map((d) => [d.source, d.name, d.file, d.buildContext])).toEqual([
      ['compose', 'inventory', join(root, 'deploy/compose.yaml'), join(root, 'services/inventory')],
      ['compose', 'orders', join(root, 'docker-compose.yml'), join(root, 'services/orders')],
      ['kubernetes', 'inventory', join(root, 'deploy/k8s/inventory.yaml'), undefined],
    ]);
    expect(workspace.envFiles).toEqual({
      [join(root, '.env')]: { ORDERS_URL: 'http://orders:3000' },
      [join(root, 'services/orders/.env.local')]: { INVENTORY_URL: 'http://inventory:3000' },
    });
    expect(workspace.sourceFiles).toEqual([
      join(root, 'packages/domain/src/index.ts'),
      join(root, 'services/inventory/src/main.ts'),
      join(root, 'services/orders/src/main.ts'),
    ]);
    expect(workspace.tsconfigFiles).toEqual([join(root, 'services/orders/tsconfig.json'), join(root, 'tsconfig.base.json')]);
    expect(workspace.manifestFiles).toEqual(
      [
        '.env',
        'deploy/compose.yaml',
        'deploy/k8s/broken.yaml',
        'deploy/k8s/inventory.yaml',
        'docker-compose.yml',
        'package.json',
        'packages/domain/package.json',
        'services/inventory/package.json',
        'services/orders/.env.local',
        'services/orders/package.json',
        // Read for its `paths`: folders reached only through them are libraries.
        'tsconfig.base.json',
      ].map((p) => join(root, p)),
    );
    expect(workspace.problems).toHaveLength(1);
    expect(workspace.problems[0]!.file).toBe(join(root, 'deploy/k8s/broken.yaml'));
    expect(workspace.problems[0]!.message).toMatch(/^Invalid YAML: .+ at line \d+, column \d+$/);
  });

  it('resolves a relative root and copes with an empty folder', async () => {
    const root = createTempWorkspace();
    const relativeRoot = join(root, 'sub', '..');
    const workspace = await discoverWorkspace(relativeRoot, { ignore: [], services: {} });
    expect(workspace).toEqual({
      root,
      packages: [],
      deployments: [],
      configuredServices: [],
      notServices: [],
      envFiles: {},
      sourceFiles: [],
      tsconfigFiles: [],
      manifestFiles: [],
      prismaFiles: [],
      dockerfiles: [],
      roleOf: expect.any(Function),
      problems: [],
    });
  });

  it('skips a config service without a string root instead of throwing', async () => {
    const root = createTempWorkspace({ 'svc/a.ts': '' });
    const services = { bad: { root: 42 }, good: { root: 'svc', urls: ['GOOD_URL', 7] } } as unknown as Record<string, { root: string; urls?: string[] }>;
    const workspace = await discoverWorkspace(root, { ignore: [], services });
    expect(workspace.configuredServices).toEqual([{ name: 'good', root: join(root, 'svc'), urls: ['GOOD_URL'] }]);
    expect(workspace.packages.map((p) => [p.name, p.source])).toEqual([['good', 'config']]);
  });

  it('reports every broken manifest and still returns the rest', async () => {
    const root = createTempWorkspace({
      'package.json': json({ workspaces: ['services/*'] }),
      'services/a/package.json': '{',
      'services/b/package.json': json({ name: 'b' }),
      'services/b/src/main.ts': '',
      'docker-compose.yml': 'services: [\n',
      'pnpm-workspace.yaml': 'packages:\n  - a\n - b\n',
    });
    const workspace = await discoverWorkspace(root, { ignore: [], services: {} });
    expect(workspace.packages.map((p) => p.name)).toEqual(['a', 'b']);
    expect(workspace.sourceFiles).toEqual([join(root, 'services/b/src/main.ts')]);
    expect(workspace.problems.map((p) => p.file).sort()).toEqual(
      ['docker-compose.yml', 'pnpm-workspace.yaml', 'services/a/package.json'].map((p) => join(root, p)),
    );
    for (const problem of workspace.problems) expect(problem.message).not.toContain('\n');
  });
});
