// The synchronous service graph: which handler waits on which other service's endpoint, and from there the call
// chains and cycles. Edges start at the call written in the handler's own body (directly or through wrappers, client
// classes, injected services); remote calls no handler reaches are edges at the library call itself. Message edges
// (message-edges.ts) join the graph's edges but never its chains and cycles.
import type { RemoteCallFact } from '../facts/types.js';
import type { Location } from '../types.js';
import type { CallGraph, ReachedCall } from './call-graph.js';
import type { DependencyTracker } from './dependency-tracker.js';
import { buildMessageEdges } from './message-edges.js';
import type { ParameterBindings } from './string-folding.js';
import type { SubclassIndex } from './subclasses.js';
import type { RemoteTargetResolver } from './remote-targets.js';
import type { StoredSyncCall, SyncCallCache } from './sync-call-cache.js';
import type { AnalyzedFile, EndpointNode, FoldedString, RemoteTarget, ServiceEdge, ServiceGraph, ServiceNode } from './types.js';

export interface SyncCall {
  /** The service whose code makes the call. */
  from: string;
  /** The handler's endpoint, when the call is made while serving one. */
  endpoint?: EndpointNode;
  /** Where it is reported: the call in the handler's own body, or the library call when no handler reaches it. */
  site: Location;
  reached: ReachedCall;
  target?: RemoteTarget;
  /**
   * The caller waits for it (the library call and every call on the way are awaited). A call nobody waits for is
   * still an edge (the service depends on the other), but no part of a chain or a cycle.
   */
  blocking: boolean;
}

export interface SyncGraphHost {
  services: readonly ServiceNode[];
  endpoints: readonly EndpointNode[];
  files: ReadonlyMap<string, AnalyzedFile>;
  serviceOf(path: string): ServiceNode | undefined;
  callGraph: CallGraph;
  targets: RemoteTargetResolver;
  isConfirmedRemoteCall(file: string, fact: RemoteCallFact): boolean;
  /** Base classes services extend, for messages a base class sends or reads under each subclass's name. */
  subclasses?: SubclassIndex;
  /** Folds queue and topic names for the message edges (with a wrapper's parameters bound to a caller's arguments). */
  foldString(file: string, start: number, end: number, bindings?: ParameterBindings): FoldedString | undefined;
}

const MAX_CHAIN_HOPS = 12;

/**
 * Every synchronous call: per handler (through its call graph), then the awaited remote calls no handler reaches.
 * `reuse` (an editor session) keeps each handler's calls from the previous model while what they were computed from
 * is unchanged (sync-call-cache.ts).
 */
export function buildSyncCalls(host: SyncGraphHost, reuse?: { cache: SyncCallCache; tracker: DependencyTracker; files: ReadonlyMap<string, AnalyzedFile> }): SyncCall[] {
  const calls: SyncCall[] = [];
  const reachedFromHandlers = new Set<string>();
  reuse?.cache.useRoutes(host.endpoints);
  const endpointIndex = new Map(host.endpoints.map((endpoint, index) => [endpoint, index]));
  host.endpoints.forEach((endpoint, index) => {
    const handler = endpoint.handler;
    if (!handler?.functionId) return;
    const key = `${index}\0${handler.file}#${handler.functionId}`;
    const kept = reuse?.cache.get(key, reuse.files);
    if (kept) {
      for (const reached of kept.reachedKeys) reachedFromHandlers.add(reached);
      for (const call of kept.calls) calls.push(rehydrate(call, endpoint, host.endpoints));
      return;
    }
    reuse?.tracker.begin();
    const reachedKeys: string[] = [];
    const own: SyncCall[] = [];
    try {
      for (const reached of host.callGraph.effectsOfFunction({ file: handler.file, id: handler.functionId })) {
        reachedKeys.push(keyOf(reached.file, reached.fact.start));
        const site = reached.via[0] ?? { file: reached.file, start: reached.fact.start, end: reached.fact.end };
        own.push({ from: endpoint.service, endpoint, site, reached, target: host.targets.resolve(reached.file, reached.fact, reached.via), blocking: blocks(host, reached) });
      }
    } catch (error) {
      reuse?.tracker.end();
      throw error;
    }
    if (reuse) reuse.cache.set(key, reuse.tracker.end(), reuse.files, reachedKeys, own.map((call) => stored(call, endpointIndex)));
    for (const reached of reachedKeys) reachedFromHandlers.add(reached);
    calls.push(...own);
  });
  for (const file of host.files.values()) {
    const service = host.serviceOf(file.path);
    if (!service) continue;
    for (const fact of file.facts.remoteCalls) {
      if (reachedFromHandlers.has(keyOf(file.path, fact.start)) || !host.isConfirmedRemoteCall(file.path, fact)) continue;
      const reached = { file: file.path, fact, via: [] };
      calls.push({ from: service.name, site: { file: file.path, start: fact.start, end: fact.end }, reached, target: host.targets.resolve(file.path, fact), blocking: fact.awaited });
    }
  }
  return calls;
}

