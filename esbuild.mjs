// Bundles the three entry points. The CLI and server carry their dependencies (TypeScript included) so the
// packaged extension and `npx seamlint` need no node_modules at run time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** A hash of the engine and rule sources: caches written by one build are never read by another. */
function sourceHash(folders) {
  const hash = createHash('sha1');
  const visit = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(path).update(readFileSync(path));
    }
  };
  folders.forEach(visit);
  return hash.digest('hex').slice(0, 12);
}

/**
 * ts-morph ships its own copy of the TypeScript compiler (@ts-morph/common/dist/typescript.js, the same 6.0 line as
 * our `typescript`). Bundling both doubles start-up time; point ts-morph at the one we use.
 */
const oneTypeScript = {
  name: 'one-typescript',
  setup(build) {
    build.onResolve({ filter: /^\.\/typescript$/ }, (args) =>
      args.importer.includes('@ts-morph/common') ? build.resolve('typescript', { kind: args.kind, resolveDir: args.resolveDir }) : undefined,
    );
  },
};

const common = {
  plugins: [oneTypeScript],
  define: {
    SEAMLINT_BUILD_ID: JSON.stringify(sourceHash(['server/src', 'rules'])),
    // fdir (under tinyglobby) is bundled from ESM and reads import.meta.url, which is empty in CJS output: supply it.
    'import.meta.url': '__seamlintImportMetaUrl',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD "main" build requires its modules dynamically, which a bundle cannot follow: use its ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  banner: { js: "const __seamlintImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);
