// The packages of the workspace, from what declares them, in order of authority: config `services`, npm/yarn
// `workspaces`, pnpm-workspace.yaml, Nx project.json files, nest-cli.json projects; then folders that deployments build
// (compose build contexts, Dockerfiles beside a package.json or tsconfig), every package.json folder of a workspace-less
// repository (`microservices/*`, top-level `<service>/`), and folders reached only through tsconfig `paths` (libraries).
// Only when none of those name a package does the folder convention apply (services/*, apps/*, packages/*, libs/*),
// and a repository that is one package is that package.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { DeploymentService, DiscoverOptions, PackageSource, WorkspacePackage } from './types.js';
import { asString, isFile, isRecord, parseYamlDocuments, readJsonObject, readText, stringList, type DiscoveryLog } from './manifest-io.js';
import { packageTraits } from './package-traits.js';
import { roleOfPath } from './code-roles.js';
import { exclusionGlobs, isBuildOutput } from './source-files.js';
import { tsconfigPathLibraries } from './tsconfig-paths.js';

interface PackageCandidate {
  root: string;
  source: PackageSource;
  /** The name to use when the folder has no package.json name. */
  fallbackName: string;
  role?: WorkspacePackage['role'];
  nxProject?: Record<string, unknown>;
  nestType?: 'application' | 'library';
}

export interface PackageDiscoveryInput {
  root: string;
  options: DiscoverOptions;
  /** Nx project.json files found by the workspace scan. */
  projectJsonFiles: readonly string[];
  /** Source files found by the workspace scan: a fallback folder counts when it holds TypeScript. */
  sourceFiles: readonly string[];
  /** Every package.json of the tree (workspace-less layouts). */
  packageJsonFiles?: readonly string[];
  /** Every Dockerfile of the tree. */
  dockerfiles?: readonly string[];
  /** nest-cli.json files (Nest monorepo mode). */
  nestCliFiles?: readonly string[];
  /** tsconfig files: `paths` name library folders. */
  tsconfigFiles?: readonly string[];
  /** Deployments read from compose/k8s/skaffold: their build contexts and Dockerfiles are package folders. */
  deployments?: readonly DeploymentService[];
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
  const workspaceManifests = [
    ...(await globCandidates(root, npmWorkspaceGlobs(rootManifest), 'npm-workspaces', options.ignore)),
    ...(await globCandidates(root, pnpmWorkspaceGlobs(root, log), 'pnpm-workspaces', options.ignore)),
    ...nxCandidates(root, input.projectJsonFiles, log),
    ...nestCliCandidates(root, input.nestCliFiles ?? [], log),
  ];
  const sourceFolders = foldersHoldingSource(input.sourceFiles);
  const declared: PackageCandidate[] = [
    ...configCandidates(root, options),
    ...workspaceManifests,
    ...deploymentCandidates(root, input, sourceFolders, workspaceManifests.map((candidate) => candidate.root)),
    // A repository without a workspace manifest declares its packages by the folder convention and by their
    // package.json files alone.
    ...(workspaceManifests.length === 0 ? [...fallbackCandidates(root, input.sourceFiles), ...manifestCandidates(root, input.packageJsonFiles ?? [])] : []),
  ];
  let candidates = firstPerRoot(declared);
  candidates = firstPerRoot([...candidates, ...pathLibraryCandidates(root, input.tsconfigFiles ?? [], log)]);
  if (candidates.length === 0 && rootManifest) candidates = [{ root, source: 'folder', fallbackName: basename(root) }];
  return resolvePackages(candidates, new Set(input.dockerfiles ?? []), log);
}

/**
 * Folders that deployments build: compose/skaffold build contexts and the folders of the Dockerfiles they name, and
 * any folder with its own Dockerfile, when the folder holds a package.json, a tsconfig or source. A Dockerfile of a
 * test fixture or a tool is not a package.
 */
function deploymentCandidates(root: string, input: PackageDiscoveryInput, sourceFolders: ReadonlySet<string>, declaredRoots: readonly string[]): PackageCandidate[] {
  const deployed = new Set<string>();
  for (const deployment of input.deployments ?? []) {
    if (deployment.buildContext) deployed.add(resolve(deployment.buildContext));
    if (deployment.dockerfile) deployed.add(dirname(resolve(deployment.dockerfile)));
  }
  const folders = new Set(deployed);
  // A Dockerfile no deployment names, inside a declared package (`libs/db/prisma/Dockerfile`), is that package's own.
  const insideDeclared = (folder: string) => declaredRoots.some((declared) => folder.startsWith(declared + sep));
  for (const dockerfile of input.dockerfiles ?? []) if (!insideDeclared(dirname(dockerfile))) folders.add(dirname(dockerfile));
  const candidates: PackageCandidate[] = [];
  for (const folder of [...folders].sort()) {
    if (folder === root || !folder.startsWith(root + sep) || !isPackageFolderPath(folder.slice(root.length + 1))) continue;
    const isPackage = isFile(join(folder, 'package.json')) || isFile(join(folder, 'tsconfig.json')) || sourceFolders.has(folder);
    if (isPackage) candidates.push({ root: folder, source: 'deployment', fallbackName: basename(folder) });
  }
  return candidates;
}

