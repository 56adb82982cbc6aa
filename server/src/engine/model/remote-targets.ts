// Which service and endpoint a remote call reaches. The URL is folded from its expression (and the client instance's
// base URL); its origin names a service through compose/k8s host names, env variable names (`${INVENTORY_URL}`) and
// their values in compose or .env files, or config `urls`; its path is matched against that service's routes.
// Request/reply patterns are matched against `@MessagePattern`s.
import ts from 'typescript';
import { grpcPattern } from '../facts/grpc.js';
import type { HttpClientFact, RemoteCallFact } from '../facts/types.js';
import type { Location } from '../types.js';
import type { Workspace } from '../workspace/types.js';
import { matchEndpoint, matchPattern } from './route-matching.js';
import type { Dependencies, DependencyTracker } from './dependency-tracker.js';
import { parameterBindingsAlong } from './parameter-bindings.js';
import { findNodeAt, type ParameterBindings } from './string-folding.js';
import type { AnalyzedFile, EndpointNode, FoldedString, RemoteTarget, ServiceNode } from './types.js';

export interface TargetResolverHost {
  workspace: Workspace;
  services: readonly ServiceNode[];
  endpoints: readonly EndpointNode[];
  file(path: string): AnalyzedFile | undefined;
  serviceOf(path: string): ServiceNode | undefined;
  packageOf(path: string): { name: string; root: string } | undefined;
  foldString(path: string, start: number, end: number, bindings?: ParameterBindings): FoldedString | undefined;
  resolveImportedFile(fromFile: string, specifier: string): string | undefined;
  importedHttpClient(fromFile: string, imported: { specifier: string; name: string }): { file: AnalyzedFile; client: HttpClientFact } | undefined;
}

const UNKNOWN = '\u2026';
const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)(?::\d+)?)/i;
const ENV_PREFIX = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

