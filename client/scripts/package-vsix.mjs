// `npm run package:vsix`: dist/seamlint.vsix, the VS Code extension, from the bundles `node esbuild.mjs` wrote.
//
// Why not plain `vsce package` in the repository: package.json's "files" lists what the npm package (the CLI) ships, and
// vsce refuses a package that has both "files" and a .vscodeignore. So vsce lists the extension's files by .vscodeignore
// here (listFiles reads .vscodeignore when it exists), they are copied to a staging folder with a manifest that lacks
// "files", and vsce packages that folder. .vscodeignore stays the one place that says what the .vsix holds.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// `--out <file>` (tests) packages elsewhere than dist/seamlint.vsix.
const outAt = process.argv.indexOf('--out');
const output = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'dist', 'seamlint.vsix');

const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
for (const required of ['dist/client.js', 'dist/server.js', 'dist/typescript/typescript.js']) {
  if (!files.includes(required)) throw new Error(`${required} is missing: run \`node esbuild.mjs\` first`);
}

// A folder of its own per run (inside the repository, git-ignored), so two packagings never share one.
mkdirSync(join(root, '.seamlint-tmp'), { recursive: true });
const stage = mkdtempSync(join(root, '.seamlint-tmp', 'vsix-stage-'));
for (const file of files) {
  mkdirSync(dirname(join(stage, file)), { recursive: true });
  cpSync(join(root, file), join(stage, file));
}
const { files: _npmFiles, ...manifest } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));

try {
  await createVSIX({ cwd: stage, packagePath: output, dependencies: false });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
