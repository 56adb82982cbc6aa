// Inputs of the results-cache key that live outside the source files.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { openRepository, resolveBase } from '../git/repository.js';
import { CONFIG_FILE_NAME } from '../report/index.js';

export function loadedConfigText(root: string, explicitPath: string | undefined): string {
  const path = explicitPath ? (isAbsolute(explicitPath) ? explicitPath : join(root, explicitPath)) : join(root, CONFIG_FILE_NAME);
  return existsSync(path) ? safeRead(path) : '';
}

export function readManifests(paths: readonly string[]): Map<string, string> {
  return new Map(paths.map((path) => [path, safeRead(path)]));
}

/** The commit breaking-contract-change compares with (or why there is none): its findings depend on it. */
export async function gitBaseKey(root: string, requested: string | undefined): Promise<string> {
  const opened = await openRepository(root);
  if (!opened.ok) return `no-repository:${opened.kind}`;
  const base = await resolveBase(opened.repository, requested);
  return base.ok ? base.sha : `unresolved:${base.message}`;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
