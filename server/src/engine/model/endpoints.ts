// Every inbound endpoint of every service with its full path: routers joined through their mounts across files
// (`app.use('/api', itemsRouter)` in main.ts, the routes in items.router.ts), router prefixes, and NestJS's global
// prefix and URI versioning. A router's routes belong to the service of the app at the top of its mount chain; a
// router that nothing (visibly) mounts is taken as served as declared, so its handlers still count as handlers.
import { NEUTRAL_VERSION, type EndpointFact, type GlobalPrefixFact, type RouterFact } from '../facts/endpoint-types.js';
import { canonicalPatternText, joinRoutePaths, normalizeRoutePath } from '../facts/route-paths.js';
import type { Span } from '../facts/types.js';
import { StringFolder } from './string-folding.js';
import type { AnalyzedFile, EndpointNode, ServiceNode } from './types.js';

type ResolveImport = (fromFile: string, specifier: string) => string | undefined;

/** How far re-exports (`export { itemsRouter } from './items'`) are followed. */
const MAX_REEXPORT_DEPTH = 8;
/** Router visits while expanding mounts: a router mounted at many places under many parents multiplies. */
const MAX_ROUTER_VISITS = 20_000;

export function linkEndpoints(
  files: ReadonlyMap<string, AnalyzedFile>,
  serviceOf: (path: string) => ServiceNode | undefined,
  resolveImport: ResolveImport,
): EndpointNode[] {
  return new EndpointLinker(files, serviceOf, resolveImport).link();
}

interface RouterNode {
  file: AnalyzedFile;
  fact: RouterFact;
  endpoints: EndpointFact[];
  /** `prefix` undefined: the mount's prefix is not statically known. */
  mounts: Array<{ prefix: string | undefined; child: RouterNode }>;
  mounted: boolean;
}

class EndpointLinker {
  private readonly routers = new Map<string, RouterNode>();
  private folder: StringFolder | undefined;
  private readonly nodes: EndpointNode[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly files: ReadonlyMap<string, AnalyzedFile>,
    private readonly serviceOf: (path: string) => ServiceNode | undefined,
    private readonly resolveImport: ResolveImport,
  ) {}

  link(): EndpointNode[] {
    for (const file of this.files.values()) {
      for (const fact of file.facts.routers) this.routers.set(routerKey(file.path, fact.id), { file, fact, endpoints: [], mounts: [], mounted: false });
    }
    for (const file of this.files.values()) {
      for (const endpoint of file.facts.endpoints) {
        if (endpoint.router !== undefined) this.routers.get(routerKey(file.path, endpoint.router))?.endpoints.push(endpoint);
      }
      this.collectMounts(file);
    }
    this.emitRouterEndpoints();
    this.emitControllerEndpoints();
    return this.nodes;
  }

  private collectMounts(file: AnalyzedFile): void {
    for (const mount of file.facts.routerMounts) {
      const parent = this.routers.get(routerKey(file.path, mount.parent));
      if (!parent) continue;
      let prefix = mount.prefixSpan ? this.foldPath(file, mount.prefixSpan)?.[0] : mount.prefix;
      if (prefix === undefined && mount.prefixUncertain) prefix = '';
      const children =
        'binding' in mount.child
          ? [this.routers.get(routerKey(file.path, mount.child.binding))]
          : this.exportedRouters(file.path, mount.child.specifier, mount.child.name);
      for (const child of children) {
        if (!child || child === parent) continue;
        child.mounted = true;
        parent.mounts.push({ prefix: child.fact.ignoresMountPrefix ? '' : prefix, child });
      }
    }
  }

  /** The routers a module exports under a name, through re-exports. */
  private exportedRouters(fromFile: string, specifier: string, name: string): RouterNode[] {
    const found: RouterNode[] = [];
    this.visitExport(fromFile, specifier, name, 0, (file) => {
      for (const fact of file.facts.routers) {
        if (fact.exportedAs.includes(name)) found.push(this.routers.get(routerKey(file.path, fact.id))!);
      }
      return found.length > 0;
    });
    return found;
  }

