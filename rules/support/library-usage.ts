// Which services use each workspace library, and what the library carries. Computed once per model and shared by
// every file's check (rules run per file; the answer is the same for all of them).
import { relative } from 'node:path';
import type { SystemModel } from '../../server/src/engine/model/types.js';

export interface ImportSite {
  file: string;
  start: number;
  end: number;
}

export interface LibraryProfile {
  name: string;
  root: string;
  /** Relative to the workspace root, forward slashes. */
  relativeRoot: string;
  /** Service name → its first import of the library (files in path order, then by position). */
  firstImportByService: Map<string, ImportSite>;
  /** Every import of it from a service is `import type`. */
  onlyTypeImports: boolean;
  /** Exported functions and classes (constants and types alone don't count). */
  runtimeExports: string[];
  persistenceModels: string[];
  /** Its modules call remote services: a client library. */
  makesRemoteCalls: boolean;
}

const cache = new WeakMap<SystemModel, Map<string, LibraryProfile>>();

export function libraryUsage(model: SystemModel): Map<string, LibraryProfile> {
  let usage = cache.get(model);
  if (!usage) {
    usage = computeLibraryUsage(model);
    cache.set(model, usage);
  }
  return usage;
}

function computeLibraryUsage(model: SystemModel): Map<string, LibraryProfile> {
  const libraries = new Map<string, LibraryProfile>();
  for (const pkg of model.packages) {
    if (pkg.service) continue;
    libraries.set(pkg.name, {
      name: pkg.name,
      root: pkg.root,
      relativeRoot: relative(model.root, pkg.root).split('\\').join('/'),
      firstImportByService: new Map(),
      onlyTypeImports: true,
      runtimeExports: [],
      persistenceModels: [],
      makesRemoteCalls: false,
    });
  }
  // Production code only: a library's test helpers are not runtime code, and a service's tests importing it couple nothing.
  for (const file of model.productionFiles()) {
    const owner = file.package && !file.package.service ? libraries.get(file.package.name) : undefined;
    if (owner) {
      for (const fact of file.facts.exports) if (fact.kind === 'function' || fact.kind === 'class') owner.runtimeExports.push(fact.name);
      for (const fact of file.facts.persistence) owner.persistenceModels.push(fact.name);
      if (file.facts.endpointSinks.some((sink) => sink.sink === 'http-call' || sink.sink === 'http-client-base')) owner.makesRemoteCalls = true;
    }
    const service = file.service;
    if (!service) continue;
    for (const fact of file.facts.imports) {
      const target = model.resolveImport(file.path, fact.specifier);
      const library = target?.package && !target.package.service ? libraries.get(target.package.name) : undefined;
      if (!library) continue;
      if (!fact.typeOnly) library.onlyTypeImports = false;
      if (!library.firstImportByService.has(service.name)) library.firstImportByService.set(service.name, { file: file.path, start: fact.start, end: fact.end });
    }
  }
  for (const library of libraries.values()) {
    library.runtimeExports = [...new Set(library.runtimeExports)].filter((name) => name !== 'default');
    library.persistenceModels = [...new Set(library.persistenceModels)];
  }
  return libraries;
}
