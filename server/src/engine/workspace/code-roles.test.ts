import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRoleClassifier, roleOfPath } from './code-roles.js';
import { testFileMatcher } from './test-runner-config.js';
import { createDiscoveryLog } from './manifest-io.js';
import { createTempWorkspace, json } from './temp-workspace.js';
import type { WorkspacePackage } from './types.js';

describe('roleOfPath', () => {
  it.each([
    ['services/orders/src/orders.service.spec.ts', 'test'],
    ['services/orders/test/app.e2e-spec.ts', 'test'],
    ['apps/web/src/__tests__/page.tsx', 'test'],
    ['libs/db/src/__mocks__/client.ts', 'test'],
    ['services/orders/jest.setup.ts', 'test'],
    ['services/orders/src/fixtures/orders.ts', 'test'],
    ['scripts/seed.ts', 'tooling'],
    ['tools/scripts/seed.spec.ts', 'test'],
    ['tools/scripts/test-helper.ts', 'tooling'],
    ['services/orders/migrations/1680000000000-AddOrders.ts', 'tooling'],
    ['services/orders/src/1680000000000-AddOrders.ts', 'tooling'],
    ['packages/server/migration-scripts/backfill.ts', 'tooling'],
    ['services/orders/webpack.config.js', 'tooling'],
    ['docs/guide/example-gateway.ts', 'tooling'],
    ['packages/generator/src/templates/main.ts', 'tooling'],
  ])('%s is %s', (path, role) => {
    expect(roleOfPath(path)).toBe(role);
  });

  it.each([
    'services/orders/src/main.ts',
    'services/orders/src/app.config.ts',
    'services/orders/src/database.config.ts',
    'services/orders/src/grpc.ts',
    'services/orders/src/testimonials/testimonials.service.ts',
    'services/contest/src/index.ts',
  ])('%s is production code', (path) => {
    expect(roleOfPath(path)).toBeUndefined();
  });
});

describe('createRoleClassifier', () => {
  const root = '/repo';
  const pkg = (name: string, folder: string, traits: WorkspacePackage['traits'] = {}): WorkspacePackage => ({
    name,
    root: join(root, folder),
    source: 'npm-workspaces',
    dependsOn: [],
    traits,
  });

  it('makes every file of a test package test code and of a client app client-app code, tests in it still tests', () => {
    const roleOf = createRoleClassifier({
      root,
      packages: [pkg('api-e2e', 'apps/api-e2e', { testCode: 'Nx e2e project api-e2e' }), pkg('web', 'apps/web', { clientApp: 'depends on react-dom' })],
    });
    expect(roleOf(join(root, 'apps/api-e2e/src/support/api.ts'))).toBe('test');
    expect(roleOf(join(root, 'apps/web/src/main.tsx'))).toBe('client-app');
    expect(roleOf(join(root, 'apps/web/src/main.spec.tsx'))).toBe('test');
    expect(roleOf(join(root, 'services/orders/src/main.ts'))).toBe('production');
  });

  it('reads jest testRegex and testMatch from jest*.json and package.json, relative to rootDir', () => {
    const workspace = createTempWorkspace({
      'services/orders/package.json': json({ name: 'orders', jest: { rootDir: 'src', testRegex: '.*\\.check\\.ts$' } }),
      'services/orders/jest-int.json': json({ testMatch: ['<rootDir>/checks/**/*.ts'] }),
    });
    const matcher = testFileMatcher(
      workspace,
      { jestConfigFiles: [join(workspace, 'services/orders/jest-int.json')], packageJsonFiles: [join(workspace, 'services/orders/package.json')] },
      createDiscoveryLog(),
    );
    expect(matcher('services/orders/src/orders.check.ts')).toBe(true);
    expect(matcher('services/orders/checks/smoke.ts')).toBe(true);
    expect(matcher('services/orders/src/orders.ts')).toBe(false);
    expect(matcher('services/billing/src/billing.check.ts')).toBe(false);
  });
});
