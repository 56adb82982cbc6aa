import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../../rules/testing/rule-tester.js';
import { ModuleResolver } from './module-resolver.js';

const root = mkdtempSync(join(tmpdir(), 'seamlint-entries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Packages as a fresh clone has them: package.json names built files that do not exist; only the source does.
writeFiles(root, {
  'packages/framework/package.json': JSON.stringify({
    name: '@acme/framework',
    main: './dist/cjs/index.cjs',
    exports: {
      '.': { require: { types: './dist/cjs/index.d.cts', default: './dist/cjs/index.cjs' }, import: './dist/esm/index.js' },
      './nest': { import: { types: './dist/esm/servers/nest.d.ts', default: './dist/esm/servers/nest.js' } },
      './adapters/*': './dist/esm/adapters/*.js',
    },
  }),
  'packages/framework/src/index.ts': 'export const client = 1;\n',
  'packages/framework/src/servers/nest.ts': 'export const nest = 1;\n',
  'packages/framework/src/adapters/express.ts': 'export const express = 1;\n',
  'packages/plain/package.json': JSON.stringify({ name: '@acme/plain', types: 'lib/public-api.d.ts' }),
  'packages/plain/src/public-api.ts': 'export const api = 1;\n',
  'services/api/src/main.ts': '',
});

const resolver = new ModuleResolver(root, [
  { name: '@acme/framework', root: join(root, 'packages/framework') },
  { name: '@acme/plain', root: join(root, 'packages/plain') },
]);
const from = join(root, 'services/api/src/main.ts');

describe('workspace packages resolve to their source without an install or a build', () => {
  it('maps the exports map (conditions, subpaths, wildcards) back from dist/ to src/', () => {
    expect(resolver.resolve(from, '@acme/framework')).toBe(join(root, 'packages/framework/src/index.ts'));
    expect(resolver.resolve(from, '@acme/framework/nest')).toBe(join(root, 'packages/framework/src/servers/nest.ts'));
    expect(resolver.resolve(from, '@acme/framework/adapters/express')).toBe(join(root, 'packages/framework/src/adapters/express.ts'));
  });

  it('maps types/main back from lib/ to src/', () => {
    expect(resolver.resolve(from, '@acme/plain')).toBe(join(root, 'packages/plain/src/public-api.ts'));
  });

  it('names the package folder when no entry file can be found', () => {
    expect(resolver.resolve(from, '@acme/plain/nothing-here')).toBe(join(root, 'packages/plain'));
  });
});
