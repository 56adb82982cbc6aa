// Which modules hold contracts (the shapes other services rely on): by file name (`*.dto.ts`, `*.events.ts`), by folder
// below the package root (`dto/`, `contracts/`, `api/`), by package name (`@acme/contracts`), or by config `contracts`
// globs. Tests never do. One definition for the working tree and for the git base's snapshot, so both sides of a
// breaking-change comparison see the same modules.
import picomatch from 'picomatch';

const CONTRACT_FILE = /\.(?:dto|dtos|contract|contracts|event|events)\.[cm]?[jt]sx?$/;
const CONTRACT_FOLDERS = new Set(['dto', 'dtos', 'contracts', 'events', 'api']);
const CONTRACT_PACKAGE = /(?:contracts|events|dto|api-types|schemas)$/;
const TEST_FILE = /\.(?:spec|test|e2e-spec)\.[cm]?[jt]sx?$|(?:^|\/)(?:__tests__|test|tests)\//;

export interface ModuleLocation {
  /** Absolute path. */
  path: string;
  /** Relative to the workspace root, forward slashes. */
  relativePath: string;
  package?: { name: string; root: string };
}

/** A predicate for contract modules; the globs are compiled once. */
export function contractModuleMatcher(contractGlobs: readonly string[] = []): (file: ModuleLocation) => boolean {
  const configured = contractGlobs.length > 0 ? picomatch(contractGlobs as string[], { dot: true }) : () => false;
  return (file) => {
    const { relativePath } = file;
    if (TEST_FILE.test(relativePath)) return false;
    if (CONTRACT_FILE.test(relativePath) || configured(relativePath)) return true;
    // Folders below the package root: a package named `api` is not a contract folder of itself.
    const own = file.package && file.path.startsWith(`${file.package.root}/`) ? file.path.slice(file.package.root.length + 1) : relativePath;
    if (own.split('/').slice(0, -1).some((folder) => CONTRACT_FOLDERS.has(folder))) return true;
    return file.package !== undefined && CONTRACT_PACKAGE.test(file.package.name.replace(/^@[^/]+\//, ''));
  };
}

