// The engine's ServiceGraph as the CLI shows it: paths relative to the workspace root, 1-based lines, a stable order.
// This is the `--format json` document, and every other graph format renders from it, so all four agree.
import type { EndpointNode, ServiceGraph } from '../../engine/model/types.js';
import type { LineColumn } from '../../engine/text.js';
import type { Location } from '../../engine/types.js';
import { relativePosix } from '../formats/locations.js';

export interface GraphSite {
  file: string;
  line: number;
  column: number;
  /** What happens there, when the engine says (`handler of orders POST /orders`, a hop of a chain). */
  message?: string;
}

export interface GraphEndpoint {
  kind: EndpointNode['kind'];
  method?: string;
  path?: string;
  pattern?: string;
  file: string;
  line: number;
}

export interface GraphService {
  name: string;
  /** Relative to the workspace root. */
  root: string;
  endpoints: GraphEndpoint[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'sync' | 'async';
  label: string;
  sites: GraphSite[];
}

export interface GraphPath {
  services: string[];
  sites: GraphSite[];
}

export interface GraphJson {
  version: 1;
  /** The workspace root relative to where seamlint ran ('.' from the root), as in the check command's JSON. */
  root: string;
  services: GraphService[];
  edges: GraphEdge[];
  chains: GraphPath[];
  cycles: GraphPath[];
  /** Remote calls whose target service is unknown, each with what would resolve it: counted and listed, never guessed. */
  unresolved: GraphSite[];
}

/** 0-based line/character of an offset in a file, as the engine's LineMap answers; undefined when the file is unknown. */
export type PositionLookup = (file: string, offset: number) => LineColumn | undefined;

export interface GraphSource {
  /** Absolute workspace root. */
  root: string;
  graph: ServiceGraph;
  positionAt: PositionLookup;
}

export function toGraphJson(source: GraphSource, cwd: string): GraphJson {
  const relative = (file: string): string => relativePosix(source.root, file);
  // A file the engine did not read still gets a usable location: its first line.
  const site = (location: Location): GraphSite => {
    const at = source.positionAt(location.file, location.start);
    return {
      file: relative(location.file),
      line: (at?.line ?? 0) + 1,
      column: (at?.character ?? 0) + 1,
      ...(location.message !== undefined ? { message: location.message } : {}),
    };
  };
  const endpoint = (node: EndpointNode): GraphEndpoint => ({
    kind: node.kind,
    ...(node.method !== undefined ? { method: node.method } : {}),
    ...(node.path !== undefined ? { path: node.path } : {}),
    ...(node.pattern !== undefined ? { pattern: node.pattern } : {}),
    file: relative(node.file),
    line: (source.positionAt(node.file, node.start)?.line ?? 0) + 1,
  });
  // Sorted here rather than trusting the engine's order, so the output of every format is stable across engine changes.
  const services = source.graph.services
    .map((service) => ({
      name: service.name,
      root: relative(service.root),
      endpoints: service.endpoints.map(endpoint).sort(byEndpoint),
    }))
    .sort((a, b) => compareText(a.name, b.name));
  const edges = source.graph.edges
    .map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind, label: edge.label, sites: edge.sites.map(site) }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind) || compareText(a.label, b.label));
  const path = (entry: { services: string[]; sites: Location[] }): GraphPath => ({ services: [...entry.services], sites: entry.sites.map(site) });
  return {
    version: 1,
    root: relativePosix(cwd, source.root),
    services,
    edges,
    // Only chains that reach three services are smells worth marking; a shorter one is just an edge.
    chains: source.graph.chains.filter((chain) => new Set(chain.services).size >= 3).map(path),
    cycles: source.graph.cycles.map(path),
    unresolved: source.graph.unresolved.map(site).sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column),
  };
}

export function renderJson(view: GraphJson): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byEndpoint(a: GraphEndpoint, b: GraphEndpoint): number {
  return compareText(a.path ?? a.pattern ?? '', b.path ?? b.pattern ?? '') || compareText(a.method ?? '', b.method ?? '') || a.line - b.line;
}

export function endpointLabel(endpoint: GraphEndpoint): string {
  const target = endpoint.path ?? endpoint.pattern ?? '';
  if (endpoint.kind === 'http') return `${endpoint.method ?? 'ALL'} ${target}`.trim();
  return `${endpoint.kind} ${target}`.trim();
}

export function endpointCount(count: number): string {
  return `${count} endpoint${count === 1 ? '' : 's'}`;
}
