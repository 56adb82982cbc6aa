// The last run's findings, keyed by everything they depend on: seamlint's build, the config and CLI overrides, every
// source file's content hash, the manifests that shape the system (compose, k8s, .env, package.json, tsconfig) and,
// for breaking-contract-change, the git base commit. A warm run over an unchanged tree only reads and hashes files.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isRunSummary, type RunSummary } from '../analysis/run-summary.js';
import type { Finding, SetupProblem } from '../types.js';
import { buildId } from './build-id.js';
import { cacheDirectory, readCacheFile, writeCacheFile } from './cache-files.js';

export interface CachedResults {
  findings: Finding[];
  services: Array<{ name: string; root: string }>;
  /** Problems found while analyzing (rule failures, tsconfig problems), not those of reading files. */
  problems: SetupProblem[];
  /** Kept so a warm run can print its summary line without building the model. */
  summary: RunSummary;
}

interface ResultsCacheFile extends CachedResults {
  build: string;
  key: string;
}

export interface ResultsKeyInput {
  configText: string;
  options: unknown;
  files: ReadonlyMap<string, string>;
  manifests: ReadonlyMap<string, string>;
  gitBase?: string;
}

export function resultsKey(input: ResultsKeyInput): string {
  const hash = createHash('sha1');
  hash.update(buildId()).update('\0').update(input.configText).update('\0').update(JSON.stringify(input.options)).update('\0').update(input.gitBase ?? '');
  for (const [path, text] of [...input.files, ...input.manifests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update('\0').update(path).update('\0').update(createHash('sha1').update(text).digest('hex'));
  }
  return hash.digest('hex');
}

export class ResultsCache {
  private readonly path: string;

  constructor(root: string) {
    this.path = join(cacheDirectory(root), 'results.json');
  }

  get(key: string): CachedResults | undefined {
    const build = buildId();
    return readCacheFile(this.path, (value): value is ResultsCacheFile => isResultsFile(value) && value.build === build && value.key === key);
  }

  set(key: string, results: CachedResults): void {
    writeCacheFile(this.path, { build: buildId(), key, ...results } satisfies ResultsCacheFile);
  }
}

function isResultsFile(value: unknown): value is ResultsCacheFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as ResultsCacheFile;
  return typeof file.build === 'string' && typeof file.key === 'string' && Array.isArray(file.findings) && Array.isArray(file.services) && Array.isArray(file.problems) && isRunSummary(file.summary);
}