/** `/api/` + `generators` and `/api` + `/generators` are both `/api/generators`; a bare origin contributes nothing. */
function joinUrlPath(base: string, rest: string): string {
  if (base === '' || base === '/') return rest === '' || rest.startsWith('/') ? rest : `/${rest}`;
  return `${base.replace(/\/$/, '')}/${rest.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
}

export class RemoteTargetResolver {
  private readonly cache = new Map<string, { target: RemoteTarget | undefined; dependencies?: Dependencies }>();
  private bindings: ParameterBindings | undefined;
  private httpEndpointsByService: Map<string, EndpointNode[]> | undefined;
  private readonly byPathAlone = new Map<string, Omit<RemoteTarget, 'url'> | undefined>();

  constructor(
    private readonly host: TargetResolverHost,
    /** Records which files each resolution read (see dependency-tracker.ts). */
    private readonly tracker?: DependencyTracker,
  ) {}

  /** The HTTP endpoints of one service: asked for every call resolved, so grouped once. */
  private httpEndpointsOf(service: string): readonly EndpointNode[] {
    if (!this.httpEndpointsByService) {
      this.httpEndpointsByService = new Map();
      for (const endpoint of this.host.endpoints) {
        if (endpoint.kind !== 'http') continue;
        const list = this.httpEndpointsByService.get(endpoint.service);
        if (list) list.push(endpoint);
        else this.httpEndpointsByService.set(endpoint.service, [endpoint]);
      }
    }
    return this.httpEndpointsByService.get(service) ?? [];
  }

  /**
   * `via` are the call sites that led to the library call: a wrapper's parameters (`request(method, path)`) take the
   * values its callers pass (`this.request('GET', \`/items/${sku}\`)`), so the URL of a client library's call is known per use.
   */
  /** The HTTP method of a library call as seen through its callers (undefined when unknown). */
  methodThrough(path: string, fact: RemoteCallFact, via: readonly Location[]): string | undefined {
    if (fact.method || via.length === 0) return fact.method;
    this.bindings = this.bindingsAlong(path, fact, via);
    try {
      return this.methodOf(path, fact);
    } finally {
      this.bindings = undefined;
    }
  }

  resolve(path: string, fact: RemoteCallFact, via: readonly Location[] = []): RemoteTarget | undefined {
    const key = `${path}:${fact.start}:${via.map((v) => `${v.file}:${v.start}`).join('>')}`;
    const cached = this.cache.get(key);
    if (cached) {
      if (cached.dependencies) this.tracker?.replay(cached.dependencies);
      return cached.target;
    }
    this.tracker?.begin();
    this.bindings = via.length > 0 ? this.bindingsAlong(path, fact, via) : undefined;
    try {
      const target = fact.kind === 'rpc' ? this.resolveRpc(path, fact) : this.resolveHttp(path, fact);
      this.cache.set(key, { target, ...(this.tracker ? { dependencies: this.tracker.end() } : {}) });
      return target;
    } catch (error) {
      this.tracker?.end();
      throw error;
    } finally {
      this.bindings = undefined;
    }
  }

  private fold(path: string, start: number, end: number): FoldedString | undefined {
    return this.host.foldString(path, start, end, this.bindings);
  }

  private bindingsAlong(path: string, fact: RemoteCallFact, via: readonly Location[]): ParameterBindings {
    return parameterBindingsAlong((file) => this.host.file(file), [...via, { file: path, start: fact.start, end: fact.end }]);
  }

  /** The request method when the library call passes it as a variable (`fetch(url, { method })`): bound from the callers. */
  private methodOf(path: string, fact: RemoteCallFact): string | undefined {
    if (fact.method || !this.bindings) return fact.method;
    const file = this.host.file(path);
    const call = file && findNodeAt(file.sourceFile, fact.start, fact.end);
    if (!call || !ts.isCallExpression(call)) return undefined;
    for (const argument of call.arguments) {
      if (!ts.isObjectLiteralExpression(argument)) continue;
      const property = argument.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'method');
      const value = property && (ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined);
      const folded = value && this.fold(path, value.getStart(file.sourceFile), value.end);
      if (folded?.complete) return folded.value.toUpperCase();
    }
    return undefined;
  }

  /** The request/reply pattern: `send(pattern)`'s argument, or a gRPC client's `Service/Method`. */
  private rpcPatternOf(path: string, fact: RemoteCallFact): FoldedString | undefined {
    if (fact.grpc) {
      const service = this.fold(path, fact.grpc.service.start, fact.grpc.service.end);
      return service && { ...service, value: grpcPattern(service.value, fact.grpc.method) };
    }
    return fact.pattern ? this.fold(path, fact.pattern.start, fact.pattern.end) : undefined;
  }

  private resolveRpc(path: string, fact: RemoteCallFact): RemoteTarget | undefined {
    const pattern = this.rpcPatternOf(path, fact);
    if (!pattern?.complete) return undefined;
    const caller = this.host.serviceOf(path)?.name;
    const endpoint = matchPattern(this.host.endpoints.filter((e) => e.kind === 'rpc' && e.service !== caller), pattern.value);
    return endpoint ? { service: endpoint.service, endpoint, url: pattern.value } : undefined;
  }

  private resolveHttp(path: string, fact: RemoteCallFact): RemoteTarget | undefined {
    const url = this.urlOf(path, fact);
    if (!url) return undefined;
    const caller = this.host.serviceOf(path);
    const { service, rest } = this.serviceOfUrl(url, caller);
    const requestPath = rest.replace(/[?#].*$/, '') || '/';
    const method = this.methodOf(path, fact);
    if (service) {
      const endpoint = matchEndpoint(this.httpEndpointsOf(service.name), method, requestPath);
      return { service: service.name, endpoint, url, method };
    }
    if (!rest.startsWith('/')) return undefined;
    const byPath = this.resolveByPathAlone(path, method, requestPath, caller, url);
    return byPath && { ...byPath, method };
  }

  /** The full URL as far as the source says: the call's argument joined to the client's base URL. */
  private urlOf(path: string, fact: RemoteCallFact): string | undefined {
    const own = fact.url ? this.fold(path, fact.url.start, fact.url.end) : undefined;
    if (own && (ORIGIN.test(own.value) || ENV_PREFIX.test(own.value))) return own.value;
    const base = this.baseUrlOf(path, fact);
    if (base && own) return base.value.replace(/\/$/, '') + (own.value.startsWith('/') ? '' : '/') + own.value;
    return own?.value ?? base?.value;
  }

  private baseUrlOf(path: string, fact: RemoteCallFact): FoldedString | undefined {
    if (fact.baseUrl) return this.fold(path, fact.baseUrl.start, fact.baseUrl.end);
    if (!fact.instanceImport) return undefined;
    // An instance created in another module (`export const paymentsApi = axios.create({ baseURL })`).
    const imported = this.host.importedHttpClient(path, fact.instanceImport);
    const baseUrl = imported?.client.baseUrl;
    return baseUrl ? this.host.foldString(imported.file.path, baseUrl.start, baseUrl.end) : undefined;
  }

  private serviceOfUrl(url: string, caller: ServiceNode | undefined): { service?: ServiceNode; rest: string } {
    const env = ENV_PREFIX.exec(url);
    if (env) {
      const value = this.envValue(env[1]!, caller);
      const origin = value ? ORIGIN.exec(value) : undefined;
      // The variable may hold a whole endpoint (`DSG_RUNNER_URL=http://localhost:8900/api/code-generate`): its path
      // is part of the request's.
      const rest = joinUrlPath(origin ? value!.slice(origin[1]!.length) : '', url.slice(env[0].length));
      const byName = this.host.services.find((s) => s.addresses.includes(env[1]!));
      if (byName) return { service: byName, rest };
      return { service: origin ? this.serviceByHost(origin[2]!) : undefined, rest };
    }
    const origin = ORIGIN.exec(url);
    if (origin) return { service: this.serviceByHost(origin[2]!) ?? this.serviceByConfiguredUrl(origin[1]!), rest: url.slice(origin[1]!.length) };
    return { rest: url.startsWith(UNKNOWN) ? url.replace(/^\u2026+/, '') : url };
  }

  private serviceByHost(host: string): ServiceNode | undefined {
    const lower = host.toLowerCase();
    return this.host.services.find((s) => s.hostnames.some((h) => h.toLowerCase() === lower)) ?? this.host.services.find((s) => s.name.toLowerCase() === lower);
  }

  private serviceByConfiguredUrl(origin: string): ServiceNode | undefined {
    return this.host.services.find((s) => s.addresses.some((a) => a.replace(/\/$/, '') === origin));
  }

  /** An env variable's value where the caller runs: its compose/k8s environment first, then .env files. */
  private envValue(name: string, caller: ServiceNode | undefined): string | undefined {
    const deployment = caller && this.host.workspace.deployments.find((d) => d.name === caller.name || (d.buildContext && d.buildContext === caller.root));
    if (deployment?.environment[name]) return deployment.environment[name];
    for (const variables of Object.values(this.host.workspace.envFiles)) if (variables[name]) return variables[name];
    return undefined;
  }

  /**
   * The base URL is not in the source (a client library given its base at construction): the path alone decides when
   * exactly one other service serves it; a library named after a service (`inventory-client`) breaks ties.
   */
  private resolveByPathAlone(path: string, method: string | undefined, requestPath: string, caller: ServiceNode | undefined, url: string): RemoteTarget | undefined {
    // Every service's routes are tried: the same request from the same package has the same answer.
    const key = `${method ?? ''}\0${requestPath}\0${caller?.name ?? ''}\0${this.host.packageOf(path)?.name ?? ''}`;
    if (!this.byPathAlone.has(key)) this.byPathAlone.set(key, this.matchByPathAlone(path, method, requestPath, caller));
    const match = this.byPathAlone.get(key);
    return match && { ...match, url };
  }

  private matchByPathAlone(path: string, method: string | undefined, requestPath: string, caller: ServiceNode | undefined): Omit<RemoteTarget, 'url'> | undefined {
    const candidates = new Map<string, EndpointNode>();
    for (const service of this.host.services) {
      if (service.name === caller?.name) continue;
      const endpoint = matchEndpoint(this.httpEndpointsOf(service.name), method, requestPath);
      if (endpoint) candidates.set(service.name, endpoint);
    }
    if (candidates.size > 1) {
      const library = this.host.packageOf(path)?.name.replace(/^@[^/]+\//, '');
      const named = [...candidates.keys()].find((name) => library?.startsWith(`${name}-`));
      if (!named) return undefined;
      return { service: named, endpoint: candidates.get(named) };
    }
    const [only] = candidates;
    return only ? { service: only[0], endpoint: only[1] } : undefined;
  }
}
