// The packages of the workspace, from what declares them, in order of authority: config `services`, npm/yarn
// `workspaces`, pnpm-workspace.yaml, Nx project.json files. Only when none of those name a package does the folder
// convention apply (services/*, apps/*, packages/*, libs/*), and a repository that is one package is that package.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { DiscoverOptions, PackageSource, WorkspacePackage } from './types.js';
import { asString, isFile, isRecord, parseYamlDocuments, readJsonObject, readText, stringList, type DiscoveryLog } from './manifest-io.js';
import { exclusionGlobs } from './source-files.js';

interface PackageCandidate {
  root: string;
  source: PackageSource;
  /** The name to use when the folder has no package.json name. */
  fallbackName: string;
  role?: WorkspacePackage['role'];
}

export interface PackageDiscoveryInput {
  root: string;
  options: DiscoverOptions;
  /** Nx project.json files found by the workspace scan. */
  projectJsonFiles: readonly string[];
  /** Source files found by the workspace scan: a fallback folder counts when it holds TypeScript. */
  sourceFiles: readonly string[];
  log: DiscoveryLog;
}

const FALLBACK_FOLDERS: ReadonlyArray<{ folder: string; role: NonNullable<WorkspacePackage['role']> }> = [
  { folder: 'services', role: 'service' },
  { folder: 'apps', role: 'service' },
  { folder: 'packages', role: 'library' },
  { folder: 'libs', role: 'library' },
];

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

export async function discoverPackages(input: PackageDiscoveryInput): Promise<WorkspacePackage[]> {
  const { root, options, log } = input;
  const rootManifestFile = join(root, 'package.json');
  const rootManifest = isFile(rootManifestFile) ? readJsonObject(rootManifestFile, log) : undefined;
  const declared: PackageCandidate[] = [
    ...configCandidates(root, options),
    ...(await globCandidates(root, npmWorkspaceGlobs(rootManifest), 'npm-workspaces', options.ignore)),
    ...(await globCandidates(root, pnpmWorkspaceGlobs(root, log), 'pnpm-workspaces', options.ignore)),
    ...nxCandidates(root, input.projectJsonFiles, log),
  ];
  let candidates = firstPerRoot(declared);
  if (candidates.length === 0) candidates = fallbackCandidates(root, input.sourceFiles);
  if (candidates.length === 0 && rootManifest) candidates = [{ root, source: 'folder', fallbackName: basename(root) }];
  return resolvePackages(candidates, log);
}

function configCandidates(root: string, options: DiscoverOptions): PackageCandidate[] {
  return Object.entries(options.services).map(([name, service]) => ({
    root: resolve(root, service.root),
    source: 'config',
    fallbackName: name,
  }));
}

/** `workspaces: [...]` (npm, yarn) or `workspaces: {packages: [...]}` (yarn classic with nohoist). */
function npmWorkspaceGlobs(manifest: Record<string, unknown> | undefined): string[] {
  const workspaces = manifest?.workspaces;
  return isRecord(workspaces) ? stringList(workspaces.packages) : stringList(workspaces);
}

function pnpmWorkspaceGlobs(root: string, log: DiscoveryLog): string[] {
  const file = join(root, 'pnpm-workspace.yaml');
  if (!isFile(file)) return [];
  const text = readText(file, log);
  if (text === undefined) return [];
  log.manifestFiles.add(file);
  const [document] = parseYamlDocuments(file, text, log);
  return isRecord(document) ? stringList(document.packages) : [];
}

/** Folders holding a package.json that the workspace globs (with `!negations`) select; the root itself is not one. */
async function globCandidates(root: string, globs: string[], source: PackageSource, ignore: readonly string[]): Promise<PackageCandidate[]> {
  if (globs.length === 0) return [];
  const patterns = globs.map((pattern) => {
    const negated = pattern.startsWith('!');
    const folder = (negated ? pattern.slice(1) : pattern).replace(/^\.\//, '').replace(/\/+$/, '');
    return `${negated ? '!' : ''}${folder === '' || folder === '.' ? '' : `${folder}/`}package.json`;
  });
  const manifests = await glob(patterns, { cwd: root, ignore: exclusionGlobs(ignore), followSymbolicLinks: false, expandDirectories: false });
  return manifests
    .map((manifest) => join(root, dirname(manifest)))
    .filter((folder) => folder !== root)
    .sort()
    .map((folder) => ({ root: folder, source, fallbackName: basename(folder) }));
}

/** Nx projects, declared by project.json files; only in an Nx workspace, where that file name means an Nx project. */
function nxCandidates(root: string, projectJsonFiles: readonly string[], log: DiscoveryLog): PackageCandidate[] {
  const nxJson = join(root, 'nx.json');
  if (!isFile(nxJson)) return [];
  log.manifestFiles.add(nxJson);
  return projectJsonFiles.map((file) => {
    const project = readJsonObject(file, log);
    return { root: dirname(file), source: 'nx', fallbackName: asString(project?.name) ?? basename(dirname(file)) };
  });
}

/** Folders directly under services/, apps/, packages/, libs/ that hold a package.json or TypeScript. */
function fallbackCandidates(root: string, sourceFiles: readonly string[]): PackageCandidate[] {
  const candidates: PackageCandidate[] = [];
  for (const { folder, role } of FALLBACK_FOLDERS) {
    for (const name of subfolders(join(root, folder))) {
      const packageRoot = join(root, folder, name);
      if (isFile(join(packageRoot, 'package.json')) || containsTypeScript(packageRoot, sourceFiles)) {
        candidates.push({ root: packageRoot, source: 'folder', fallbackName: name, role });
      }
    }
  }
  return candidates;
}

function subfolders(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function containsTypeScript(folder: string, sourceFiles: readonly string[]): boolean {
  const prefix = folder + sep;
  return sourceFiles.some((file) => file.startsWith(prefix) && /\.(?:ts|tsx|mts|cts)$/.test(file));
}

/** A folder declared twice (config and workspaces, say) keeps its most authoritative source. */
function firstPerRoot(candidates: PackageCandidate[]): PackageCandidate[] {
  const byRoot = new Map<string, PackageCandidate>();
  for (const candidate of candidates) if (!byRoot.has(candidate.root)) byRoot.set(candidate.root, candidate);
  return [...byRoot.values()];
}

function resolvePackages(candidates: PackageCandidate[], log: DiscoveryLog): WorkspacePackage[] {
  const read = candidates.map((candidate) => {
    const manifestFile = join(candidate.root, 'package.json');
    const manifest = isFile(manifestFile) ? readJsonObject(manifestFile, log) : undefined;
    return { candidate, manifest, name: asString(manifest?.name) ?? candidate.fallbackName };
  });
  const names = new Set(read.map(({ name }) => name));
  return read
    .map(({ candidate, manifest, name }) => {
      const dependencies = DEPENDENCY_FIELDS.flatMap((field) => {
        const listed = manifest?.[field];
        return isRecord(listed) ? Object.keys(listed) : [];
      });
      const pkg: WorkspacePackage = {
        name,
        root: candidate.root,
        source: candidate.source,
        dependsOn: [...new Set(dependencies)].filter((dependency) => dependency !== name && names.has(dependency)).sort(),
      };
      const tsconfig = join(candidate.root, 'tsconfig.json');
      if (isFile(tsconfig)) pkg.tsconfigPath = tsconfig;
      if (candidate.role) pkg.role = candidate.role;
      return pkg;
    })
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

