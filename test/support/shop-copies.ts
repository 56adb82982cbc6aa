// Copies of the example system for tests that edit files, inside the repository (git-ignored `.seamlint-tmp/`) so
// they resolve the libraries in its node_modules. Each test file removes its copies with `removeShopCopies` afterwards.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

const copies: string[] = [];

export function shopCopy(prefix: string): string {
  const scratch = join(REPO_ROOT, '.seamlint-tmp');
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(join(scratch, `${prefix}-`));
  copies.push(root);
  cpSync(join(REPO_ROOT, 'test-fixtures', 'shop'), root, { recursive: true });
  return root;
}

export function removeShopCopies(): void {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
}
