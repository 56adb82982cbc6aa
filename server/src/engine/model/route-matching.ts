// Which endpoint serves a request, as the frameworks decide it (rules.md "Route matching"): a static segment beats a
// parametric one, which beats a wildcard tail (`/items/estimate` before `/items/:id`, as express and fastify match).
// Request paths come from folded URLs, so parts may be unknown: `…` (U+2026) stands for text the source does not fix.
import { canonicalPatternText, segmentKind } from '../facts/route-paths.js';
import type { EndpointNode } from './types.js';

const UNKNOWN = '\u2026';

/** Rank of a matched segment: higher is more specific. */
const RANK = { wildcard: 0, param: 1, static: 2 } as const;

/**
 * The HTTP endpoint that serves `method path`. `method` undefined (not known statically) matches any method; an
 * endpoint for ALL matches every method, and a GET route answers HEAD. Query strings, fragments, a scheme and host,
 * and trailing slashes are ignored.
 */
export function matchEndpoint(endpoints: readonly EndpointNode[], method: string | undefined, path: string): EndpointNode | undefined {
  const request = requestSegments(path);
  const wanted = method?.toUpperCase();
  let best: { endpoint: EndpointNode; ranks: number[]; exactMethod: boolean } | undefined;
  for (const endpoint of endpoints) {
    if (endpoint.kind !== 'http' || endpoint.path === undefined) continue;
    if (!methodMatches(endpoint.method, wanted)) continue;
    const ranks = matchSegments(routeSegments(endpoint.path), request);
    if (!ranks) continue;
    const exactMethod = wanted !== undefined && endpoint.method === wanted;
    if (!best || isBetter(ranks, exactMethod, best.ranks, best.exactMethod)) best = { endpoint, ranks, exactMethod };
  }
  return best?.endpoint;
}

/**
 * The rpc or event endpoint for a message pattern: equal strings, or equal JSON objects whatever their key order
 * (`{"cmd":"get"}` matches `@MessagePattern({ cmd: 'get' })`). `kind` narrows to request/reply or events.
 */
export function matchPattern(endpoints: readonly EndpointNode[], pattern: string, kind?: 'rpc' | 'event'): EndpointNode | undefined {
  const wanted = canonicalPatternText(pattern);
  return endpoints.find(
    (endpoint) =>
      (endpoint.kind === 'rpc' || endpoint.kind === 'event') &&
      (kind === undefined || endpoint.kind === kind) &&
      endpoint.pattern !== undefined &&
      canonicalPatternText(endpoint.pattern) === wanted,
  );
}

function methodMatches(declared: EndpointNode['method'], wanted: string | undefined): boolean {
  if (wanted === undefined || declared === undefined || declared === 'ALL') return true;
  return declared === wanted || (wanted === 'HEAD' && declared === 'GET');
}

/** The path part of a URL or path: no scheme and host, no query or fragment, no empty segments. */
function requestSegments(path: string): string[] {
  const withoutOrigin = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const withoutQuery = withoutOrigin.replace(/[?#].*$/s, '');
  return withoutQuery.split('/').filter((segment) => segment.length > 0);
}

// Every call resolved is matched against every route of its target service: split each route once.
const segmentsByRoute = new Map<string, readonly string[]>();

function routeSegments(path: string): readonly string[] {
  let segments = segmentsByRoute.get(path);
  if (!segments) {
    segments = path.split('/').filter((segment) => segment.length > 0);
    // Route strings come from user code: keep the memo bounded across long editor sessions.
    if (segmentsByRoute.size > 50_000) segmentsByRoute.clear();
    segmentsByRoute.set(path, segments);
  }
  return segments;
}

/** Per-segment ranks when the route matches the request, else undefined. */
function matchSegments(route: readonly string[], request: readonly string[]): number[] | undefined {
  const ranks: number[] = [];
  for (let i = 0; i < route.length; i++) {
    const segment = route[i]!;
    const kind = segmentKind(segment);
    // A wildcard tail takes whatever is left, nothing included (fastify's `/*` also serves `/`).
    if (kind === 'wildcard') return [...ranks, RANK.wildcard];
    const actual = request[i];
    if (actual === undefined) return undefined;
    if (kind === 'param') {
      // An unknown segment is most likely a value (`/items/${sku}`): a parameter is its best match.
      ranks.push(actual.includes(UNKNOWN) ? RANK.static : RANK.param);
      continue;
    }
    if (actual === segment) ranks.push(RANK.static);
    else if (actual.includes(UNKNOWN) && unknownTextMatches(actual, segment)) ranks.push(RANK.param);
    else return undefined;
  }
  return route.length === request.length ? ranks : undefined;
}

/** `it…s` matches `items`: each `…` stands for any text, possibly empty. */
function unknownTextMatches(pattern: string, text: string): boolean {
  const parts = pattern.split(UNKNOWN);
  if (!text.startsWith(parts[0]!)) return false;
  let position = parts[0]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, position);
    if (found < 0) return false;
    position = found + parts[i]!.length;
  }
  const last = parts[parts.length - 1]!;
  return text.length - last.length >= position && text.endsWith(last);
}

/** Lexicographic by segment rank (the first difference decides, as a radix router walks), then an exact method over ALL. */
function isBetter(ranks: readonly number[], exactMethod: boolean, other: readonly number[], otherExactMethod: boolean): boolean {
  const length = Math.max(ranks.length, other.length);
  for (let i = 0; i < length; i++) {
    const a = ranks[i] ?? -1;
    const b = other[i] ?? -1;
    if (a !== b) return a > b;
  }
  return exactMethod && !otherExactMethod;
}
