import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeIgnoreGlobs, scanWorkspaceFiles } from './source-files.js';
import { createTempWorkspace, removeTempWorkspaces, writeFiles } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

const isRoot = process.getuid?.() === 0;

describe('scanWorkspaceFiles', () => {
  it('finds every source extension, sorted and absolute, without declaration files or excluded folders', async () => {
    const root = createTempWorkspace({
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/c.mts': '',
      'src/d.cts': '',
      'src/e.js': '',
      'src/f.mjs': '',
      'src/g.cjs': '',
      'src/types.d.ts': '',
      'src/types.d.mts': '',
      'src/readme.md': '',
      'node_modules/lib/index.js': '',
      'pkg/node_modules/lib/index.ts': '',
      'dist/a.js': '',
      'pkg/build/a.js': '',
      'out/a.js': '',
      'coverage/a.js': '',
      '.git/hooks/a.js': '',
      '.hidden/a.ts': '',
      'pkg/.cache/a.ts': '',
      'pkg/src/index.ts': '',
      // A source folder that happens to be called build or out is code, not build output.
      'pkg/src/core/build/build.service.ts': '',
      'pkg/src/out/writer.ts': '',
    });
    const scanned = await scanWorkspaceFiles(root, []);
    expect(scanned.sourceFiles).toEqual(
      ['pkg/src/core/build/build.service.ts', 'pkg/src/index.ts', 'pkg/src/out/writer.ts', 'src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e.js', 'src/f.mjs', 'src/g.cjs'].map((p) => join(root, p)),
    );
  });

  it('sorts tsconfig, YAML and project.json files into their own lists, with the same exclusions', async () => {
    const root = createTempWorkspace({
      'tsconfig.json': '{}',
      'tsconfig.build.json': '{}',
      'pkg/tsconfig.json': '{}',
      'node_modules/x/tsconfig.json': '{}',
      'k8s/app.yaml': '',
      'docker-compose.yml': '',
      '.github/workflows/ci.yml': '',
      'apps/web/project.json': '{}',
      'dist/project.json': '{}',
    });
    const scanned = await scanWorkspaceFiles(root, []);
    expect(scanned.tsconfigFiles).toEqual([join(root, 'pkg/tsconfig.json'), join(root, 'tsconfig.build.json'), join(root, 'tsconfig.json')]);
    expect(scanned.yamlFiles).toEqual([join(root, 'docker-compose.yml'), join(root, 'k8s/app.yaml')]);
    expect(scanned.projectJsonFiles).toEqual([join(root, 'apps/web/project.json')]);
  });

  it('applies ignore globs relative to the root, including plain folder paths', async () => {
    const root = createTempWorkspace({
      'src/keep.ts': '',
      'src/generated/api.ts': '',
      'services/legacy/src/old.ts': '',
      'services/orders/src/new.ts': '',
      'src/thing.spec.ts': '',
    });
    const scanned = await scanWorkspaceFiles(root, ['**/generated/**', './services/legacy/', '**/*.spec.ts']);
    expect(scanned.sourceFiles).toEqual([join(root, 'services/orders/src/new.ts'), join(root, 'src/keep.ts')]);
  });

  it('terminates on symlink loops and does not follow links', async () => {
    const root = createTempWorkspace({ 'src/a.ts': '', 'src/nested/b.ts': '' });
    symlinkSync(root, join(root, 'src/nested/loop-to-root'), 'dir');
    symlinkSync(join(root, 'src'), join(root, 'src/nested/loop-to-src'), 'dir');
    mkdirSync(join(root, 'x'));
    symlinkSync(join(root, 'y'), join(root, 'x/to-y'), 'dir');
    mkdirSync(join(root, 'y'));
    symlinkSync(join(root, 'x'), join(root, 'y/to-x'), 'dir');
    symlinkSync(join(root, 'nowhere'), join(root, 'src/dangling.ts'));
    const scanned = await scanWorkspaceFiles(root, []);
    expect(scanned.sourceFiles).toEqual([join(root, 'src/a.ts'), join(root, 'src/nested/b.ts')]);
  });

  it('works when the root itself lies under a hidden folder', async () => {
    const outer = createTempWorkspace();
    writeFiles(outer, { '.cache/ws/src/a.ts': '' });
    const scanned = await scanWorkspaceFiles(join(outer, '.cache/ws'), []);
    expect(scanned.sourceFiles).toEqual([join(outer, '.cache/ws/src/a.ts')]);
  });

  // root reads every folder whatever its mode, so there is nothing to observe when the tests run as root.
  it.skipIf(isRoot)('skips unreadable folders without failing', async () => {
    const root = createTempWorkspace({ 'src/a.ts': '', 'locked/b.ts': '' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const scanned = await scanWorkspaceFiles(root, []);
      expect(scanned.sourceFiles).toEqual([join(root, 'src/a.ts')]);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });
});

describe('normalizeIgnoreGlobs', () => {
  it('strips ./ and trailing slashes, and extends plain paths to their contents', () => {
    expect(normalizeIgnoreGlobs(['./a/b/', '**/gen/**', ' ', 'c\\d'])).toEqual(['a/b', 'a/b/**', '**/gen/**', 'c/d', 'c/d/**']);
  });
});
