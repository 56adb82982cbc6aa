// Who calls a route or request/reply pattern that no longer exists: every call written in a service's code that reaches
// a remote call (directly, or through wrappers, client classes and client libraries) whose target is that service and
// whose path matches the route. The working tree no longer serves the route, so targets are matched against it here.
import { canonicalPatternText } from '../../server/src/engine/facts/route-paths.js';
import type { SnapshotRoute } from '../../server/src/engine/model/contract-snapshot.js';
import { matchEndpoint } from '../../server/src/engine/model/route-matching.js';
import type { EndpointNode, RemoteEffect, SystemModel } from '../../server/src/engine/model/types.js';
import type { Location } from '../../server/src/engine/types.js';

export interface ConsumerSite extends Location {
  service: string;
}

interface RemoteUse {
  service: string;
  site: Location;
  effect: RemoteEffect;
}

const cache = new WeakMap<SystemModel, RemoteUse[]>();

export function routeConsumers(model: SystemModel, route: SnapshotRoute): ConsumerSite[] {
  const removed: EndpointNode = { id: route.key, service: route.service, kind: 'http', file: route.file, start: route.start, end: route.end };
  if (route.path !== undefined) removed.path = route.path;
  if (route.method !== undefined && route.method !== 'ALL') removed.method = route.method as EndpointNode['method'];
  const sites: ConsumerSite[] = [];
  const seen = new Set<string>();
  for (const use of remoteUses(model)) {
    if (use.service === route.service || !reaches(model, use.effect, route, removed)) continue;
    const key = `${use.site.file}:${use.site.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sites.push({ ...use.site, service: use.service });
  }
  return sites;
}

function reaches(model: SystemModel, effect: RemoteEffect, route: SnapshotRoute, removed: EndpointNode): boolean {
  const fact = effect.call.fact;
  if (route.kind === 'rpc') {
    if (fact.kind !== 'rpc' || !fact.pattern || route.pattern === undefined) return false;
    const pattern = model.foldString(effect.call.file, fact.pattern.start, fact.pattern.end);
    return pattern?.complete === true && canonicalPatternText(pattern.value) === canonicalPatternText(route.pattern);
  }
  const target = effect.target;
  if (fact.kind !== 'http' || target?.service !== route.service || target.url === undefined) return false;
  const path = requestPath(target.url);
  return path !== undefined && matchEndpoint([removed], target.method ?? fact.method, path) !== undefined;
}

/** The path part of a folded URL: after `${ORDERS_URL}` or `http://orders:3000`. */
function requestPath(url: string): string | undefined {
  const path = url.replace(/^\$\{[A-Za-z_][A-Za-z0-9_]*\}/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.startsWith('/') ? path : undefined;
}

/**
 * Every remote interaction started from service code, at its outermost call: a call whose remote call happens inside a
 * wrapper is kept, and the wrapper's own inner calls (reached from it) are dropped, so each use is listed once.
 */
function remoteUses(model: SystemModel): RemoteUse[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const candidates: RemoteUse[] = [];
  const inner = new Set<string>();
  // Production consumers first (rules.md "Code roles"), each group in path order.
  const files = [...model.files.values()]
    .filter((file) => file.service)
    .sort((a, b) => Number(model.roleOf(a.path) !== 'production') - Number(model.roleOf(b.path) !== 'production') || a.path.localeCompare(b.path));
  for (const file of files) {
    const spans = new Map<string, { start: number; end: number }>();
    for (const site of [...file.facts.callSites, ...file.facts.remoteCalls]) spans.set(`${site.start}:${site.end}`, site);
    for (const span of [...spans.values()].sort((a, b) => a.start - b.start)) {
      for (const effect of model.remoteEffectsOf(file.path, span.start, span.end)) {
        // A library call nested in this call's arguments (`res.json(await api.get(u))`) is listed at itself.
        const own = effect.via.length > 0 || (effect.call.file === file.path && effect.call.fact.start === span.start && effect.call.fact.end === span.end);
        if (!own) continue;
        candidates.push({ service: file.service!.name, site: { file: file.path, start: span.start, end: span.end }, effect });
        for (const hop of effect.via.slice(1)) inner.add(`${hop.file}:${hop.start}`);
        if (effect.via.length > 0) inner.add(`${effect.call.file}:${effect.call.fact.start}`);
      }
    }
  }
  const uses = candidates.filter((use) => !inner.has(`${use.site.file}:${use.site.start}`));
  cache.set(model, uses);
  return uses;
}
