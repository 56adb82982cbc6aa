// Where an import leads. TypeScript's own resolver does the work (relative paths, tsconfig `paths`/`extends`,
// node_modules, package `exports`), with the compiler options of the importing file's nearest tsconfig. Workspace
// packages that are not linked into node_modules (a fresh clone before `npm install`) are matched by name.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { sourceEntryStems } from './package-entry.js';

interface ResolverForConfig {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
}

// A function, not a constant: reading `ts.*` at load time would load TypeScript for runs that never parse.
const defaultOptions = (): ts.CompilerOptions => ({
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowJs: true,
  resolveJsonModule: true,
});

export interface WorkspacePackageEntry {
  name: string;
  root: string;
}

export class ModuleResolver {
  private readonly configs = new Map<string, ResolverForConfig>();
  private readonly nearestConfig = new Map<string, string | undefined>();
  private readonly resolved = new Map<string, string | undefined>();
  private readonly byFile = new Map<string, Map<string, string | undefined>>();
  readonly problems: Array<{ file: string; message: string }> = [];

  constructor(
    private readonly root: string,
    private readonly packages: readonly WorkspacePackageEntry[],
  ) {}

  /** Absolute path of the file `specifier` resolves to from `fromFile`, or undefined (external or unresolvable). */
  resolve(fromFile: string, specifier: string): string | undefined {
    // The call graph, the string folder and the rules ask the same questions many times, and an editor session asks
    // them again after every edit: the answer per importing file comes first, without any path arithmetic.
    let fromThisFile = this.byFile.get(fromFile);
    if (!fromThisFile) this.byFile.set(fromFile, (fromThisFile = new Map()));
    if (fromThisFile.has(specifier)) return fromThisFile.get(specifier);
    // Resolution depends on the importing folder (and its tsconfig), not the file; a relative specifier names one path
    // whatever folder it is written in, so it is keyed by that path.
    const folder = dirname(fromFile);
    const key = specifier.startsWith('.') ? `${this.findNearestTsconfig(folder)}\0${resolve(folder, specifier)}` : `${folder}\0${specifier}`;
    let file: string | undefined;
    if (this.resolved.has(key)) file = this.resolved.get(key);
    else this.resolved.set(key, (file = this.resolveUncached(fromFile, specifier)));
    fromThisFile.set(specifier, file);
    return file;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const config = this.configFor(fromFile);
    const result = ts.resolveModuleName(specifier, fromFile, config.options, ts.sys, config.cache);
    const resolved = result.resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport) return resolve(resolved.resolvedFileName);
    if (resolved?.isExternalLibraryImport) {
      // A workspace package linked into node_modules resolves to its real path inside the workspace.
      const real = realpathOrSelf(resolved.resolvedFileName);
      if (!real.includes('/node_modules/') && real.startsWith(this.root)) return real;
    }
    if (specifier.startsWith('.')) return probeRelative(resolve(dirname(fromFile), specifier));
    return this.resolveWorkspacePackageByName(specifier);
  }

  /** The workspace package a bare specifier names (`@shop/domain`, `@shop/domain/entities`), when one matches. */
  packageNamed(specifier: string): WorkspacePackageEntry | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
    return this.packages.find((pkg) => specifier === pkg.name || specifier.startsWith(`${pkg.name}/`));
  }

  private resolveWorkspacePackageByName(specifier: string): string | undefined {
    const pkg = this.packageNamed(specifier);
    if (!pkg) return undefined;
    const subpath = specifier.slice(pkg.name.length).replace(/^\//, '');
    const conventional = subpath
      ? [join(pkg.root, 'src', subpath), join(pkg.root, subpath)]
      : [join(pkg.root, 'src', 'index'), join(pkg.root, 'index'), join(pkg.root, 'lib', 'index')];
    // What package.json says first (mapped back from the build output to the source), then the conventions.
    const candidates = [...sourceEntryStems(pkg.root, subpath), ...conventional];
    for (const base of candidates) {
      const found = probeRelative(base);
      if (found) return found;
    }
    // Known package, unknown entry file: it still names the package, which is what coupling rules need.
    return pkg.root;
  }

  private configFor(fromFile: string): ResolverForConfig {
    const tsconfig = this.findNearestTsconfig(dirname(fromFile));
    const key = tsconfig ?? '<default>';
    let config = this.configs.get(key);
    if (!config) {
      const options = tsconfig ? this.readOptions(tsconfig) : defaultOptions();
      config = { options, cache: ts.createModuleResolutionCache(this.root, (name) => name, options) };
      this.configs.set(key, config);
    }
    return config;
  }

  private readOptions(tsconfig: string): ts.CompilerOptions {
    const diagnostics: ts.Diagnostic[] = [];
    const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) };
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, host);
    const errors = [...diagnostics, ...(parsed?.errors ?? [])].filter((d) => d.code !== 18003 /* no inputs found */);
    if (errors.length > 0) {
      this.problems.push({ file: tsconfig, message: ts.flattenDiagnosticMessageText(errors[0]!.messageText, ' ') });
    }
    return { ...defaultOptions(), ...(parsed?.options ?? {}), allowJs: true };
  }

  private findNearestTsconfig(dir: string): string | undefined {
    if (this.nearestConfig.has(dir)) return this.nearestConfig.get(dir);
    let found: string | undefined;
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) found = candidate;
    else if (dir.startsWith(this.root) && dir !== this.root && dirname(dir) !== dir) found = this.findNearestTsconfig(dirname(dir));
    // Nx keeps the workspace's paths in tsconfig.base.json: a file under no tsconfig.json still gets them.
    else if (dir === this.root && existsSync(join(dir, 'tsconfig.base.json'))) found = join(dir, 'tsconfig.base.json');
    this.nearestConfig.set(dir, found);
    return found;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return ts.sys.realpath ? ts.sys.realpath(path) : path;
  } catch {
    return path;
  }
}

const PROBE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** The file a relative specifier means when the project's resolver settings did not find it (e.g. no extension under NodeNext). */
function probeRelative(base: string): string | undefined {
  const withoutJs = base.replace(/\.[mc]?jsx?$/, '');
  for (const stem of withoutJs === base ? [base] : [withoutJs, base]) {
    for (const extension of PROBE_EXTENSIONS) {
      if (existsSync(stem + extension)) return stem + extension;
    }
  }
  return undefined;
}
