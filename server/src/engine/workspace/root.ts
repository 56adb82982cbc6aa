// Where a workspace starts. A folder that declares a whole workspace (our config, a workspaces manifest) beats a nearer
// package.json, so opening a file deep inside one package of a monorepo still analyzes the whole monorepo.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { isFile, isRecord } from './manifest-io.js';

const WORKSPACE_MARKERS = ['seamlint.config.json', 'pnpm-workspace.yaml', 'nx.json'];
const SYSTEM_DEPLOYMENT_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'skaffold.yaml', 'skaffold.yml'];

export function findWorkspaceRoot(startPath: string): string {
  const start = startFolder(resolve(startPath));
  return (
    findUp(start, (folder) => WORKSPACE_MARKERS.some((name) => isFile(join(folder, name))) || declaresWorkspaces(folder)) ??
    // A repository without a workspace manifest (services in top-level folders, each with its own package.json) is one
    // system when its root deploys them (compose, skaffold): its root is the repository's root, not the nearest package.
    findUp(start, (folder) => existsSync(join(folder, '.git')) && SYSTEM_DEPLOYMENT_FILES.some((name) => isFile(join(folder, name)))) ??
    findUp(start, (folder) => isFile(join(folder, 'package.json'))) ??
    start
  );
}

function startFolder(path: string): string {
  try {
    if (statSync(path).isDirectory()) return path;
  } catch {
    // A path that no longer exists (a file just deleted in the editor) still belongs to its folder's workspace.
  }
  return dirname(path);
}

function findUp(start: string, matches: (folder: string) => boolean): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (matches(folder)) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/** A package.json with `workspaces`; an unreadable or broken one simply does not count (discovery reports it later). */
function declaresWorkspaces(folder: string): boolean {
  const file = join(folder, 'package.json');
  if (!isFile(file)) return false;
  try {
    // jsonc-parser recovers a partial object from broken JSON: only a clean parse counts.
    const errors: ParseError[] = [];
    const manifest: unknown = parseJsonc(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
    return errors.length === 0 && isRecord(manifest) && manifest.workspaces !== undefined;
  } catch {
    return false;
  }
}
