// What the drawn formats draw: one arrow per caller, callee and kind (the engine may report several edges between two
// services, one per endpoint or queue; drawn separately they would lie on top of each other), marked when it is a hop of
// a cycle or of a long synchronous chain.
import { compareText, type GraphJson, type GraphSite } from './view.js';

/** A cycle outranks a chain: when one arrow is both, the cycle is the stronger smell and the one to show. */
export type LinkRole = 'cycle' | 'chain' | 'plain';

export interface GraphLink {
  from: string;
  to: string;
  kind: 'sync' | 'async';
  /** The labels of the edges it stands for, in order, without repeats. */
  labels: string[];
  sites: GraphSite[];
  role: LinkRole;
}

export function graphLinks(view: GraphJson): GraphLink[] {
  const byKey = new Map<string, GraphLink>();
  for (const edge of view.edges) {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    let link = byKey.get(key);
    if (!link) {
      link = { from: edge.from, to: edge.to, kind: edge.kind, labels: [], sites: [], role: 'plain' };
      byKey.set(key, link);
    }
    if (!link.labels.includes(edge.label)) link.labels.push(edge.label);
    for (const site of edge.sites) {
      if (!link.sites.some((seen) => seen.file === site.file && seen.line === site.line && seen.column === site.column)) link.sites.push(site);
    }
  }
  const links = [...byKey.values()].sort(
    (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind),
  );
  // The engine reports a cycle as a strongly connected set of services, in no particular order: every edge between two
  // members lies on some cycle. Chains are ordered: their hops are the consecutive pairs.
  const cycleSets = view.cycles.map((cycle) => new Set(cycle.services));
  const chainPairs = new Set(view.chains.flatMap((chain) => hops(chain.services)));
  const syncPairs = new Set(links.filter((link) => link.kind === 'sync').map((link) => pairKey(link.from, link.to)));
  // Cycles and chains are found in the synchronous graph; an async arrow is marked only when no sync arrow could be meant.
  const eligible = (link: GraphLink): boolean => link.kind === 'sync' || !syncPairs.has(pairKey(link.from, link.to));
  const onCycle = (link: GraphLink): boolean => cycleSets.some((members) => members.has(link.from) && members.has(link.to));
  for (const link of links) {
    if (eligible(link)) link.role = onCycle(link) ? 'cycle' : chainPairs.has(pairKey(link.from, link.to)) ? 'chain' : 'plain';
  }
  return links;
}

/** The services that lie on some cycle, for the node highlight. */
export function servicesInCycles(view: GraphJson): Set<string> {
  return new Set(view.cycles.flatMap((cycle) => cycle.services));
}

/** `orders ⇄ payments` for two services; a longer cycle is a set of services in no particular order, so just the names. */
export function cycleText(services: readonly string[]): string {
  return services.length === 2 ? `${services[0]} ⇄ ${services[1]}` : services.join(', ');
}

function hops(services: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let index = 0; index + 1 < services.length; index++) pairs.push(pairKey(services[index]!, services[index + 1]!));
  return pairs;
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** At most `max` labels, then "+N more": arrows stay readable; the JSON and the HTML details keep every label. */
export function shownLabels(labels: readonly string[], max = 3): string[] {
  if (labels.length <= max) return [...labels];
  return [...labels.slice(0, max - 1), `+${labels.length - (max - 1)} more`];
}
