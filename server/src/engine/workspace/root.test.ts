import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from './root.js';
import { createTempWorkspace, json, removeTempWorkspaces } from './temp-workspace.js';

afterEach(removeTempWorkspaces);

describe('findWorkspaceRoot', () => {
  it('prefers a package.json with workspaces over a nearer plain package.json', () => {
    const root = createTempWorkspace({
      'package.json': json({ name: 'mono', workspaces: ['services/*'] }),
      'services/orders/package.json': json({ name: 'orders' }),
      'services/orders/src/main.ts': 'export {};\n',
    });
    expect(findWorkspaceRoot(join(root, 'services/orders/src/main.ts'))).toBe(root);
    expect(findWorkspaceRoot(join(root, 'services/orders'))).toBe(root);
  });

  it.each(['seamlint.config.json', 'pnpm-workspace.yaml', 'nx.json'])('stops at a folder holding %s', (marker) => {
    const root = createTempWorkspace({
      [`repo/${marker}`]: marker.endsWith('.json') ? '{}' : 'packages: []\n',
      'repo/apps/web/package.json': json({ name: 'web' }),
      'repo/apps/web/src/index.ts': '',
    });
    expect(findWorkspaceRoot(join(root, 'repo/apps/web/src/index.ts'))).toBe(join(root, 'repo'));
  });

  it('takes the nearest workspace marker when workspaces are nested', () => {
    const root = createTempWorkspace({
      'package.json': json({ workspaces: ['*'] }),
      'inner/seamlint.config.json': '{}',
      'inner/src/a.ts': '',
    });
    expect(findWorkspaceRoot(join(root, 'inner/src/a.ts'))).toBe(join(root, 'inner'));
  });

  it('takes the root of a git repository whose root deploys the system, over a nearer package.json', () => {
    const root = createTempWorkspace({
      'docker-compose.yml': 'services:\n  auth:\n    build: ./auth\n',
      'auth/package.json': json({ name: 'auth' }),
      'auth/src/index.ts': '',
    });
    mkdirSync(join(root, '.git'));
    expect(findWorkspaceRoot(join(root, 'auth/src/index.ts'))).toBe(root);
  });

  it('keeps the nearest package.json inside a git repository whose root deploys nothing', () => {
    const root = createTempWorkspace({ 'README.md': '', 'auth/package.json': json({ name: 'auth' }), 'auth/src/index.ts': '' });
    mkdirSync(join(root, '.git'));
    expect(findWorkspaceRoot(join(root, 'auth/src/index.ts'))).toBe(join(root, 'auth'));
  });

  it('falls back to the nearest package.json when nothing declares a workspace', () => {
    const root = createTempWorkspace({
      'package.json': json({ name: 'outer' }),
      'tool/package.json': json({ name: 'tool' }),
      'tool/src/cli.ts': '',
    });
    expect(findWorkspaceRoot(join(root, 'tool/src/cli.ts'))).toBe(join(root, 'tool'));
  });

  it('does not take a broken package.json as a workspace marker, but still counts it as a package.json', () => {
    const root = createTempWorkspace({
      'package.json': '{ "workspaces": ["pkg"',
      'pkg/package.json': json({ name: 'pkg' }),
      'pkg/src/a.ts': '',
      'other/b.ts': '',
    });
    expect(findWorkspaceRoot(join(root, 'pkg/src/a.ts'))).toBe(join(root, 'pkg'));
    expect(findWorkspaceRoot(join(root, 'other/b.ts'))).toBe(root);
  });

  it('returns the start folder (or the folder of a start file) when no marker exists up to the filesystem root', () => {
    const root = createTempWorkspace({ 'loose/script.ts': '' });
    mkdirSync(join(root, 'empty'));
    expect(findWorkspaceRoot(join(root, 'loose/script.ts'))).toBe(join(root, 'loose'));
    expect(findWorkspaceRoot(join(root, 'empty'))).toBe(join(root, 'empty'));
  });

  it('handles a path that no longer exists as a file in its folder', () => {
    const root = createTempWorkspace({ 'package.json': json({ workspaces: [] }), 'src/keep.ts': '' });
    expect(findWorkspaceRoot(join(root, 'src/deleted.ts'))).toBe(root);
  });
});
