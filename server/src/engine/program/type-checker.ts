// Type information on demand. A program per distinct set of compiler options (tsconfigs that only differ in their
// `include` share one) is created the first time a rule asks about a file under it, and the checker only answers the
// questions asked (never a full diagnostics pass): on a large monorepo a full check costs several times a parse.
//
// Built on the project's own `typescript` rather than ts-morph's bundled copy, so the checker's nodes and types are the
// ones adapters and rules already handle. Parsed library declaration files (node_modules, TypeScript's lib) are shared
// across programs and pools through a process-wide cache: they dominate the cost of a program (typeorm alone is ~400
// files), and rule tests and the language server build many models.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

export interface CheckedFile {
  checker: ts.TypeChecker;
  /** The program's own syntax tree for the file (node positions match the text it was read from). */
  sourceFile: ts.SourceFile;
  program: ts.Program;
}

export interface TypeCheckerPoolOptions {
  /** The text of a workspace file as analyzed (an editor's unsaved buffer); undefined reads the file from disk. */
  readFile?: (path: string) => string | undefined;
  /**
   * Which packages a workspace file's imports may load (`'typeorm'`, `'@prisma/client'`). Others stay unresolved, so values
   * typed by them are `any`: a focused program for questions only some libraries can answer. Relative imports, workspace
   * packages and the imports inside a loaded library always load. Default: every package.
   */
  loadsPackage?: (specifier: string) => boolean;
  /**
   * Where a specifier leads when TypeScript's own resolution does not find it: workspace packages not linked into
   * node_modules (a fresh clone), mapped to their source. Undefined when it is not a workspace module.
   */
  resolveWorkspaceModule?: (specifier: string, containingFile: string) => string | undefined;
}

interface ProgramGroup {
  options: ts.CompilerOptions;
  roots: Set<string>;
  /** The last program built; `stale` when roots were added since (it is then the old program the next one reuses). */
  program?: ts.Program;
  stale: boolean;
  host: ts.CompilerHost;
}

// A function, not a constant: reading `ts.*` at load time would load TypeScript for runs that never parse.
const defaultOptions = (): ts.CompilerOptions => ({
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  experimentalDecorators: true,
  skipLibCheck: true,
});

/** Options that only change what is emitted: tsconfigs differing only in these share a program. */
const EMIT_ONLY_OPTIONS = new Set([
  'configFilePath', 'noEmit', 'outDir', 'outFile', 'rootDir', 'declaration', 'declarationDir', 'declarationMap', 'sourceMap',
  'inlineSourceMap', 'inlineSources', 'composite', 'incremental', 'tsBuildInfoFile', 'emitDeclarationOnly', 'removeComments',
]);

export class TypeCheckerPool {
  private readonly groups = new Map<string, ProgramGroup>();
  private readonly groupOfTsconfig = new Map<string, ProgramGroup>();
  readonly problems: string[] = [];

  constructor(
    private readonly root: string,
    private readonly poolOptions: TypeCheckerPoolOptions = {},
  ) {}

  /** The checker of the program that owns `file`, or undefined when the file cannot be loaded into one. */
  checkerFor(file: string): CheckedFile | undefined {
    const path = resolve(file);
    const group = this.groupFor(path);
    this.addRoot(group, path);
    if (!group.program || group.stale) {
      group.program = ts.createProgram({ rootNames: [...group.roots], options: group.options, host: group.host, oldProgram: group.program });
      group.stale = false;
    }
    const sourceFile = group.program.getSourceFile(path);
    return sourceFile ? { checker: group.program.getTypeChecker(), sourceFile, program: group.program } : undefined;
  }

  /**
   * Files that will be asked about: adding them before the first question builds one program for all of them, where
   * asking one by one would rebuild the program (and its checker) for each new file.
   */
  prepare(files: Iterable<string>): void {
    for (const file of files) {
      const path = resolve(file);
      this.addRoot(this.groupFor(path), path);
    }
  }

  private addRoot(group: ProgramGroup, path: string): void {
    if (group.roots.has(path)) return;
    group.roots.add(path);
    group.stale = true;
  }

  /** Drop built programs, e.g. after a tsconfig changed. */
  reset(): void {
    this.groups.clear();
    this.groupOfTsconfig.clear();
  }

  private groupFor(file: string): ProgramGroup {
    const tsconfig = this.nearestTsconfig(file) ?? '<default>';
    let group = this.groupOfTsconfig.get(tsconfig);
    if (group) return group;
    const options = this.optionsOf(tsconfig === '<default>' ? undefined : tsconfig);
    const key = optionsKey(options);
    group = this.groups.get(key);
    if (!group) {
      group = { options, roots: new Set(), stale: true, host: this.createHost(options) };
      this.groups.set(key, group);
    }
    this.groupOfTsconfig.set(tsconfig, group);
    return group;
  }