function stored(call: SyncCall, endpointIndex: ReadonlyMap<EndpointNode, number>): StoredSyncCall {
  if (!call.target) return { site: call.site, reached: call.reached, blocking: call.blocking };
  const { endpoint, ...target } = call.target;
  return { site: call.site, reached: call.reached, blocking: call.blocking, target: { ...target, ...(endpoint ? { endpointIndex: endpointIndex.get(endpoint) } : {}) } };
}

function rehydrate(call: StoredSyncCall, endpoint: EndpointNode, endpoints: readonly EndpointNode[]): SyncCall {
  const { endpointIndex, ...target } = call.target ?? {};
  const resolved = call.target ? { ...(target as RemoteTarget), ...(endpointIndex !== undefined ? { endpoint: endpoints[endpointIndex] } : {}) } : undefined;
  return { from: endpoint.service, endpoint, site: call.site, reached: call.reached, blocking: call.blocking, ...(resolved ? { target: resolved } : {}) };
}

/** The caller waits: the library call is awaited, and so is every call on the way to it. */
function blocks(host: SyncGraphHost, reached: ReachedCall): boolean {
  if (!reached.fact.awaited) return false;
  return reached.via.every((site) => host.files.get(site.file)?.facts.callSites.find((c) => c.start === site.start && c.end === site.end)?.awaited !== false);
}

export function buildServiceGraph(host: SyncGraphHost, calls: readonly SyncCall[]): ServiceGraph {
  const edgesOf = (list: readonly SyncCall[]): ServiceEdge[] => {
    const edges = new Map<string, ServiceEdge>();
    for (const call of list) {
      if (!call.target || call.target.service === call.from) continue;
      const label = labelOf(call.target);
      const key = `${call.from}->${call.target.service}:${label}`;
      const edge = edges.get(key) ?? { from: call.from, to: call.target.service, kind: 'sync' as const, label, sites: [] };
      edge.sites.push(call.site);
      edges.set(key, edge);
    }
    return [...edges.values()];
  };
  const blocking = calls.filter((call) => call.blocking);
  return {
    services: host.services.map((s) => ({ name: s.name, root: s.root, endpoints: host.endpoints.filter((e) => e.service === s.name) })),
    // Messages join the graph, but not its chains and cycles: a consumer does not keep its producer waiting. Neither
    // does a request nobody waits for.
    edges: [...edgesOf(calls), ...buildMessageEdges(host)],
    chains: findChains(blocking),
    cycles: findCycles(edgesOf(blocking)),
    unresolved: unresolvedSites(calls),
  };
}

/**
 * A call site in a handler can reach several library calls; it is one place to look at, so it counts once. Each says
 * what it is and what would resolve it (rules.md "Unresolved": counted and listed, never guessed).
 */
function unresolvedSites(calls: readonly SyncCall[]): Location[] {
  const sites = new Map<string, Location>();
  for (const call of calls) {
    if (call.target) continue;
    const fact = call.reached.fact;
    const what = fact.kind === 'rpc' ? `request/reply call (${fact.library})` : `${fact.method ?? 'HTTP'} call (${fact.library})`;
    const remedy =
      fact.kind === 'rpc'
        ? 'no service in the workspace handles its pattern'
        : "its URL names no service of the workspace: add the URL or its env variable to the service's urls in seamlint.config.json, or ignore it if it is a third-party API";
    sites.set(keyOf(call.site.file, call.site.start), { ...call.site, message: `${what}: ${remedy}` });
  }
  return [...sites.values()];
}

