// The contract snapshot of the git base: which commit (`--base`, config `base`, else the merge-base with origin/main or
// main), which of its files differ from the working tree, and those files' facts. Unchanged files reuse the working
// tree's facts (same blob id), so a typical branch reads and parses a handful of files, in one `git cat-file` process.
// Whatever goes wrong (no git, not a repository, unknown ref, shallow clone) becomes one setup problem and no base:
// the rule then stays silent, and the rest of the run is unaffected.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { analyzeText } from '../analysis/load-files.js';
import { gitBlobId } from '../git/blob-id.js';
import { listTree, openRepository, readBlobs, resolveBase, type GitRepository, type TreeEntry } from '../git/repository.js';
import type { SetupProblem } from '../types.js';
import { normalizeIgnoreGlobs } from '../workspace/source-files.js';
import { buildContractSnapshot, type ContractBase } from './contract-snapshot.js';
import { linkEndpoints } from './endpoints.js';
import type { AnalyzedFile, SystemModel } from './types.js';

/** The rule that needs the base; analyze() loads it only when that rule runs. */
export const CONTRACT_BASE_RULE = 'breaking-contract-change';

export interface ContractBaseRequest {
  /** `--base` or config `base`; undefined: the default merge-base. */
  base?: string;
  /** False in untrusted workspaces: a repository's own config (`core.fsmonitor`, hooks) can make git run its code. */
  allowGit: boolean;
  /** Config `ignore`, so the base tree is filtered like the working tree. */
  ignore: readonly string[];
  /** Config `contracts`. */
  contracts: readonly string[];
  /**
   * What an earlier call loaded for the same request: returned as it is when the base still resolves to the same
   * commit. An editor session asks again after files change on disk (a checkout, a pull) and rarely needs to re-read.
   */
  previous?: LoadedContractBase;
  /**
   * Build the base snapshot even when no file differs from the base yet. A one-shot run skips it (nothing can have
   * broken); an editor session needs it, because the files it is about to be edited in will differ.
   */
  snapshotWhenUnchanged?: boolean;
}

export interface LoadedContractBase {
  base?: ContractBase;
  /** The base commit, when one was resolved. */
  sha?: string;
  problem?: SetupProblem;
}

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;
/** As workspace discovery: dependency, build and VCS folders, and hidden folders, hold no code to analyze. */
const EXCLUDED_SEGMENT = /^(?:node_modules|dist|build|out|coverage)$|^\./;
const MAX_FILE_CHARS = 8 * 1024 * 1024;

export async function loadContractBase(model: SystemModel, request: ContractBaseRequest): Promise<LoadedContractBase> {
  if (!request.allowGit) return notice('git is disabled for this untrusted workspace');
  const opened = await openRepository(model.root);
  if (!opened.ok) {
    // Outside any repository there is no history to compare with: only a base the user asked for deserves a notice.
    const nothingToCompare = opened.kind === 'not-a-repository' || (opened.kind === 'no-git' && !insideGitWorkTree(model.root));
    return nothingToCompare && request.base === undefined ? {} : notice(opened.message);
  }
  const repository = opened.repository;
  const base = await resolveBase(repository, request.base);
  if (!base.ok) return notice(base.message);
  // Same commit, same request: the snapshot would be the same (files that differ from the base are read from git,
  // files that do not have the base's text either way).
  if (request.previous?.base && request.previous.sha === base.sha) return request.previous;

  const tree = await listTree(repository, base.sha, model.root);
  if ('error' in tree) return notice(tree.error);
  const entries = sourceEntries(model.root, repository, tree, request.ignore);

  const changed = entries.filter((entry) => {
    const current = model.file(entry.path);
    return !current || gitBlobId(current.text, repository.objectFormat) !== entry.object;
  });
  // Files only added since the base cannot remove or narrow anything.
  if (changed.length === 0 && !request.snapshotWhenUnchanged) return { sha: base.sha, base: { label: base.label, contractGlobs: request.contracts } };

  const changedEntries = new Set(changed);
  const texts = await readBlobs(repository, [...new Set(changed.map((entry) => entry.object))]);
  if ('error' in texts) return notice(texts.error);
  const files = new Map<string, AnalyzedFile>();
  for (const entry of entries) {
    const current = model.file(entry.path);
    const text = changedEntries.has(entry) ? texts.get(entry.object) : current?.text;
    if (text === undefined || text.length > MAX_FILE_CHARS || text.slice(0, 8192).includes('\0')) continue;
    const file = current && current.text === text ? current : analyzeText(model.root, entry.path, text);
    file.package ??= model.packageOf(entry.path);
    file.service ??= model.serviceOf(entry.path);
    files.set(entry.path, file);
  }
  const endpoints = linkEndpoints(files, model.serviceOf, baseImportResolver(model, files));
  return { sha: base.sha, base: { label: base.label, snapshot: buildContractSnapshot({ files, endpoints, contractGlobs: request.contracts }), contractGlobs: request.contracts } };
}

function notice(reason: string): LoadedContractBase {
  return { problem: { message: `${CONTRACT_BASE_RULE}: ${reason}; contracts were not compared with a base` } };
}

/** Base tree entries that workspace discovery would analyze, keyed by their absolute path under the model's root. */
function sourceEntries(root: string, repository: GitRepository, tree: readonly TreeEntry[], ignore: readonly string[]): Array<{ path: string; object: string }> {
  const realRoot = realPath(root);
  const ignored = picomatch(normalizeIgnoreGlobs(ignore), { dot: true });
  const entries: Array<{ path: string; object: string }> = [];
  for (const entry of tree) {
    const inRoot = relative(realRoot, join(repository.toplevel, entry.path)).split(sep).join('/');
    if (inRoot.startsWith('../') || !SOURCE_FILE.test(inRoot) || DECLARATION_FILE.test(inRoot)) continue;
    if (inRoot.split('/').slice(0, -1).some((segment) => EXCLUDED_SEGMENT.test(segment)) || ignored(inRoot)) continue;
    entries.push({ path: join(root, inRoot), object: entry.object });
  }
  return entries;
}

/** Imports among base files: the working tree's resolution when the target still exists there, else a probe of the base files. */
function baseImportResolver(model: SystemModel, files: ReadonlyMap<string, AnalyzedFile>): (fromFile: string, specifier: string) => string | undefined {
  return (fromFile, specifier) => {
    const resolved = model.resolveImport(fromFile, specifier)?.file;
    if (resolved && files.has(resolved)) return resolved;
    if (!specifier.startsWith('.')) return resolved;
    const stem = resolve(dirname(fromFile), specifier).replace(/\.[mc]?jsx?$/, '');
    return ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].map((extension) => stem + extension).find((path) => files.has(path)) ?? resolved;
  };
}

/** A `.git` folder or file (worktrees, submodules) above the root: git is missing, but the user does have history. */
function insideGitWorkTree(root: string): boolean {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
