// The git questions breaking-contract-change asks: which repository holds the workspace, which commit is the base, which
// files the base tree has, and their contents. Every failure comes back as a sentence for the user, never as a throw:
// a missing base must not stop the rest of the run.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { firstLine, runGit } from './run-git.js';

export interface GitRepository {
  /** Absolute, real path of the work tree's top folder. */
  toplevel: string;
  shallow: boolean;
  /** Object ids are sha1 (40 hex digits) or sha256 (64). */
  objectFormat: 'sha1' | 'sha256';
}

export type Opened =
  | { ok: true; repository: GitRepository }
  /** 'no-git': git is not installed; 'not-a-repository': the folder is outside any work tree; 'error': anything else. */
  | { ok: false; kind: 'no-git' | 'not-a-repository' | 'error'; message: string };

export type ResolvedBase = { ok: true; sha: string; label: string } | { ok: false; message: string };

export interface TreeEntry {
  /** Relative to the repository's top folder, forward slashes. */
  path: string;
  object: string;
}

/**
 * The default base candidates, in order (rules.md: merge-base with `origin/main` or `main`). The remote's own default
 * branch comes first: a repository whose default is `next` or `develop` keeps a stale `main` that would make every
 * change since it forked look like this branch's.
 */
const DEFAULT_BASES = ['origin/HEAD', 'origin/main', 'main', 'origin/master', 'master'];

export async function openRepository(folder: string): Promise<Opened> {
  const shown = await runGit(folder, ['rev-parse', '--show-toplevel', '--is-shallow-repository']);
  if (!shown.ok) {
    if (shown.reason === 'missing') return { ok: false, kind: 'no-git', message: 'git is not installed (no `git` on PATH)' };
    if (/not a git repository/i.test(shown.stderr)) return { ok: false, kind: 'not-a-repository', message: 'the workspace is not inside a git repository' };
    return { ok: false, kind: 'error', message: `git failed: ${firstLine(shown.stderr)}` };
  }
  const [toplevel = '', shallow = 'false'] = shown.stdout.toString('utf8').trim().split('\n');
  const format = await runGit(folder, ['rev-parse', '--show-object-format']);
  const objectFormat = format.ok && format.stdout.toString('utf8').trim() === 'sha256' ? 'sha256' : 'sha1';
  return { ok: true, repository: { toplevel: realPath(toplevel.trim()), shallow: shallow.trim() === 'true', objectFormat } };
}

/**
 * An explicit base is compared as is (`--base v1.4.0`); without one, the merge-base of HEAD with origin/main or main,
 * so commits that landed on main after this branch forked are not mistaken for removals on this branch.
 */
export async function resolveBase(repository: GitRepository, requested: string | undefined): Promise<ResolvedBase> {
  if (requested !== undefined) {
    const sha = await commitOf(repository, requested);
    if (sha) return { ok: true, sha, label: `${requested} (${sha.slice(0, 7)})` };
    return { ok: false, message: repository.shallow ? `the base \`${requested}\` is not in this shallow clone: ${UNSHALLOW}` : `unknown git ref \`${requested}\`` };
  }
  const head = await commitOf(repository, 'HEAD');
  if (!head) return { ok: false, message: 'the repository has no commits yet, so there is no base to compare with' };
  for (const candidate of DEFAULT_BASES) {
    if (!(await commitOf(repository, candidate))) continue;
    const mergeBase = await runGit(repository.toplevel, ['merge-base', 'HEAD', candidate]);
    const sha = mergeBase.ok ? mergeBase.stdout.toString('utf8').trim() : '';
    if (sha) return { ok: true, sha, label: `the merge-base with ${candidate} (${sha.slice(0, 7)})` };
    return {
      ok: false,
      message: repository.shallow
        ? `the merge-base of HEAD and ${candidate} is not in this shallow clone: ${UNSHALLOW}`
        : `HEAD and ${candidate} share no history; pass --base <ref>`,
    };
  }
  return { ok: false, message: 'no default base: none of origin/HEAD, origin/main, main, origin/master, master exists; pass --base <ref> or set `base` in seamlint.config.json' };
}

const UNSHALLOW = 'fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) or pass --base <ref> of a fetched commit';

/** The files of the base tree under `folder` (an absolute path inside the work tree). */
export async function listTree(repository: GitRepository, sha: string, folder: string): Promise<TreeEntry[] | { error: string }> {
  const prefix = relative(repository.toplevel, realPath(folder)).split(sep).join('/');
  const listed = await runGit(repository.toplevel, ['ls-tree', '-r', '-z', '--full-tree', sha, ...(prefix ? ['--', prefix] : [])]);
  if (!listed.ok) return { error: `could not list the base tree: ${firstLine(listed.stderr)}` };
  const entries: TreeEntry[] = [];
  for (const record of listed.stdout.toString('utf8').split('\0')) {
    // `<mode> SP <type> SP <object> TAB <path>`; submodules (commit) and symbolic links (mode 120000) are not source.
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (!match || match[2] !== 'blob' || match[1] === '120000') continue;
    entries.push({ path: match[4]!, object: match[3]! });
  }
  return entries;
}

/** Blob contents by object id, read in one `git cat-file --batch` process rather than one `git show` per file. */
export async function readBlobs(repository: GitRepository, objects: readonly string[]): Promise<Map<string, string> | { error: string }> {
  const texts = new Map<string, string>();
  if (objects.length === 0) return texts;
  const batch = await runGit(repository.toplevel, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  if (!batch.ok) return { error: `could not read files at the base: ${firstLine(batch.stderr)}` };
  const output = batch.stdout;
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(10, offset);
    if (headerEnd < 0) break;
    const header = output.toString('utf8', offset, headerEnd).split(' ');
    offset = headerEnd + 1;
    // `<object> missing` has no body.
    if (header[1] !== 'blob') continue;
    const size = Number(header[2]);
    texts.set(header[0]!, output.toString('utf8', offset, offset + size));
    offset += size + 1;
  }
  return texts;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A commit a ref names, or undefined. Refs that look like options are refused: they would be read as flags. */
async function commitOf(repository: GitRepository, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-') || ref.trim() === '') return undefined;
  const parsed = await runGit(repository.toplevel, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const sha = parsed.ok ? parsed.stdout.toString('utf8').trim() : '';
  return sha || undefined;
}
