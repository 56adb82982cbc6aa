// Facts per file, keyed by the file's content hash, for one build of seamlint. Facts do not depend on config (rules
// and model linking do), so one cache serves every config; the results cache keys on the config.
import { join } from 'node:path';
import type { FileFacts } from '../facts/types.js';
import { buildId } from './build-id.js';
import { cacheDirectory, readCacheFile, writeCacheFile } from './cache-files.js';

interface FactsCacheFile {
  build: string;
  files: Record<string, FileFacts>;
}

export class FactsCache {
  private readonly path: string;
  private readonly entries: Record<string, FileFacts>;
  private readonly used = new Map<string, FileFacts>();
  private changed = false;

  constructor(root: string) {
    this.path = join(cacheDirectory(root), 'facts.json');
    const build = buildId();
    const stored = readCacheFile(this.path, (value): value is FactsCacheFile => isCacheFile(value) && value.build === build);
    this.entries = stored?.files ?? {};
  }

  /** The cached facts for this path when they were extracted from text with this hash. */
  get(path: string, hash: string): FileFacts | undefined {
    const facts = this.entries[path];
    if (!facts || facts.hash !== hash) return undefined;
    this.used.set(path, facts);
    return facts;
  }

  set(path: string, facts: FileFacts): void {
    this.used.set(path, facts);
    this.changed = true;
  }

  /** Writes what this run used: deleted files drop out. */
  save(): void {
    if (!this.changed && this.used.size === Object.keys(this.entries).length) return;
    writeCacheFile(this.path, { build: buildId(), files: Object.fromEntries(this.used) } satisfies FactsCacheFile);
  }
}

function isCacheFile(value: unknown): value is FactsCacheFile {
  return typeof value === 'object' && value !== null && typeof (value as FactsCacheFile).build === 'string' && typeof (value as FactsCacheFile).files === 'object';
}