  /** Calls `visit` with the module a specifier leads to, then with the modules it re-exports `name` from, until one answers. */
  private visitExport(fromFile: string, specifier: string, name: string, depth: number, visit: (file: AnalyzedFile) => boolean): boolean {
    const path = this.resolveImport(fromFile, specifier);
    const file = path === undefined ? undefined : this.files.get(path);
    if (!file || depth > MAX_REEXPORT_DEPTH) return false;
    if (visit(file)) return true;
    for (const reexport of file.facts.exports) {
      if (reexport.kind !== 're-export' || reexport.from === undefined || (reexport.name !== name && reexport.name !== '*')) continue;
      if (this.visitExport(file.path, reexport.from, name, depth + 1, visit)) return true;
    }
    return false;
  }

  private emitRouterEndpoints(): void {
    let budget = MAX_ROUTER_VISITS;
    const visited = new Set<RouterNode>();
    const expand = (root: RouterNode, node: RouterNode, prefix: string | undefined, path: Set<RouterNode>): void => {
      if (--budget < 0) return;
      visited.add(node);
      const service = this.serviceOf(root.file.path);
      const base = prefix === undefined ? undefined : joinRoutePaths(prefix, node.fact.prefix ?? '');
      if (service) {
        for (const endpoint of node.endpoints) {
          for (const own of this.ownPaths(node.file, endpoint)) {
            this.add(service, node.file, endpoint, base === undefined || own === undefined ? undefined : joinRoutePaths(base, own));
          }
        }
      }
      for (const mount of node.mounts) {
        if (path.has(mount.child)) continue;
        path.add(mount.child);
        expand(root, mount.child, base === undefined || mount.prefix === undefined ? undefined : joinRoutePaths(base, mount.prefix), path);
        path.delete(mount.child);
      }
    };
    for (const node of this.routers.values()) if (!node.mounted) expand(node, node, '', new Set([node]));
    // Routers only reachable through a mount cycle have no top: serve them as declared.
    for (const node of this.routers.values()) if (!visited.has(node)) expand(node, node, '', new Set([node]));
  }

  private emitControllerEndpoints(): void {
    const settings = this.nestSettingsByService();
    for (const file of this.files.values()) {
      const service = this.serviceOf(file.path);
      if (!service) continue;
      for (const endpoint of file.facts.endpoints) {
        if (endpoint.framework !== 'nestjs') continue;
        if (endpoint.kind !== 'http') {
          const pattern = endpoint.patternSpan ? this.fold(file, endpoint.patternSpan) : endpoint.pattern;
          this.add(service, file, endpoint, undefined, pattern === undefined ? undefined : canonicalPatternText(pattern));
          continue;
        }
        const app = settings.get(service.name) ?? {};
        for (const own of this.ownPaths(file, endpoint)) {
          for (const version of versionSegments(endpoint, app)) {
            const global = !app.prefixSet || (own !== undefined && app.exclude?.includes(own)) ? '' : app.prefix;
            this.add(service, file, endpoint, own === undefined || global === undefined ? undefined : joinRoutePaths(global, version, own));
          }
        }
      }
    }
  }

  /** Per service, the bootstrap's global prefix and versioning; a production file's call wins over a test's. */
  private nestSettingsByService(): Map<string, NestAppSettings> {
    const facts: Array<{ file: AnalyzedFile; fact: GlobalPrefixFact }> = [];
    for (const file of this.files.values()) for (const fact of file.facts.globalPrefixes) facts.push({ file, fact });
    facts.sort((a, b) => Number(isTestFile(a.file.relativePath)) - Number(isTestFile(b.file.relativePath)) || a.file.path.localeCompare(b.file.path) || a.fact.start - b.fact.start);
    const byService = new Map<string, NestAppSettings>();
    for (const { file, fact } of facts) {
      const service = this.serviceOf(file.path);
      if (!service) continue;
      let settings = byService.get(service.name);
      if (!settings) byService.set(service.name, (settings = {}));
      if ((fact.prefix !== undefined || fact.prefixSpan) && !settings.prefixSet) {
        settings.prefixSet = true;
        // An unknown global prefix makes every path unknown rather than wrong.
        settings.prefix = fact.prefixSpan ? this.foldPath(file, fact.prefixSpan)?.[0] : fact.prefix;
        settings.exclude = fact.exclude;
      }
      if (fact.versioning && !settings.versioning) settings.versioning = fact.versioning;
    }
    return byService;
  }

  /** The endpoint's own canonical paths; [undefined] when unknown. */
  private ownPaths(file: AnalyzedFile, endpoint: EndpointFact): Array<string | undefined> {
    if (endpoint.path !== undefined) return [endpoint.path];
    if (endpoint.pathSpan) return this.foldPath(file, endpoint.pathSpan) ?? [undefined];
    return [undefined];
  }

