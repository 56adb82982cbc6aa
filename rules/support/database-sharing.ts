// Which services share a database, and the evidence, computed once per model and option set (rules run per file; the
// answer is the same for all of them). rules.md shared-database: (a) connections resolving to the same database,
// (b) models of the same table in services whose databases are not known to differ, (c) a persistence library
// imported by two services. One problem is reported once: a pair of services already shown to share a database by
// their connections (a) is not reported again for their tables or libraries; tables (b) take precedence over libraries (c).
import { relative } from 'node:path';
import picomatch from 'picomatch';
import type { AnalyzedFile, SystemModel } from '../../server/src/engine/model/types.js';
import type { Report } from '../../server/src/engine/rule-api.js';
import type { Location } from '../../server/src/engine/types.js';
import { databaseLocationOf, type DatabaseLocation } from './database-locations.js';

interface Site extends Location {
  service: string;
}

interface Connection extends Site {
  location?: DatabaseLocation;
}

interface TableModel extends Site {
  name: string;
  table: string;
  /** 'mongodb' collections and SQL tables never collide. */
  store: string;
}

interface PersistenceLibrary {
  name: string;
  relativeRoot: string;
  tables: string[];
  firstImportByService: Map<string, Site>;
}

const cache = new WeakMap<SystemModel, Map<string, Map<string, Report[]>>>();

/** Findings by file path. */
export function sharedDatabaseReports(model: SystemModel, allow: readonly string[]): Map<string, Report[]> {
  let byOptions = cache.get(model);
  if (!byOptions) cache.set(model, (byOptions = new Map()));
  const key = JSON.stringify(allow);
  let reports = byOptions.get(key);
  if (!reports) byOptions.set(key, (reports = computeReports(model, allow)));
  return reports;
}

