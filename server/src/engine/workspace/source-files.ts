// One crawl of the workspace finds every file discovery cares about, so a huge tree is walked once.
// Symbolic links are not followed: it is the only way to be immune to link loops and to links leading out of the
// workspace, and a linked file that lives inside the workspace is found at its real place anyway.
import { join } from 'node:path';
import { glob } from 'tinyglobby';

/** Folders that hold dependencies, build output or VCS data, never code to analyze. Hidden folders are skipped too. */
const EXCLUDED_FOLDERS = ['node_modules', 'dist', 'coverage', '.git'];

/**
 * `build/` and `out/` are build output beside a package's sources, but inside them they are code like any other
 * (`src/core/build/build.service.ts`): excluded only where no source folder lies above them.
 */
const OUTPUT_FOLDERS = new Set(['build', 'out']);
const SOURCE_FOLDERS = new Set(['src', 'lib', 'app', 'source', 'sources']);

export function isBuildOutput(relativePath: string): boolean {
  const folders = relativePath.split('/').slice(0, -1);
  for (const folder of folders) {
    if (SOURCE_FOLDERS.has(folder)) return false;
    if (OUTPUT_FOLDERS.has(folder)) return true;
  }
  return false;
}

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;
const TSCONFIG_FILE = /(?:^|\/)tsconfig[^/]*\.json$/;
const YAML_FILE = /\.ya?ml$/;
const PROJECT_JSON = /(?:^|\/)project\.json$/;
const PRISMA_FILE = /\.prisma$/;
const PACKAGE_JSON = /(?:^|\/)package\.json$/;
// `Dockerfile`, `Dockerfile.api`, `api.Dockerfile`: how a folder says it is built into an image of its own.
const DOCKERFILE = /(?:^|\/)(?:Dockerfile(?:\.[\w.-]+)?|[\w.-]+\.Dockerfile)$/;
const NEST_CLI_JSON = /(?:^|\/)nest-cli\.json$/;
// Test-runner configuration written as data: which files are tests (code roles).
const JEST_JSON = /(?:^|\/)jest[\w.-]*\.json$/;

export interface ScannedFiles {
  /** Absolute, sorted; no declaration files. */
  sourceFiles: string[];
  tsconfigFiles: string[];
  /** Every .yml/.yaml file: compose and Kubernetes candidates. */
  yamlFiles: string[];
  /** Nx project files. */
  projectJsonFiles: string[];
  /** Prisma schema files (`schema.prisma`, multi-file schema folders). */
  prismaFiles: string[];
  /** Every package.json below the root (the root's own included): workspace-less layouts are told by them. */
  packageJsonFiles: string[];
  /** Dockerfiles anywhere in the tree. */
  dockerfiles: string[];
  /** nest-cli.json files: a Nest monorepo declares its apps and libraries there. */
  nestCliFiles: string[];
  /** jest*.json files: test-runner configuration that says which files are tests. */
  jestConfigFiles: string[];
}

/** Globs that keep discovery out of dependency and build folders, plus the user's `ignore`. */
export function exclusionGlobs(userIgnore: readonly string[]): string[] {
  return [...EXCLUDED_FOLDERS.map((folder) => `**/${folder}/**`), ...normalizeIgnoreGlobs(userIgnore)];
}

/**
 * Config `ignore` entries are relative to the root. A plain folder path (`services/legacy`) means everything under it,
 * the way users expect from .gitignore-style lists.
 */
export function normalizeIgnoreGlobs(globs: readonly string[]): string[] {
  const result: string[] = [];
  for (const raw of globs) {
    const glob = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    if (glob === '') continue;
    result.push(glob);
    if (!glob.endsWith('/**')) result.push(`${glob}/**`);
  }
  return result;
}

export async function scanWorkspaceFiles(root: string, userIgnore: readonly string[]): Promise<ScannedFiles> {
  const relativePaths = await glob([
    '**/*.{ts,tsx,mts,cts,js,mjs,cjs}',
    '**/tsconfig*.json',
    '**/*.{yml,yaml}',
    '**/project.json',
    '**/*.prisma',
    '**/package.json',
    '**/{Dockerfile,Dockerfile.*,*.Dockerfile}',
    '**/nest-cli.json',
    '**/jest*.json',
  ], {
    cwd: root,
    ignore: exclusionGlobs(userIgnore),
    // Relative results: tinyglobby then matches ignores against paths inside the root, whatever the root's own path is.
    absolute: false,
    dot: false,
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  relativePaths.sort();
  const kept = relativePaths.filter((path) => !isBuildOutput(path));
  const scanned: ScannedFiles = {
    sourceFiles: [],
    tsconfigFiles: [],
    yamlFiles: [],
    projectJsonFiles: [],
    prismaFiles: [],
    packageJsonFiles: [],
    dockerfiles: [],
    nestCliFiles: [],
    jestConfigFiles: [],
  };
  for (const relativePath of kept) {
    const file = join(root, relativePath);
    if (SOURCE_FILE.test(relativePath) && !DECLARATION_FILE.test(relativePath)) scanned.sourceFiles.push(file);
    else if (TSCONFIG_FILE.test(relativePath)) scanned.tsconfigFiles.push(file);
    else if (YAML_FILE.test(relativePath)) scanned.yamlFiles.push(file);
    else if (PROJECT_JSON.test(relativePath)) scanned.projectJsonFiles.push(file);
    else if (PRISMA_FILE.test(relativePath)) scanned.prismaFiles.push(file);
    else if (PACKAGE_JSON.test(relativePath)) scanned.packageJsonFiles.push(file);
    else if (DOCKERFILE.test(relativePath)) scanned.dockerfiles.push(file);
    else if (NEST_CLI_JSON.test(relativePath)) scanned.nestCliFiles.push(file);
    else if (JEST_JSON.test(relativePath)) scanned.jestConfigFiles.push(file);
  }
  return scanned;
}
