// What the editor suites need on this machine, and the shop workspace they open. A missing prerequisite fails the
// suite with the command that installs it: these tests never skip silently.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CHROMIUM_PATH } from '../../support/chromium.js';
import { REPO_ROOT } from '../../support/cli.js';

export { REPO_ROOT };
export const EDITORS_DIR = process.env.SEAMLINT_EDITORS_DIR ?? join(REPO_ROOT, '.seamlint-editors');
export const SERVER = join(REPO_ROOT, 'dist', 'server.js');
export const VSIX = join(REPO_ROOT, 'dist', 'seamlint.vsix');
const SETUP = 'run `npm run setup:editors` (scripts/setup-editors.sh)';

export class MissingPrerequisite extends Error {}

/** The path of an executable on PATH, or a failure naming the setup script. */
export function requireCommand(command: string, what: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') throw new MissingPrerequisite(`${what} (\`${command}\`) is not installed: ${SETUP}`);
  return path;
}

export function requireFile(path: string, what: string, fix = SETUP): string {
  if (!existsSync(path)) throw new MissingPrerequisite(`${what} is missing (${path}): ${fix}`);
  return path;
}

export function requireChromium(): string {
  return requireFile(CHROMIUM_PATH, 'Chromium (set CHROMIUM_PATH to use another binary)');
}

export function requireCodeServer(): string {
  return requireFile(join(EDITORS_DIR, 'node_modules', '.bin', 'code-server'), 'code-server 4.100.3');
}

export function requireBuilt(): void {
  requireFile(SERVER, 'the bundled server', 'run `npm run build`');
  requireFile(VSIX, 'the packaged extension', 'run `npm run package:vsix` (`npm run test:editors` does)');
}

/** A fresh copy of test-fixtures/shop inside the repository (git-ignored), so it resolves libraries from node_modules. */
export function copyShop(label: string): string {
  const scratch = join(REPO_ROOT, '.seamlint-tmp');
  mkdirSync(scratch, { recursive: true });
  const copy = mkdtempSync(join(scratch, `${label}-`));
  const shop = join(REPO_ROOT, 'test-fixtures', 'shop');
  // Not the fixture's node_modules: only a cache other runs may have left there.
  cpSync(shop, copy, { recursive: true, filter: (source) => !relative(shop, source).split(sep).includes('node_modules') });
  return copy;
}

/** A per-run home for XDG config, data and cache, so editors and browsers never write into $HOME. */
export function xdgEnvironment(home: string): NodeJS.ProcessEnv {
  for (const dir of ['config', 'data', 'cache', 'state']) mkdirSync(join(home, dir), { recursive: true });
  return {
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
  };
}