  private foldPath(file: AnalyzedFile, span: Span): string[] | undefined {
    const value = this.fold(file, span);
    return value === undefined ? undefined : normalizeRoutePath(value);
  }

  private fold(file: AnalyzedFile, span: Span): string | undefined {
    this.folder ??= new StringFolder({ file: (path) => this.files.get(path), resolveImportedFile: this.resolveImport });
    const folded = this.folder.fold(file.path, span.start, span.end);
    return folded?.complete ? folded.value : undefined;
  }

  private add(service: ServiceNode, file: AnalyzedFile, endpoint: EndpointFact, path: string | undefined, pattern?: string): void {
    const label = endpoint.kind === 'http' ? `${endpoint.method ?? 'ALL'} ${path ?? '<unknown path>'}` : `${endpoint.kind} ${pattern ?? '<unknown pattern>'}`;
    const id = `${service.name} ${label}`;
    const key = `${id}\u0000${file.path}\u0000${endpoint.start}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const node: EndpointNode = { id, service: service.name, kind: endpoint.kind, file: file.path, start: endpoint.start, end: endpoint.end };
    if (endpoint.method) node.method = endpoint.method;
    if (path !== undefined) node.path = path;
    if (pattern !== undefined) node.pattern = pattern;
    const handler = this.handlerOf(file, endpoint);
    if (handler) node.handler = handler;
    this.nodes.push(node);
  }

  private handlerOf(file: AnalyzedFile, endpoint: EndpointFact): EndpointNode['handler'] {
    const written = endpoint.handler;
    if (written?.functionId !== undefined) return { file: file.path, functionId: written.functionId, ...spanOf(written.span) };
    const target = endpoint.handlerTarget;
    const resolved = target && this.resolveHandlerTarget(file, target);
    if (resolved) return resolved;
    return written ? { file: file.path, ...spanOf(written.span) } : undefined;
  }

  private resolveHandlerTarget(file: AnalyzedFile, target: NonNullable<EndpointFact['handlerTarget']>): EndpointNode['handler'] {
    if (!('functionId' in target)) {
      let found: EndpointNode['handler'];
      this.visitExport(file.path, target.specifier, target.instance, 0, (candidate) => {
        const binding = candidate.facts.instanceBindings.find((b) => b.name === target.instance && b.exported);
        found = binding && functionIn(candidate, `${binding.className}.${target.method}`);
        return found !== undefined;
      });
      return found;
    }
    if (target.specifier === undefined) {
      return functionIn(file, target.functionId) ?? (target.span ? { file: file.path, functionId: target.functionId, ...spanOf(target.span) } : undefined);
    }
    // An exported function's id is its name; a method's is `Class.method`, exported as the class.
    const exportName = target.functionId.split('.')[0]!;
    let found: EndpointNode['handler'];
    this.visitExport(file.path, target.specifier, exportName, 0, (candidate) => (found = functionIn(candidate, target.functionId)) !== undefined);
    return found;
  }
}

interface NestAppSettings {
  prefixSet?: boolean;
  /** Undefined when set to something not statically known. */
  prefix?: string;
  exclude?: string[];
  versioning?: GlobalPrefixFact['versioning'];
}

/** The version segment(s) of a Nest route: `v2` under URI versioning, none otherwise or when version-neutral. */
function versionSegments(endpoint: EndpointFact, app: NestAppSettings): string[] {
  const versioning = app.versioning;
  if (versioning?.type !== 'uri') return [''];
  const versions = endpoint.version ?? versioning.defaultVersion;
  if (!versions || versions.length === 0) return [''];
  return versions.map((version) => (version === NEUTRAL_VERSION ? '' : `${versioning.prefix}${version}`));
}

function functionIn(file: AnalyzedFile, functionId: string): EndpointNode['handler'] {
  const fact = file.facts.functions.find((candidate) => candidate.id === functionId);
  return fact ? { file: file.path, functionId, start: fact.start, end: fact.end } : undefined;
}

function routerKey(path: string, id: string): string {
  return `${path}#${id}`;
}

function spanOf(span: Span): Span {
  return { start: span.start, end: span.end };
}

function isTestFile(path: string): boolean {
  return /(?:\.(?:spec|test|e2e-spec)\.[cm]?[jt]sx?$)|(?:^|\/)(?:test|tests|__tests__)\//.test(path);
}