function labelOf(target: RemoteTarget): string {
  const endpoint = target.endpoint;
  if (!endpoint) return target.url ?? target.service;
  return endpoint.kind === 'http' ? `${endpoint.method ?? ''} ${endpoint.path ?? ''}`.trim() : `${endpoint.kind} ${endpoint.pattern ?? ''}`.trim();
}

/**
 * For every call made while serving a handler, the longest chain of synchronous calls it starts: the services in order
 * (the caller's first) and, after the call itself, each later hop as the next handler and the call in it.
 */
function findChains(calls: readonly SyncCall[]): ServiceGraph['chains'] {
  const byEndpoint = new Map<string, SyncCall[]>();
  for (const call of calls) if (call.endpoint) byEndpoint.set(call.endpoint.id, [...(byEndpoint.get(call.endpoint.id) ?? []), call]);

  // Longest path is exponential to enumerate; memoised per endpoint (a cycle in progress counts as a dead end), and a
  // chain is cut where it would return to a service it already passed.
  const memo = new Map<string, SyncCall[]>();
  const inProgress = new Set<string>();
  const longestFrom = (endpoint: EndpointNode, depth: number): SyncCall[] => {
    const known = memo.get(endpoint.id);
    if (known) return known;
    if (inProgress.has(endpoint.id) || depth >= MAX_CHAIN_HOPS) return [];
    inProgress.add(endpoint.id);
    let best: SyncCall[] = [];
    for (const call of byEndpoint.get(endpoint.id) ?? []) {
      const next = call.target?.endpoint;
      if (!next || next.service === endpoint.service) continue;
      const candidate = withoutReturns([call, ...longestFrom(next, depth + 1)], endpoint.service);
      if (candidate.length > best.length) best = candidate;
    }
    inProgress.delete(endpoint.id);
    memo.set(endpoint.id, best);
    return best;
  };

  const chains: ServiceGraph['chains'] = [];
  for (const call of calls) {
    const next = call.target?.endpoint;
    if (!call.endpoint || !next || next.service === call.from) continue;
    const rest = withoutReturns(longestFrom(next, 1), call.from, next.service);
    const services = [call.from, next.service, ...rest.map((hop) => hop.target!.service)];
    const sites: Location[] = [call.site];
    let handlerOf = next;
    for (const hop of rest) {
      if (handlerOf.handler) sites.push({ file: handlerOf.handler.file, start: handlerOf.handler.start, end: handlerOf.handler.end, message: `handler of ${handlerOf.id}` });
      sites.push({ ...hop.site, message: `${hop.from} calls ${labelOf(hop.target!)} on ${hop.target!.service}` });
      handlerOf = hop.target!.endpoint!;
    }
    if (handlerOf.handler) sites.push({ file: handlerOf.handler.file, start: handlerOf.handler.start, end: handlerOf.handler.end, message: `handler of ${handlerOf.id}` });
    chains.push({ services, sites });
  }
  return chains;
}

/** Strongly connected components of two or more services (Tarjan), with the sites of the edges inside them. */
function findCycles(edges: readonly ServiceEdge[]): ServiceGraph['cycles'] {
  const successors = new Map<string, Set<string>>();
  for (const edge of edges) successors.set(edge.from, new Set([...(successors.get(edge.from) ?? []), edge.to]));
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    indexOf.set(node, next);
    lowLink.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const successor of successors.get(node) ?? []) {
      if (!indexOf.has(successor)) {
        visit(successor);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(successor)!));
      } else if (onStack.has(successor)) lowLink.set(node, Math.min(lowLink.get(node)!, indexOf.get(successor)!));
    }
    if (lowLink.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...successors.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return components.map((services) => ({
    services,
    sites: edges.filter((e) => services.includes(e.from) && services.includes(e.to)).flatMap((e) => e.sites.map((site) => ({ ...site, message: `${e.from} calls ${e.label} on ${e.to}` }))),
  }));
}

/** The hops up to (not including) the first one that enters a service already passed (the given ones, or an earlier hop's). */
function withoutReturns(hops: SyncCall[], ...passed: string[]): SyncCall[] {
  const seen = new Set(passed);
  const kept: SyncCall[] = [];
  for (const hop of hops) {
    const target = hop.target!.service;
    if (seen.has(target)) break;
    seen.add(target);
    kept.push(hop);
  }
  return kept;
}

function keyOf(file: string, start: number): string {
  return `${file}:${start}`;
}
