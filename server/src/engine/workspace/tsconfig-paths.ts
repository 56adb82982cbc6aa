// Library folders that a workspace reaches only through tsconfig `paths` (`"@app/common": ["libs/common/src"]`): Nest
// monorepos, Nx workspaces without package.json files, hand-rolled aliases. Such a folder is a library by construction.
import { dirname, join, resolve, sep } from 'node:path';
import { asString, isDirectory, isFile, isRecord, readJsonObject, type DiscoveryLog } from './manifest-io.js';

export interface PathLibrary {
  /** The alias without its `/*` (`@app/common`). */
  name: string;
  /** Absolute folder of the library. */
  root: string;
}

/** The root-level tsconfig files that declare workspace-wide aliases. */
const ROOT_TSCONFIGS = ['tsconfig.base.json', 'tsconfig.json'];

export function tsconfigPathLibraries(root: string, tsconfigFiles: readonly string[], log: DiscoveryLog): PathLibrary[] {
  const libraries = new Map<string, PathLibrary>();
  for (const name of ROOT_TSCONFIGS) {
    const file = join(root, name);
    if (!tsconfigFiles.includes(file) && !isFile(file)) continue;
    const options = readJsonObject(file, log)?.compilerOptions;
    if (!isRecord(options) || !isRecord(options.paths)) continue;
    const base = resolve(root, asString(options.baseUrl) ?? '.');
    for (const [alias, targets] of Object.entries(options.paths)) {
      const target = Array.isArray(targets) ? asString(targets[0]) : undefined;
      if (!target || alias === '*') continue;
      const folder = libraryFolder(root, resolve(base, target.replace(/\/?\*.*$/, '')));
      if (folder && !libraries.has(folder)) libraries.set(folder, { name: alias.replace(/\/\*$/, ''), root: folder });
    }
  }
  return [...libraries.values()];
}

/**
 * The library folder an alias target lies in: the nearest folder up from the target holding a package.json or
 * project.json, else the folder above its `src/` (`libs/common/src/index.ts` → `libs/common`), else the target folder.
 */
function libraryFolder(root: string, target: string): string | undefined {
  let folder = isDirectory(target) ? target : dirname(target);
  if (!folder.startsWith(root + sep)) return undefined;
  for (let current = folder; current.startsWith(root + sep); current = dirname(current)) {
    if (isFile(join(current, 'package.json')) || isFile(join(current, 'project.json'))) return current;
  }
  const srcAt = folder.lastIndexOf(`${sep}src`);
  if (srcAt > root.length && (folder.length === srcAt + 4 || folder[srcAt + 4] === sep)) folder = folder.slice(0, srcAt);
  return folder === root ? undefined : folder;
}
