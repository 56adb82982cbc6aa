// Link per-file facts into the system model: which package and service each file belongs to, where imports lead,
// and what string values expressions fold to.
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { CodeRole, Workspace } from '../workspace/types.js';
import { normalizeIgnoreGlobs } from '../workspace/source-files.js';
import type { RemoteCallFact } from '../facts/types.js';
import { TypeCheckerPool } from '../program/type-checker.js';
import { CallGraph, type DeclaredRemoteCall } from './call-graph.js';
import { ContractIndex } from './contracts.js';
import { DependencyTracker, TrackedFiles } from './dependency-tracker.js';
import { findPrismaSchemas, type PrismaSchemaFile } from './prisma-schemas.js';
import { importedHttpClient } from './http-clients.js';
import { linkEndpoints } from './endpoints.js';
import type { ModelReuse } from './model-reuse.js';
import { ModuleResolver } from './module-resolver.js';
import { RemoteTargetResolver } from './remote-targets.js';
import { buildServiceGraph, buildSyncCalls, type SyncCall } from './service-graph.js';
import { detectServices } from './services.js';
import { StringFolder, type ParameterBindings } from './string-folding.js';
import { SubclassIndex } from './subclasses.js';
import type { AnalyzedFile, PackageNode, RemoteEffect, ResolvedImport, ServiceGraph, ServiceNode, SystemModel } from './types.js';

export interface ModelOptions {
  /** Config `remoteCalls`: functions from outside the workspace that make remote calls. */
  remoteCalls?: readonly DeclaredRemoteCall[];
  /** Config `contracts`: globs of contract modules besides the conventional names. */
  contracts?: readonly string[];
  /** Config `internalTypes`: globs of modules whose types must not reach a contract. */
  internalTypes?: readonly string[];
  /** What an editor session keeps from earlier models (model-reuse.ts). */
  reuse?: ModelReuse;
  /** Config `include`: globs of test, tooling or client-app files to report in too. */
  include?: readonly string[];
}

