// The SVG drawing of the HTML graph, drawn on the server side so the file reads even with scripts off. Every service
// and arrow carries data-* attributes: the page's script (and the VS Code webview later) finds them, and tests count them.
import { escapeHtml } from './escape.js';
import { layoutGraph, type Box, type Layout } from './layout.js';
import { servicesInCycles, shownLabels, type GraphLink } from './links.js';
import { truncateToWidth, textWidth } from './text-width.js';
import { endpointCount, type GraphJson, type GraphSite } from './view.js';

const NAME_SIZE = 14;
const META_SIZE = 12;
const LABEL_SIZE = 11;
const LABEL_LINE = 14;
const NODE_HEIGHT = 50;
const NODE_PADDING = 32;
const NODE_MIN_WIDTH = 120;
const NAME_MAX_WIDTH = 220;
const LABEL_MAX_WIDTH = 210;

export interface DrawnGraph {
  svg: string;
  layout: Layout;
}

interface NodeText {
  name: string;
  meta: string;
  width: number;
}

export function drawGraph(view: GraphJson, links: readonly GraphLink[]): DrawnGraph {
  const texts = new Map<string, NodeText>();
  // Services an edge names but the graph does not list (outside the workspace) are drawn too, with no endpoints.
  const names = [...new Set([...view.services.map((service) => service.name), ...links.flatMap((link) => [link.from, link.to])])];
  for (const name of names) {
    const count = view.services.find((service) => service.name === name)?.endpoints.length ?? 0;
    const shown = truncateToWidth(name, NAME_MAX_WIDTH, NAME_SIZE, true);
    const meta = endpointCount(count);
    const width = Math.max(NODE_MIN_WIDTH, textWidth(shown, NAME_SIZE, true) + NODE_PADDING, textWidth(meta, META_SIZE) + NODE_PADDING);
    texts.set(name, { name: shown, meta, width });
  }
  const labelLines = links.map((link) => shownLabels(link.labels, 3).map((label) => truncateToWidth(label, LABEL_MAX_WIDTH, LABEL_SIZE)));
  const layout = layoutGraph(
    names.map((name) => ({ id: name, width: texts.get(name)!.width, height: NODE_HEIGHT })),
    links.map((link, index) => {
      const lines = labelLines[index]!;
      const label = lines.length > 0 ? { width: Math.max(...lines.map((line) => textWidth(line, LABEL_SIZE))) + 12, height: lines.length * LABEL_LINE + 6 } : undefined;
      return { from: link.from, to: link.to, primary: link.kind === 'sync', ...(label ? { label } : {}) };
    }),
  );

  const inCycles = servicesInCycles(view);
  const nodes = names.map((name) => drawNode(name, texts.get(name)!, layout.nodes.get(name)!, inCycles.has(name), firstEndpointLocation(view, name)));
  const edges = links.map((link, index) => drawEdge(link, index, layout.links[index]!.path));
  const labels = links.map((link, index) => {
    const box = layout.links[index]!.label;
    return box ? drawLabel(link, index, box, labelLines[index]!) : '';
  });
  const { x, y, width, height } = layout.bounds;
  const title = `Service graph: ${names.length} services, ${links.length} arrows, ${view.cycles.length} cycles, ${view.chains.length} chains`;
  const svg = [
    `<svg id="graph" class="fit" xmlns="http://www.w3.org/2000/svg" viewBox="${num(x)} ${num(y)} ${num(width)} ${num(height)}" preserveAspectRatio="xMidYMid meet" role="group" aria-label="${escapeHtml(title)}">`,
    markers(),
    `<rect class="backdrop" x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"/>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="edge-labels">${labels.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
  return { svg, layout };
}

function markers(): string {
  const marker = (id: string): string =>
    `<marker id="arrow-${id}" class="arrow-${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker>`;
  return `<defs>${['plain', 'cycle', 'chain'].map(marker).join('')}</defs>`;
}

function drawNode(name: string, text: NodeText, box: Box, inCycle: boolean, location: string | undefined): string {
  const attributes = [
    `class="node${inCycle ? ' in-cycle' : ''}"`,
    `data-service="${escapeHtml(name)}"`,
    ...(location ? [`data-location="${escapeHtml(location)}"`] : []),
    `transform="translate(${num(box.x)},${num(box.y)})"`,
    'tabindex="0"',
    'role="button"',
    `aria-label="${escapeHtml(`${name}, ${text.meta}${inCycle ? ', in a cycle' : ''}`)}"`,
  ];
  return [
    `<g ${attributes.join(' ')}>`,
    `<title>${escapeHtml(name)}</title>`,
    `<rect class="node-box" width="${num(box.width)}" height="${num(box.height)}" rx="8"/>`,
    `<text class="node-name" x="${num(box.width / 2)}" y="21">${escapeHtml(text.name)}</text>`,
    `<text class="node-meta" x="${num(box.width / 2)}" y="39">${escapeHtml(text.meta)}</text>`,
    '</g>',
  ].join('');
}

function drawEdge(link: GraphLink, index: number, path: string): string {
  const description = `${link.from} ${link.kind === 'async' ? 'messages' : 'calls'} ${link.to}: ${link.labels.join(', ')}${roleText(link)}`;
  const site = link.sites[0];
  const attributes = [
    `class="edge edge-${link.kind} role-${link.role}"`,
    `data-edge="${escapeHtml(`${link.from}->${link.to}`)}"`,
    `data-kind="${link.kind}"`,
    `data-role="${link.role}"`,
    `data-link="${index}"`,
    ...(site ? [`data-location="${escapeHtml(siteLocation(site))}"`] : []),
    'tabindex="0"',
    'role="button"',
    `aria-label="${escapeHtml(description)}"`,
  ];
  return [
    `<g ${attributes.join(' ')}>`,
    `<title>${escapeHtml(description)}</title>`,
    // A wide transparent copy of the line, so a thin arrow is easy to hit with the mouse.
    `<path class="edge-hit" d="${path}"/>`,
    `<path class="edge-line" d="${path}" marker-end="url(#arrow-${link.role})"/>`,
    '</g>',
  ].join('');
}

function drawLabel(link: GraphLink, index: number, box: Box, lines: readonly string[]): string {
  const site = link.sites[0];
  const location = site ? ` data-location="${escapeHtml(siteLocation(site))}"` : '';
  const tspans = lines.map((line, row) => `<tspan x="${num(box.width / 2)}" y="${num(3 + LABEL_LINE * row + 11)}">${escapeHtml(line)}</tspan>`);
  return [
    `<g class="edge-label edge-${link.kind} role-${link.role}" data-link="${index}"${location} transform="translate(${num(box.x)},${num(box.y)})">`,
    `<rect width="${num(box.width)}" height="${num(box.height)}" rx="4"/>`,
    `<text>${tspans.join('')}</text>`,
    '</g>',
  ].join('');
}

function roleText(link: GraphLink): string {
  return link.role === 'cycle' ? ' (part of a cycle)' : link.role === 'chain' ? ' (part of a long synchronous chain)' : '';
}

function firstEndpointLocation(view: GraphJson, name: string): string | undefined {
  const endpoint = view.services.find((service) => service.name === name)?.endpoints[0];
  return endpoint ? `${endpoint.file}:${endpoint.line}` : undefined;
}

export function siteLocation(site: GraphSite): string {
  return `${site.file}:${site.line}`;
}

function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}
