// `seamlint graph --format mermaid`: a flowchart that GitHub, GitLab and most markdown viewers draw as it is.
import { graphLinks, servicesInCycles, shownLabels, type GraphLink } from './links.js';
import { endpointCount, type GraphJson } from './view.js';

export const CYCLE_COLOR = '#d33';
export const CHAIN_COLOR = '#e8890c';

// Words mermaid's flowchart grammar reads as keywords; a node id equal to one (in any case) breaks the diagram.
const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'default', 'call', 'href']);

export function renderMermaid(view: GraphJson): string {
  const ids = mermaidIds(view.services.map((service) => service.name));
  const idOf = (name: string): string => {
    let id = ids.get(name);
    // An edge or cycle may name a service the graph does not list (an external one): give it an id too.
    if (id === undefined) {
      id = uniqueId(sanitize(name), new Set(ids.values()));
      ids.set(name, id);
    }
    return id;
  };
  const lines = ['flowchart LR'];
  if (view.services.length === 0) lines.push('  %% no services found');
  for (const service of view.services) {
    lines.push(`  ${idOf(service.name)}["${escapeMermaid(service.name)}<br/>${endpointCount(service.endpoints.length)}"]`);
  }
  const links = graphLinks(view);
  for (const link of links) {
    const arrow = link.kind === 'async' ? '-.->' : '-->';
    const label = shownLabels(link.labels).map(escapeMermaid).join('<br/>');
    lines.push(`  ${idOf(link.from)} ${arrow}${label ? `|"${label}"|` : ''} ${idOf(link.to)}`);
  }
  const inCycles = [...servicesInCycles(view)].sort().map(idOf);
  if (inCycles.length > 0) {
    lines.push(`  classDef cycle stroke:${CYCLE_COLOR},stroke-width:2px,fill:#fdecea`);
    lines.push(`  class ${inCycles.join(',')} cycle`);
  }
  // linkStyle addresses links by their index in the order they were written above.
  const indexes = (role: GraphLink['role']): number[] => links.flatMap((link, index) => (link.role === role ? [index] : []));
  const cycleLinks = indexes('cycle');
  const chainLinks = indexes('chain');
  if (cycleLinks.length > 0) lines.push(`  linkStyle ${cycleLinks.join(',')} stroke:${CYCLE_COLOR},stroke-width:2px`);
  if (chainLinks.length > 0) lines.push(`  linkStyle ${chainLinks.join(',')} stroke:${CHAIN_COLOR},stroke-width:2px`);
  return `${lines.join('\n')}\n`;
}

/** Node ids made of letters, digits and `_` only (`@shop/orders-api` → `shop_orders_api`), unique, never a keyword. */
export function mermaidIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (ids.has(name)) continue;
    const id = uniqueId(sanitize(name), taken);
    ids.set(name, id);
    taken.add(id);
  }
  return ids;
}

function sanitize(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(base) && !RESERVED.has(base.toLowerCase()) ? base : `svc_${base}`;
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let suffix = 2; taken.has(id); suffix++) id = `${base}_${suffix}`;
  return id;
}

/** Text inside a quoted mermaid label: its entity codes, so quotes end nothing and markup is shown, not interpreted. */
export function escapeMermaid(text: string): string {
  return text.replace(/[#"<>&|]/g, (char) => `#${char.charCodeAt(0)};`);
}
