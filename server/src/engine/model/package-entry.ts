// Where a workspace package's entry points are in its *source*: package.json `exports`, `types`, `main` and `module`
// name built files (`./dist/esm/servers/nest.js`), which a fresh clone does not have. Each is mapped back to the source
// file it is built from (`src/servers/nest.ts`), so analysis works before `npm install` and a build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders builds write to; the source lives under src/ (or beside them). */
const BUILD_FOLDER = /^(?:\.\/)?(?:dist|build|lib|out|esm|cjs)(?:\/(?:esm|cjs|es|lib|types|src|mjs))?\//;
const BUILT_EXTENSION = /\.(?:d\.[mc]?ts|[mc]?js|[mc]?ts)$/;

/** Source-file stems (without extension) an entry of the package may be built from, best first. */
export function sourceEntryStems(packageRoot: string, subpath: string): string[] {
  const manifest = readManifest(packageRoot);
  const targets = manifest ? entryTargets(manifest, subpath) : [];
  const stems: string[] = [];
  for (const target of targets) {
    const withoutExtension = target.replace(BUILT_EXTENSION, '');
    const inBuild = BUILD_FOLDER.test(withoutExtension);
    const rest = withoutExtension.replace(BUILD_FOLDER, '').replace(/^\.\//, '');
    if (inBuild) stems.push(join(packageRoot, 'src', rest), join(packageRoot, rest));
    else stems.push(join(packageRoot, rest));
  }
  return [...new Set(stems)];
}

function entryTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const key = subpath === '' ? '.' : `./${subpath}`;
  const exported = exportTarget(manifest.exports, key);
  const targets = exported ? [exported] : [];
  if (subpath === '') {
    for (const field of ['types', 'typings', 'module', 'main']) {
      const value = manifest[field];
      if (typeof value === 'string') targets.push(value);
    }
  }
  return targets.flatMap(collectStrings);
}

/** The entry `exports` gives a subpath: a string, an object of conditions, or `{ ".": … }` forms; wildcards expanded. */
function exportTarget(exportsField: unknown, key: string): unknown {
  if (exportsField === undefined || exportsField === null) return undefined;
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) return key === '.' ? exportsField : undefined;
  if (typeof exportsField !== 'object') return undefined;
  const entries = exportsField as Record<string, unknown>;
  const isSubpathMap = Object.keys(entries).some((name) => name.startsWith('.'));
  if (!isSubpathMap) return key === '.' ? entries : undefined;
  if (key in entries) return entries[key];
  for (const [pattern, target] of Object.entries(entries)) {
    const star = pattern.indexOf('*');
    if (star === -1 || !key.startsWith(pattern.slice(0, star)) || !key.endsWith(pattern.slice(star + 1))) continue;
    const matched = key.slice(star, key.length - (pattern.length - star - 1));
    return replaceStars(target, matched);
  }
  return undefined;
}

function replaceStars(target: unknown, matched: string): unknown {
  if (typeof target === 'string') return target.replace(/\*/g, matched);
  if (Array.isArray(target)) return target.map((item) => replaceStars(item, matched));
  if (target && typeof target === 'object') return Object.fromEntries(Object.entries(target).map(([name, value]) => [name, replaceStars(value, matched)]));
  return target;
}

/** Every string of a conditions object, types first (they name the file the source is compiled to). */
function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => Number(b === 'types') - Number(a === 'types'));
    return entries.flatMap(([, item]) => collectStrings(item));
  }
  return [];
}

const manifests = new Map<string, Record<string, unknown> | undefined>();

function readManifest(packageRoot: string): Record<string, unknown> | undefined {
  if (manifests.has(packageRoot)) return manifests.get(packageRoot);
  let manifest: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) manifest = parsed as Record<string, unknown>;
  } catch {
    manifest = undefined;
  }
  manifests.set(packageRoot, manifest);
  return manifest;
}
