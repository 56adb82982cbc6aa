// Link per-file facts into the system model: which package and service each file belongs to, where imports lead,
// and what string values expressions fold to.
import { resolve } from 'node:path';
import type { Workspace } from '../workspace/types.js';
import { ModuleResolver } from './module-resolver.js';
import { detectServices } from './services.js';
import { StringFolder } from './string-folding.js';
import type { AnalyzedFile, PackageNode, ResolvedImport, ServiceNode, SystemModel } from './types.js';

export function buildSystemModel(workspace: Workspace, files: ReadonlyMap<string, AnalyzedFile>): SystemModel {
  const root = resolve(workspace.root);
  const { services, packages } = detectServices(workspace, files.values());
  const resolver = new ModuleResolver(root, packages);
  const packageOf = ownerLookup(packages);
  const serviceOf = ownerLookup(services);

  for (const file of files.values()) {
    file.package = packageOf(file.path);
    file.service = serviceOf(file.path);
  }

  const resolveImport = (fromFile: string, specifier: string): ResolvedImport | undefined => {
    const target = resolver.resolve(fromFile, specifier);
    if (target) return { file: target, package: packageOf(target) ?? packages.find((p) => p.root === target) };
    const named = resolver.packageNamed(specifier);
    return named ? { package: packages.find((p) => p.name === named.name) } : undefined;
  };

  const folder = new StringFolder({ file: (path) => files.get(path), resolveImportedFile: (from, specifier) => resolver.resolve(from, specifier) });

  return {
    root,
    workspace,
    services,
    packages,
    files,
    file: (path) => files.get(path),
    serviceOf,
    packageOf,
    resolveImport,
    foldString: (file, start, end) => folder.fold(file, start, end),
    setupProblems: () => resolver.problems,
    // Filled in by the call-graph and endpoint linking (HTTP issue); until then nothing is remote.
    endpoints: [],
    remoteEffectsOf: () => [],
    serviceGraph: () => ({ services: services.map((s) => ({ name: s.name, root: s.root, endpoints: [] })), edges: [], chains: [], cycles: [] }),
  };
}

/** Longest-root-first lookup: a package nested in another package's folder owns its own files. */
function ownerLookup<T extends { root: string }>(owners: readonly T[]): (path: string) => T | undefined {
  const sorted = [...owners].sort((a, b) => b.root.length - a.root.length);
  return (path) => sorted.find((owner) => path === owner.root || path.startsWith(`${owner.root}/`));
}

export type { PackageNode, ServiceNode };