  private nearestTsconfig(file: string): string | undefined {
    const root = resolve(this.root);
    for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
      const candidate = join(dir, 'tsconfig.json');
      if (existsSync(candidate)) return candidate;
      if (dir === dirname(dir)) break;
    }
    // Nx keeps the workspace's paths in tsconfig.base.json: a file under no tsconfig.json still gets them.
    const base = join(root, 'tsconfig.base.json');
    return existsSync(base) ? base : undefined;
  }

  private optionsOf(tsconfig: string | undefined): ts.CompilerOptions {
    let options = defaultOptions();
    if (tsconfig) {
      const diagnostics: ts.Diagnostic[] = [];
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) });
      // "No inputs found" is normal for a config whose files we add one by one; anything else is the user's to know.
      const problem = [...diagnostics, ...(parsed?.errors ?? [])].find((d) => d.code !== 18003);
      if (problem) this.problems.push(`${tsconfig}: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}; using the options that could be read`);
      if (parsed) options = parsed.options;
    }
    // Files are added as rules ask for them; the program pulls in their imports by module resolution.
    const focused = this.poolOptions.loadsPackage ? { types: [] as string[] } : {};
    return { ...options, ...focused, noEmit: true, skipLibCheck: true };
  }

  private createHost(options: ts.CompilerOptions): ts.CompilerHost {
    const host = ts.createCompilerHost(options, true);
    // Type information never needs the JSDoc of TypeScript files; skipping it makes large declaration files cheaper to parse.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
    const libFolder = defaultLibFolder();
    host.getDefaultLibLocation = () => libFolder;
    host.getDefaultLibFileName = (compilerOptions) => join(libFolder, ts.getDefaultLibFileName(compilerOptions));
    const readFromDisk = host.readFile.bind(host);
    const { readFile, loadsPackage } = this.poolOptions;
    const parsedWorkspaceFiles = new Map<string, ts.SourceFile>();
    host.readFile = (fileName) => readFile?.(fileName) ?? readFromDisk(fileName);
    host.getSourceFile = (fileName, languageVersion, onError) => {
      const own = readFile?.(fileName);
      if (own !== undefined || !isLibraryFile(fileName)) {
        let sourceFile = parsedWorkspaceFiles.get(fileName);
        const text = own ?? readFromDisk(fileName);
        if (text === undefined) {
          onError?.(`cannot read ${fileName}`);
          return undefined;
        }
        if (sourceFile?.text !== text) {
          sourceFile = ts.createSourceFile(fileName, text, languageVersion, true);
          parsedWorkspaceFiles.set(fileName, sourceFile);
        }
        return sourceFile;
      }
      return libraryFile(fileName, languageVersion, options, () => readFromDisk(fileName));
    };
    const { resolveWorkspaceModule } = this.poolOptions;
    if (loadsPackage || resolveWorkspaceModule) {
      const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (name) => host.getCanonicalFileName(name), options);
      host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSourceFile) =>
        literals.map((literal) => {
          const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirected, ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions));
          const target = resolved.resolvedModule?.resolvedFileName;
          if (!target && resolveWorkspaceModule && !isLibraryFile(containingFile)) {
            const source = resolveWorkspaceModule(literal.text, containingFile);
            if (source) return { resolvedModule: { resolvedFileName: source, extension: extensionOf(source), isExternalLibraryImport: false } };
          }
          const isPackage = target !== undefined && isLibraryFile(target) && !isLibraryFile(containingFile);
          return isPackage && loadsPackage && !loadsPackage(literal.text) ? { resolvedModule: undefined } : resolved;
        });
    }
    return host;
  }
}

function extensionOf(file: string): ts.Extension {
  if (file.endsWith('.d.ts')) return ts.Extension.Dts;
  if (file.endsWith('.tsx')) return ts.Extension.Tsx;
  if (file.endsWith('.mts')) return ts.Extension.Mts;
  if (file.endsWith('.cts')) return ts.Extension.Cts;
  if (file.endsWith('.ts')) return ts.Extension.Ts;
  if (file.endsWith('.jsx')) return ts.Extension.Jsx;
  if (file.endsWith('.mjs')) return ts.Extension.Mjs;
  if (file.endsWith('.cjs')) return ts.Extension.Cjs;
  return ts.Extension.Js;
}

/**
 * TypeScript's `lib.*.d.ts` files: next to the running TypeScript (node_modules/typescript/lib), or, when seamlint runs
 * bundled, in the `typescript` package the bundle can still resolve. Without them `Promise` and `Array` are unknown.
 */
function defaultLibFolder(): string {
  const executing = dirname(ts.sys.getExecutingFilePath());
  if (existsSync(join(executing, 'lib.d.ts'))) return executing;
  try {
    return dirname(require.resolve('typescript/lib/lib.d.ts'));
  } catch {
    return executing;
  }
}

/** A file whose content does not change while seamlint runs: a dependency's declarations, or TypeScript's own lib. */
function isLibraryFile(fileName: string): boolean {
  return fileName.includes('/node_modules/');
}

const LIBRARY_CACHE_LIMIT = 20_000;
const libraryFiles = new Map<string, { sourceFile: ts.SourceFile; modified: number }>();

/** A library declaration file, parsed once per process (and per change on disk) for every program that needs it. */
function libraryFile(
  fileName: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
  options: ts.CompilerOptions,
  read: () => string | undefined,
): ts.SourceFile | undefined {
  let modified: number;
  try {
    modified = statSync(fileName).mtimeMs;
  } catch {
    return undefined;
  }
  const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
  // A bound file is reused by later programs: key by what parsing and binding depend on.
  const key = [fileName, settings.languageVersion, settings.impliedNodeFormat, settings.jsDocParsingMode, options.strict, options.alwaysStrict, options.jsx].join('|');
  const cached = libraryFiles.get(key);
  if (cached && cached.modified === modified) return cached.sourceFile;
  const text = read();
  if (text === undefined) return undefined;
  const sourceFile = ts.createSourceFile(fileName, text, languageVersion, true);
  if (libraryFiles.size >= LIBRARY_CACHE_LIMIT) libraryFiles.clear();
  libraryFiles.set(key, { sourceFile, modified });
  return sourceFile;
}

function optionsKey(options: ts.CompilerOptions): string {
  const relevant = Object.keys(options)
    .filter((key) => !EMIT_ONLY_OPTIONS.has(key))
    .sort()
    .map((key) => [key, options[key]]);
  return JSON.stringify(relevant);
}
