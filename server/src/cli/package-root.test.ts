import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot, readPackageVersion, readRuleDocs } from './package-root.js';

// A shipped package: package.json at the root, the bundle in dist/, rule docs in rules/docs/.
const packageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'seamlint-package-'));
fs.mkdirSync(path.join(packageRoot, 'dist'));
fs.mkdirSync(path.join(packageRoot, 'rules/docs'), { recursive: true });
fs.writeFileSync(path.join(packageRoot, 'package.json'), JSON.stringify({ name: 'seamlint', version: '4.5.6' }));
fs.writeFileSync(path.join(packageRoot, 'rules/docs/missing-timeout.md'), '# missing-timeout\n');

afterAll(() => fs.rmSync(packageRoot, { recursive: true, force: true }));

describe('package files', () => {
  it('finds the package root above dist/ and reads the version and rule docs from it', () => {
    const found = findPackageRoot(path.join(packageRoot, 'dist'));
    expect(found).toBe(packageRoot);
    expect(readPackageVersion(found)).toBe('4.5.6');
    expect(readRuleDocs(found, 'missing-timeout')).toBe('# missing-timeout\n');
  });

  it('returns undefined for missing docs and ids that are not plain rule names', () => {
    expect(readRuleDocs(packageRoot, 'no-such-rule')).toBeUndefined();
    expect(readRuleDocs(packageRoot, '../package')).toBeUndefined();
    expect(readRuleDocs(undefined, 'missing-timeout')).toBeUndefined();
  });

  it("finds this repository's own package.json from the sources", () => {
    const root = findPackageRoot(__dirname)!;
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('seamlint');
  });
});
