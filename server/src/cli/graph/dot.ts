// `seamlint graph --format dot`: Graphviz input (`dot -Tsvg`), for people who lay out or post-process graphs themselves.
import { graphLinks, servicesInCycles, shownLabels, type GraphLink } from './links.js';
import { endpointCount, type GraphJson } from './view.js';

export function renderDot(view: GraphJson): string {
  const inCycles = servicesInCycles(view);
  const lines = [
    'digraph seamlint {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10, color="#57606a"];',
  ];
  for (const service of view.services) {
    const attributes = [`label=${quote(`${service.name}\n${endpointCount(service.endpoints.length)}`)}`];
    if (inCycles.has(service.name)) attributes.push('color=red', 'fillcolor="#fdecea"', 'penwidth=2');
    lines.push(`  ${quote(service.name)} [${attributes.join(', ')}];`);
  }
  for (const link of graphLinks(view)) {
    const attributes = linkAttributes(link);
    lines.push(`  ${quote(link.from)} -> ${quote(link.to)}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function linkAttributes(link: GraphLink): string[] {
  const attributes: string[] = [];
  if (link.labels.length > 0) attributes.push(`label=${quote(shownLabels(link.labels).join('\n'))}`);
  if (link.kind === 'async') attributes.push('style=dashed');
  if (link.role === 'cycle') attributes.push('color=red', 'fontcolor=red', 'penwidth=2');
  if (link.role === 'chain') attributes.push('color=orange', 'penwidth=2');
  return attributes;
}

/**
 * A DOT double-quoted string. Backslashes are doubled first, because in labels `\n`, `\l`, `\N`… are escapes of their
 * own; then quotes are escaped and real line breaks become `\n`, Graphviz's centred line break.
 */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