function computeReports(model: SystemModel, allow: readonly string[]): Map<string, Report[]> {
  const isAllowed = allow.length > 0 ? picomatch(allow as string[], { dot: true }) : () => false;
  // Production code only: a test's database (a container, an in-memory store) is shared with nobody in production.
  const files = model.productionFiles();
  const connections = files.flatMap((file) => connectionsIn(model, file));
  const models = files.flatMap(tableModelsIn);
  const libraries = persistenceLibraries(model, files);
  const reports = new Map<string, Report[]>();
  const add = (site: Location, report: Omit<Report, 'start' | 'end' | 'file'>) => {
    const list = reports.get(site.file) ?? [];
    list.push({ file: site.file, start: site.start, end: site.end, ...report });
    reports.set(site.file, list);
  };

  // (a) Connections that resolve to the same database.
  const coveredPairs = new Set<string>();
  const byLocation = groupBy(connections.filter((c) => c.location && !isAllowed(c.location.display.replace(/^.*\//, ''))), (c) => c.location!.key);
  for (const group of byLocation.values()) {
    const services = distinct(group.map((c) => c.service));
    if (services.length < 2) continue;
    for (const a of services) for (const b of services) if (a < b) coveredPairs.add(pairKey(a, b));
    for (const connection of group) {
      const others = group.filter((c) => c.service !== connection.service);
      const location = connection.location!;
      const evidence = sharedPersistence(connection.service, distinct(others.map((c) => c.service)), models, libraries);
      add(connection, {
        message:
          `${listNames(services)} connect to the same database \`${location.display}\`${location.source ? ` (${location.source})` : ''}${evidence}: ` +
          `services that share a database share its tables instead of a contract, so a schema change in one silently breaks the others. ` +
          `Give each service its own database (or schema) and share data through its API or events.`,
        related: others.map((c) => ({ file: c.file, start: c.start, end: c.end, message: `${c.service} connects to ${location.display}` })),
      });
    }
  }

  const knownDifferent = knownDifferentDatabases(connections);
  const sharing = (a: string, b: string) => a !== b && !coveredPairs.has(pairKey(a, b)) && !knownDifferent(a, b);

  // (b) The same table mapped by models in two services.
  const tablePairs = new Set<string>();
  for (const group of groupBy(models.filter((m) => !isAllowed(m.table)), (m) => `${m.store}:${m.table}`).values()) {
    for (const model of group) {
      const partners = group.filter((other) => sharing(model.service, other.service));
      if (partners.length === 0) continue;
      for (const partner of partners) tablePairs.add(pairKey(model.service, partner.service));
      const services = distinct([model.service, ...partners.map((p) => p.service)]);
      add(model, {
        message:
          `Table \`${model.table}\` is mapped by ${listNames(services)} (\`${model.name}\` here), and their databases are not known to be different: ` +
          `two services sharing a table share its schema instead of a contract, so a migration by one silently breaks the other. ` +
          `Let one service own \`${model.table}\` and serve what the others need through its API or events.`,
        related: partners.map((p) => ({ file: p.file, start: p.start, end: p.end, message: `${p.service} maps ${p.table} (${p.name})` })),
      });
    }
  }

  // (c) A library carrying persistence models or a database client, imported by two services.
  for (const library of libraries) {
    if (isAllowed(library.name) || isAllowed(library.relativeRoot)) continue;
    const sites = [...library.firstImportByService.values()];
    for (const site of sites) {
      const partners = sites.filter((other) => sharing(site.service, other.service) && !tablePairs.has(pairKey(site.service, other.service)));
      if (partners.length === 0) continue;
      const services = distinct([site.service, ...partners.map((p) => p.service)]);
      const tables = library.tables.length > 0 ? ` (tables ${preview(library.tables)})` : '';
      add(site, {
        message:
          `${listNames(services)} import the persistence library \`${library.name}\`${tables}, and their databases are not known to be different: ` +
          `services sharing persistence models share tables instead of a contract, so a schema change forces them to change and redeploy together. ` +
          `Give each service its own models of the data it owns, and share contracts (types, events) instead.`,
        related: partners.map((p) => ({ file: p.file, start: p.start, end: p.end, message: `${p.service} imports ${library.name}` })),
      });
    }
  }
  return reports;
}

function connectionsIn(model: SystemModel, file: AnalyzedFile): Connection[] {
  const service = file.service;
  if (!service) return [];
  const seen = new Set<string>();
  const connections: Connection[] = [];
  for (const sink of file.facts.endpointSinks) {
    if (sink.sink !== 'database' || seen.has(`${sink.start}:${sink.end}`)) continue;
    seen.add(`${sink.start}:${sink.end}`);
    const location = databaseLocationOf(model, file, sink);
    connections.push({ service: service.name, file: file.path, start: sink.start, end: sink.end, ...(location ? { location } : {}) });
  }
  return connections;
}

function tableModelsIn(file: AnalyzedFile): TableModel[] {
  const service = file.service;
  if (!service) return [];
  return file.facts.persistence
    .filter((fact) => fact.kind !== 'client' && fact.kind !== 'repository' && fact.table !== undefined)
    .map((fact) => ({ service: service.name, file: file.path, start: fact.start, end: fact.end, name: fact.name, table: fact.table!, store: fact.library === 'mongoose' ? 'mongodb' : 'sql' }));
}

/** Workspace libraries with persistence facts, and each service's first non-type import of them (files in path order). */
function persistenceLibraries(model: SystemModel, files: readonly AnalyzedFile[]): PersistenceLibrary[] {
  const libraries = new Map<string, PersistenceLibrary>();
  for (const file of files) {
    const pkg = file.package;
    if (!pkg || pkg.service || file.facts.persistence.length === 0) continue;
    let library = libraries.get(pkg.name);
    if (!library) libraries.set(pkg.name, (library = { name: pkg.name, relativeRoot: relative(model.root, pkg.root).split('\\').join('/'), tables: [], firstImportByService: new Map() }));
    for (const fact of file.facts.persistence) if (fact.table !== undefined && !library.tables.includes(fact.table)) library.tables.push(fact.table);
  }
  if (libraries.size === 0) return [];
  for (const file of files) {
    const service = file.service;
    if (!service) continue;
    for (const fact of file.facts.imports) {
      // Types alone map no table: only a runtime import brings the models or the client into the service.
      if (fact.typeOnly) continue;
      const target = model.resolveImport(file.path, fact.specifier)?.package;
      const library = target && !target.service ? libraries.get(target.name) : undefined;
      if (library && !library.firstImportByService.has(service.name)) library.firstImportByService.set(service.name, { service: service.name, file: file.path, start: fact.start, end: fact.end });
    }
  }
  return [...libraries.values()];
}

/** Both services' connections all resolve, and no database is common to them. */
function knownDifferentDatabases(connections: readonly Connection[]): (a: string, b: string) => boolean {
  const byService = groupBy(connections, (c) => c.service);
  const locations = (service: string) => {
    const own = byService.get(service) ?? [];
    return own.length > 0 && own.every((c) => c.location) ? new Set(own.map((c) => c.location!.key)) : undefined;
  };
  return (a, b) => {
    const left = locations(a);
    const right = locations(b);
    return left !== undefined && right !== undefined && ![...left].some((key) => right.has(key));
  };
}

/** What else two services share, for the message of (a): the tables both map, the persistence libraries both import. */
function sharedPersistence(service: string, others: readonly string[], models: readonly TableModel[], libraries: readonly PersistenceLibrary[]): string {
  const own = new Set(models.filter((m) => m.service === service).map((m) => m.table));
  const tables = distinct(models.filter((m) => others.includes(m.service) && own.has(m.table)).map((m) => m.table));
  const shared = libraries.filter((l) => l.firstImportByService.has(service) && others.some((o) => l.firstImportByService.has(o)));
  const parts: string[] = [];
  if (tables.length > 0) parts.push(`both map ${preview(tables.map((t) => `\`${t}\``))}`);
  for (const library of shared) parts.push(`both use \`${library.name}\`'s models${library.tables.length > 0 ? ` (${preview(library.tables.map((t) => `\`${t}\``))})` : ''}`);
  return parts.length > 0 ? `, and ${parts.join(' and ')}` : '';
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  return quoted.length <= 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function preview(names: readonly string[]): string {
  return names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
}