/**
 * Whether a folder can be a package of its own: not test or tooling code, and not inside a package's source or
 * templates (a code generator's `src/templates/app/Dockerfile` is content, not a package).
 */
function isPackageFolderPath(relativeFolder: string): boolean {
  if (roleOfPath(`${relativeFolder}/x.ts`)) return false;
  return !relativeFolder.split('/').some((segment) => NOT_PACKAGE_FOLDERS.has(segment));
}

const NOT_PACKAGE_FOLDERS = new Set(['src', 'template', 'templates', 'boilerplate', 'boilerplates', 'static', 'public', 'assets', 'generated']);

/** Every package.json folder but the root's own, outside test and tooling folders. */
function manifestCandidates(root: string, packageJsonFiles: readonly string[]): PackageCandidate[] {
  return packageJsonFiles
    .map((file) => dirname(file))
    .filter((folder) => folder !== root && folder.startsWith(root + sep) && isPackageFolderPath(folder.slice(root.length + 1)))
    .sort()
    .map((folder) => ({ root: folder, source: 'manifest' as const, fallbackName: basename(folder) }));
}

function pathLibraryCandidates(root: string, tsconfigFiles: readonly string[], log: DiscoveryLog): PackageCandidate[] {
  return tsconfigPathLibraries(root, tsconfigFiles, log).map((library) => ({
    root: library.root,
    source: 'tsconfig-paths' as const,
    fallbackName: library.name,
  }));
}

/** Nest's monorepo mode: `projects` in nest-cli.json, each an application or a library with its own root. */
function nestCliCandidates(root: string, nestCliFiles: readonly string[], log: DiscoveryLog): PackageCandidate[] {
  const candidates: PackageCandidate[] = [];
  for (const file of nestCliFiles) {
    if (dirname(file) !== root) continue;
    const projects = readJsonObject(file, log)?.projects;
    if (!isRecord(projects)) continue;
    for (const [name, project] of Object.entries(projects)) {
      const projectRoot = isRecord(project) ? asString(project.root) : undefined;
      if (!projectRoot || !isRecord(project)) continue;
      const type = project.type === 'library' ? 'library' : project.type === 'application' ? 'application' : undefined;
      candidates.push({ root: resolve(root, projectRoot), source: 'nest-cli', fallbackName: name, ...(type ? { nestType: type } : {}) });
    }
  }
  return candidates.filter((candidate) => candidate.root !== root);
}

function foldersHoldingSource(sourceFiles: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of sourceFiles) {
    // A package's source sits in its folder or in src/, lib/, app/ below it.
    const folder = dirname(file);
    folders.add(folder);
    if (/\/(?:src|lib|app)$/.test(folder)) folders.add(dirname(folder));
  }
  return folders;
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
    .filter((manifest) => !isBuildOutput(manifest))
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
    return { root: dirname(file), source: 'nx', fallbackName: asString(project?.name) ?? basename(dirname(file)), ...(project ? { nxProject: project } : {}) };
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

/**
 * A folder declared twice (config and workspaces, say) keeps its most authoritative source, and what the others knew
 * of it (an npm workspace that is also an Nx project keeps its project.json).
 */
function firstPerRoot(candidates: PackageCandidate[]): PackageCandidate[] {
  const byRoot = new Map<string, PackageCandidate>();
  for (const candidate of candidates) {
    const first = byRoot.get(candidate.root);
    if (!first) byRoot.set(candidate.root, { ...candidate });
    else {
      first.nxProject ??= candidate.nxProject;
      first.nestType ??= candidate.nestType;
    }
  }
  return [...byRoot.values()];
}

function resolvePackages(candidates: PackageCandidate[], dockerfiles: ReadonlySet<string>, log: DiscoveryLog): WorkspacePackage[] {
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
        traits: packageTraits({
          root: candidate.root,
          name,
          manifest,
          nxProject: candidate.nxProject,
          nestType: candidate.nestType,
          pathLibrary: candidate.source === 'tsconfig-paths',
          dockerfiles,
        }),
      };
      const tsconfig = join(candidate.root, 'tsconfig.json');
      if (isFile(tsconfig)) pkg.tsconfigPath = tsconfig;
      if (candidate.role) pkg.role = candidate.role;
      return pkg;
    })
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

