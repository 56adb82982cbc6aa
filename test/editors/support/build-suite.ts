// Bundles the in-editor Mocha suite (test/editors/vscode-suite) to CommonJS for VS Code's extension host: index.js (the
// runner, with Mocha inside) and one .spec.js per spec, which index.js loads. `vscode` is the host's own module.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './environment.js';

export const SUITE_SOURCE = join(REPO_ROOT, 'test', 'editors', 'vscode-suite');

/** Returns the path of the runner, index.js, for `extensionTestsPath`. */
export async function buildVscodeSuite(outDir: string): Promise<string> {
  const specs = readdirSync(SUITE_SOURCE).filter((name) => name.endsWith('.spec.ts'));
  await build({
    entryPoints: [join(SUITE_SOURCE, 'index.ts'), ...specs.map((name) => join(SUITE_SOURCE, name))],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Mocha's parallel mode resolves its worker files at run time; the suite runs serially and never loads them.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return join(outDir, 'index.js');
}
