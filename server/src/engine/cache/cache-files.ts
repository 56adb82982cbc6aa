// Cache files under node_modules/.cache/seamlint (where Babel, ESLint's and Nx's caches live too). Reading never
// throws: a missing, unreadable, corrupted or foreign file is a miss. Writing is atomic (temp file + rename).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function cacheDirectory(root: string): string {
  return join(root, 'node_modules', '.cache', 'seamlint');
}

export function readCacheFile<T>(path: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeCacheFile(path: string, value: unknown): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, path);
  } catch {
    // A read-only checkout or a full disk costs speed, never the run.
  }
}