export function buildSystemModel(workspace: Workspace, files: ReadonlyMap<string, AnalyzedFile>, options: ModelOptions = {}): SystemModel {
  const root = resolve(workspace.root);
  const packageEntries = workspace.packages.map((pkg) => ({ name: pkg.name, root: resolve(pkg.root) }));
  const resolver = options.reuse ? options.reuse.resolverFor(root, packageEntries) : new ModuleResolver(root, packageEntries);
  for (const file of files.values()) file.role = workspace.roleOf(file.path);
  const { services, packages } = detectServices(workspace, files.values(), (from, specifier) => resolver.resolve(from, specifier));
  const packageOf = ownerLookup(packages);
  const serviceOf = ownerLookup(services);
  const roleOf = (path: string) => files.get(path)?.role ?? workspace.roleOf(path);

  for (const file of files.values()) {
    file.package = packageOf(file.path);
    file.service = serviceOf(file.path);
  }

  // Type questions about workspace code on a fresh clone: packages not linked into node_modules resolve to their source.
  const workspaceModule = (specifier: string, fromFile: string) => {
    const source = resolver.packageNamed(specifier) ? resolver.resolve(fromFile, specifier) : undefined;
    // A known package whose entry file was not found resolves to its folder: that is not a module TypeScript can load.
    return source && /\.[mc]?[jt]sx?$/.test(source) ? source : undefined;
  };

  const resolveImport = (fromFile: string, specifier: string): ResolvedImport | undefined => {
    const target = resolver.resolve(fromFile, specifier);
    if (target) return { file: target, package: packageOf(target) ?? packages.find((p) => p.root === target) };
    const named = resolver.packageNamed(specifier);
    return named ? { package: packages.find((p) => p.name === named.name) } : undefined;
  };

  // With a sync-call cache, what builds the service graph reads files through a map that records each read.
  const reuse = options.reuse ? { cache: options.reuse.syncCalls, tracker: new DependencyTracker(), files } : undefined;
  const tracked = reuse ? new TrackedFiles(files, reuse.tracker) : files;
  const resolveImportedFile = (from: string, specifier: string) => resolver.resolve(from, specifier);
  const folder = new StringFolder({ file: (path) => tracked.get(path), resolveImportedFile });
  // The service graph is what services run: endpoints, calls and messages in tests and tooling (a mock server, an e2e
  // client) are no part of it.
  const graphServiceOf = (path: string) => (roleOf(path) === 'production' ? serviceOf(path) : undefined);
  const endpoints = linkEndpoints(files, graphServiceOf, resolveImportedFile);
  const importedClient = (fromFile: string, imported: { specifier: string; name: string }) => {
    const from = tracked.get(fromFile);
    return from ? importedHttpClient(from, imported, { file: (path) => tracked.get(path), resolveImport }) : undefined;
  };
  // A call on an imported binding is remote only when the exporting module shows the binding is an HTTP client.
  const isConfirmedRemoteCall = (file: string, fact: RemoteCallFact) => !fact.instanceImport || importedClient(file, fact.instanceImport) !== undefined;
  const callGraph = new CallGraph(tracked, resolveImportedFile, options.remoteCalls, isConfirmedRemoteCall, reuse?.tracker);
  const targets = new RemoteTargetResolver({
    workspace,
    services,
    endpoints,
    file: (path) => tracked.get(path),
    serviceOf,
    packageOf,
    foldString: (file, start, end, bindings) => folder.fold(file, start, end, bindings),
    resolveImportedFile,
    importedHttpClient: importedClient,
  }, reuse?.tracker);
  // The graph needs every handler's summary: computed on first use, so rules that never ask never pay.
  let syncCalls: SyncCall[] | undefined;
  let graph: ServiceGraph | undefined;
  const graphHost = {
    services,
    endpoints,
    files: tracked,
    serviceOf: graphServiceOf,
    callGraph,
    subclasses: new SubclassIndex(
      [...files.values()].filter((file) => roleOf(file.path) === 'production'),
      (file, identifier) => folder.classDeclarationOf(file, identifier),
    ),
    targets,
    isConfirmedRemoteCall,
    foldString: (file: string, start: number, end: number, bindings?: ParameterBindings) => folder.fold(file, start, end, bindings),
  };

  const remoteEffectsOf = (file: string, start: number, end: number): RemoteEffect[] =>
    callGraph.effectsOfCall(file, start, end).map((reached) => ({
      call: { file: reached.file, fact: reached.fact },
      readOnly: reached.fact.kind === 'http' && isReadOnlyMethod(targets.methodThrough(reached.file, reached.fact, reached.via)),
      target: targets.resolve(reached.file, reached.fact, reached.via),
      via: reached.via,
    }));

  let productionFiles: AnalyzedFile[] | undefined;
  // Type checking and contract linking are computed on first use: runs whose rules never ask never pay.
  let checkers: TypeCheckerPool | undefined;
  let contracts: ContractIndex | undefined;
  let prismaSchemas: PrismaSchemaFile[] | undefined;
  const findPrisma = () => (prismaSchemas ??= findPrismaSchemas(workspace.prismaFiles ?? []));
  const contractsHost = { root, files, endpoints, resolveImportedFile, remoteEffectsOf, prismaSchemas: findPrisma, resolveWorkspaceModule: workspaceModule };

  return {
    root,
    workspace,
    services,
    packages,
    files,
    file: (path) => files.get(path),
    serviceOf,
    packageOf,
    roleOf,
    isReportable: reportableFiles(root, roleOf, options.include ?? []),
    productionFiles: () =>
      (productionFiles ??= [...files.values()].filter((file) => roleOf(file.path) === 'production').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))),
    resolveImport,
    foldString: (file, start, end) => folder.fold(file, start, end),
    setupProblems: () => resolver.problems,
    importedHttpClient: importedClient,
    endpoints,
    remoteEffectsOf,
    serviceGraph: () => (graph ??= buildServiceGraph(graphHost, (syncCalls ??= buildSyncCalls(graphHost, reuse)))),
    typeCheckerFor: (file) => (checkers ??= new TypeCheckerPool(root, { readFile: (path) => files.get(path)?.text, resolveWorkspaceModule: workspaceModule })).checkerFor(file),
    prismaSchemas: findPrisma,
    get contracts() {
      return (contracts ??= new ContractIndex(contractsHost, { contracts: options.contracts, internalTypes: options.internalTypes }));
    },
  };
}

/** rules.md: GET/HEAD/OPTIONS are read-only (request/reply messages may change state). */
function isReadOnlyMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** Production code is reported; other roles only where config `include` names them. */
function reportableFiles(root: string, roleOf: (path: string) => CodeRole, include: readonly string[]): (path: string) => boolean {
  const included = include.length > 0 ? picomatch(include.flatMap((glob) => normalizeIgnoreGlobs([glob])), { dot: true }) : undefined;
  return (path) => roleOf(path) === 'production' || (included?.(relative(root, path).split(sep).join('/')) ?? false);
}

/** Longest-root-first lookup: a package nested in another package's folder owns its own files. */
function ownerLookup<T extends { root: string }>(owners: readonly T[]): (path: string) => T | undefined {
  const sorted = [...owners].sort((a, b) => b.root.length - a.root.length);
  // Asked for every file, and again by every rule and lookup: remember each answer.
  const known = new Map<string, T | undefined>();
  return (path) => {
    if (known.has(path)) return known.get(path);
    const owner = sorted.find((candidate) => path === candidate.root || path.startsWith(`${candidate.root}/`));
    known.set(path, owner);
    return owner;
  };
}

export type { PackageNode, ServiceNode };
