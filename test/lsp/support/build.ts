// The protocol tests run the bundled server. Several test files start at once: the first one to take the lock builds
// (when dist/server.js is older than the sources), the others wait and find it fresh, so no test spawns a bundle
// another is still writing. Each test works on its own copy of test-fixtures/shop inside the repository (libraries resolve).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(REPO_ROOT, 'dist', 'server.js');
const SCRATCH = join(REPO_ROOT, '.seamlint-tmp');
const LOCK = join(SCRATCH, 'lsp-build.lock');

export async function ensureServerBuilt(): Promise<void> {
  mkdirSync(SCRATCH, { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmdirSync(LOCK);
      if (Date.now() > deadline) throw new Error('timed out waiting for another test to build the server');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (isStale()) {
      const build = spawnSync(process.execPath, [join(REPO_ROOT, 'esbuild.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    }
  } finally {
    rmdirSync(LOCK);
  }
}

function isStale(): boolean {
  if (!existsSync(SERVER)) return true;
  const built = statSync(SERVER).mtimeMs;
  return ['server/src', 'rules'].some((folder) => newestTs(join(REPO_ROOT, folder)) > built);
}

function newestTs(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const copies: string[] = [];

/** A fresh copy of the shop; removed by `removeShopCopies`. */
export function copyShop(): string {
  mkdirSync(SCRATCH, { recursive: true });
  const root = join(mkdtempSync(join(SCRATCH, 'lsp-')), 'shop');
  cpSync(join(REPO_ROOT, 'test-fixtures', 'shop'), root, { recursive: true });
  copies.push(root);
  return root;
}

export function removeShopCopies(): void {
  for (const root of copies.splice(0)) rmSync(join(root, '..'), { recursive: true, force: true });
}
