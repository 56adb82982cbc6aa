// Which files a session cares about, judged the way workspace discovery would judge them, so a file created in the
// editor joins the analysis exactly when a fresh discovery would have found it.
import { basename, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { exclusionGlobs } from '../workspace/source-files.js';

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;

/**
 * Files whose change alters discovery's picture (services, packages, hostnames, env, module resolution): compose and
 * Kubernetes YAML, `.env*`, tsconfigs, package manifests, Nx and pnpm workspace files, and Prisma schemas (the
 * persistence rules read their models and tables).
 */
const MANIFEST_FILE = /^(?:.*\.ya?ml|\.env.*|tsconfig[^/]*\.json|package\.json|project\.json|nx\.json|.*\.prisma)$/;

export type FileKind = 'source' | 'manifest' | 'other';

export class FileClassifier {
  private readonly excluded: (relativePath: string) => boolean;

  constructor(
    private readonly root: string,
    ignore: readonly string[],
  ) {
    this.excluded = picomatch(exclusionGlobs(ignore), { dot: true });
  }

  kindOf(path: string): FileKind {
    const relativePath = this.relativeInside(path);
    if (relativePath === undefined) return 'other';
    // Discovery skips hidden folders and the dependency/build folders; a manifest there is not the workspace's either.
    if (relativePath.split('/').slice(0, -1).some((segment) => segment.startsWith('.'))) return 'other';
    if (this.excluded(relativePath)) return 'other';
    const name = basename(path);
    if (SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name) && !name.startsWith('.')) return 'source';
    if (MANIFEST_FILE.test(name)) return 'manifest';
    return 'other';
  }

  /** Forward-slash path relative to the root; undefined outside it. */
  relativeInside(path: string): string | undefined {
    const relativePath = relative(this.root, path);
    if (relativePath === '' || relativePath.startsWith('..') || relativePath.startsWith(sep) || /^[a-zA-Z]:/.test(relativePath)) return undefined;
    return relativePath.split(sep).join('/');
  }
}
