// Bundles the three entry points. The CLI and server carry their dependencies (TypeScript included) so the
// packaged extension and `npx seamlint` need no node_modules at run time.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
 * TypeScript is 9 MB of JavaScript, and compiling it is most of seamlint's start-up. It ships beside the bundles, as
 * `dist/typescript/typescript.js` with its `lib.*.d.ts` files (which the type checker needs, and which a bundle alone
 * would not have), and is loaded on first use: every `import ts from 'typescript'` gets an object with TypeScript's keys
 * whose first property read loads the real module and turns every key into a plain value. Runs that never parse (a
 * warm run answered from the results cache, `rules`, `explain`, `--version`) never load it. The keys come from the
 * TypeScript being shipped, so they always match it.
 */
const require = createRequire(import.meta.url);
const typescriptKeys = Object.keys(require('typescript'));
const TYPESCRIPT_BESIDE = './typescript/typescript.js';
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'lazy-typescript' }));
    build.onResolve({ filter: /^\.\/typescript\/typescript\.js$/ }, (args) => (args.namespace === 'lazy-typescript' ? { path: TYPESCRIPT_BESIDE, external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => ({
      loader: 'js',
      contents: `
        const keys = ${JSON.stringify(typescriptKeys)};
        const lazy = {};
        let real;
        function load() {
          if (real === undefined) {
            real = require(${JSON.stringify(TYPESCRIPT_BESIDE)});
            for (const key of keys) Object.defineProperty(lazy, key, { value: real[key], enumerable: true });
          }
          return real;
        }
        for (const key of keys) Object.defineProperty(lazy, key, { get: () => load()[key], enumerable: true, configurable: true });
        // An ES-module shape whose default export sits on the prototype. The bundle's interop copies a module's own keys,
        // as getters, into each of the ~70 modules that import it: TypeScript's thousand keys cost start-up time, and
        // a getter on \`default\` would be called on every \`ts.*\` access. It keeps the prototype, so \`default\` stays
        // a plain property.
        module.exports = Object.assign(Object.create({ default: lazy }), { __esModule: true });
      `,
    }));
  },
};

/** TypeScript's compiler, its lib declarations and licence, as the lazy module above expects them. */
function shipTypeScript() {
  const from = dirname(require.resolve('typescript/lib/typescript.js'));
  const to = join('dist', 'typescript');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === 'typescript.js' || /^lib\..*\.d\.ts$/.test(name) || name === 'lib.d.ts') copyFileSync(join(from, name), join(to, name));
  }
  for (const notice of ['LICENSE.txt', 'ThirdPartyNoticeText.txt']) copyFileSync(join(from, '..', notice), join(to, notice));
}

const common = {
  plugins: [lazyTypeScript],
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

shipTypeScript();
await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);
