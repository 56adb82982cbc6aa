// The packaged extension holds the bundled client and server, what they read at run time (schema, rule docs) and the
// manifest, README and LICENSE, and nothing else: no sources, tests, fixtures, node_modules or source maps.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, REPO_ROOT } from '../support/cli.js';
import { extractZip, type ZipEntry } from './support/zip.js';

let scratch: string;
let entries: ZipEntry[];

beforeAll(() => {
  ensureBuilt();
  mkdirSync(join(REPO_ROOT, '.seamlint-tmp'), { recursive: true });
  scratch = mkdtempSync(join(REPO_ROOT, '.seamlint-tmp', 'vsix-test-'));
  const vsix = join(scratch, 'seamlint.vsix');
  const pack = spawnSync(process.execPath, [join(REPO_ROOT, 'client', 'scripts', 'package-vsix.mjs'), '--out', vsix], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`packaging failed:\n${pack.stdout}\n${pack.stderr}`);
  entries = extractZip(vsix, join(scratch, 'unpacked'));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const names = (): string[] => entries.map((entry) => entry.name);

it('holds the bundled client and server, byte for byte as built', () => {
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    expect(names()).toContain(`extension/${bundle}`);
    const packed = readFileSync(join(scratch, 'unpacked', 'extension', bundle));
    expect(packed.equals(readFileSync(join(REPO_ROOT, bundle))), `${bundle} differs from the build`).toBe(true);
  }
});

it('holds TypeScript beside the server, as built, with the lib declarations and its licence', () => {
  const shipped = names().filter((name) => name.startsWith('extension/dist/typescript/'));
  expect(shipped).toEqual(expect.arrayContaining(['extension/dist/typescript/typescript.js', 'extension/dist/typescript/lib.d.ts', 'extension/dist/typescript/lib.es2022.d.ts', 'extension/dist/typescript/LICENSE.txt']));
  const packed = readFileSync(join(scratch, 'unpacked', 'extension', 'dist', 'typescript', 'typescript.js'));
  expect(packed.equals(readFileSync(join(REPO_ROOT, 'dist', 'typescript', 'typescript.js')))).toBe(true);
});

it('holds the manifest, the config schema, README, LICENSE and every rule doc', () => {
  const docs = spawnSync('git', ['ls-files', 'rules/docs'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  expect(docs.length).toBeGreaterThan(0);
  expect(names()).toEqual(
    expect.arrayContaining([
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/schema.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      ...docs.map((doc) => `extension/${doc}`),
    ]),
  );
  const manifest = JSON.parse(readFileSync(join(scratch, 'unpacked', 'extension', 'package.json'), 'utf8')) as Record<string, unknown>;
  expect(manifest.main).toBe('./dist/client.js');
  // The npm package's file list is not the extension's: vsce would refuse it next to .vscodeignore.
  expect(manifest.files).toBeUndefined();
});

it('holds nothing else', () => {
  const allowed = [
    /^extension\.vsixmanifest$/,
    /^\[Content_Types\]\.xml$/,
    /^extension\/(package\.json|schema\.json|readme\.md|LICENSE\.txt)$/,
    /^extension\/dist\/(client|server)\.js$/,
    /^extension\/dist\/typescript\/(typescript\.js|lib(\.[a-z0-9.]+)?\.d\.ts|LICENSE\.txt|ThirdPartyNoticeText\.txt)$/,
    /^extension\/rules\/docs\/[a-z0-9-]+\.md$/,
  ];
  const unexpected = names().filter((name) => !allowed.some((pattern) => pattern.test(name)));
  expect(unexpected).toEqual([]);
  // Spelled out, because these are the mistakes that make a .vsix ten times its size or leak the test suites.
  for (const name of names()) {
    expect(name).not.toMatch(/node_modules|(?<!\.d)\.ts$|\.map$|test-fixtures|\/test\/|\/server\/src\/|\/client\/src\/|dist\/cli\.js/);
  }
});
