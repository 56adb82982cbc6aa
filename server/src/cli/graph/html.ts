// `seamlint graph --format html`: one self-contained page (inline CSS, script and SVG; nothing fetched) with the drawing,
// a legend, and a panel listing the services; clicking a service or an arrow shows its endpoints and call sites.
import { escapeHtml, jsonForScript } from './escape.js';
import { GRAPH_CSS, GRAPH_SCRIPT } from './html-assets.js';
import { drawGraph } from './html-svg.js';
import { cycleText, graphLinks } from './links.js';
import { endpointCount, endpointLabel, type GraphJson } from './view.js';

export interface HtmlOptions {
  /**
   * For a host with a strict Content-Security-Policy (a VS Code webview): the style and script elements carry this
   * nonce and the page's own policy allows only them. Without it the page allows its inline style and script, and
   * still nothing from the network.
   */
  cspNonce?: string;
}

export function renderHtml(view: GraphJson, options: HtmlOptions = {}): string {
  const links = graphLinks(view);
  const { svg, layout } = drawGraph(view, links);
  const nonce = options.cspNonce === undefined ? '' : ` nonce="${escapeHtml(options.cspNonce)}"`;
  const source = options.cspNonce === undefined ? "'unsafe-inline'" : `'nonce-${escapeHtml(options.cspNonce)}'`;
  const csp = `default-src 'none'; style-src ${source}; script-src ${source}; img-src data:`;
  // Fitted to the window, but never blown up past 1.5× (two services would fill a screen) nor shrunk below 75%, where
  // labels get too small to read: a large system scrolls instead (and the zoom buttons go further either way).
  const { width, height } = layout.bounds;
  const sizing = `#graph.fit { max-width: ${px(width * 1.5)}; max-height: ${px(height * 1.5)}; min-width: ${px(width * 0.75)}; min-height: ${px(height * 0.75)}; }`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>seamlint · service graph</title>',
    `<style${nonce}>${GRAPH_CSS}${sizing}\n</style>`,
    '</head>',
    '<body>',
    header(view),
    '<main id="canvas-area">',
    '<div class="zoom" role="toolbar" aria-label="Zoom"><button type="button" data-zoom="out" title="Zoom out (-)">−</button><button type="button" data-zoom="fit" title="Fit to the window (0)">Fit</button><button type="button" data-zoom="in" title="Zoom in (+)">+</button></div>',
    `<div id="canvas">\n${svg}\n</div>`,
    '</main>',
    panel(view),
    `<script type="application/json" id="seamlint-graph-data">${jsonForScript({ view, links })}</script>`,
    `<script${nonce}>${GRAPH_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(view: GraphJson): string {
  const summary = [
    plural(view.services.length, 'service'),
    plural(view.edges.length, 'edge'),
    plural(view.cycles.length, 'cycle'),
    plural(view.chains.length, 'long chain'),
  ].join(' · ');
  const line = (className: string, color: string): string =>
    `<svg viewBox="0 0 36 16" aria-hidden="true"><path class="${className}" d="M2,8 H28" stroke="${color}" stroke-width="2" fill="none"/><path d="M26,3 L34,8 L26,13 z" fill="${color}"/></svg>`;
  const legend = [
    `<li>${line('sync', '#6e7781')}synchronous call</li>`,
    `<li>${line('async', '#6e7781')}message (async)</li>`,
    `<li>${line('sync', '#d33')}edge of a cycle</li>`,
    `<li>${line('sync', '#e8890c')}hop of a chain of 3+ services</li>`,
    '<li><svg viewBox="0 0 36 16" aria-hidden="true"><rect x="3" y="2" width="30" height="12" rx="3" fill="#fdecea" stroke="#d33" stroke-width="2"/></svg>service in a cycle</li>',
  ];
  return [
    '<header>',
    '<h1>Service graph</h1>',
    `<span class="summary">${escapeHtml(summary)}</span>`,
    `<ul class="legend" aria-label="Legend">${legend.join('')}</ul>`,
    '</header>',
  ].join('\n');
}

function panel(view: GraphJson): string {
  const services = view.services.map((service) => {
    // Within its service's entry an endpoint's file is shown from the service root; the full path is its title.
    const endpoints = service.endpoints.map((endpoint) => {
      const location = `${endpoint.file}:${endpoint.line}`;
      const shown = service.root !== '.' && location.startsWith(`${service.root}/`) ? location.slice(service.root.length + 1) : location;
      return `<li><code>${escapeHtml(endpointLabel(endpoint))}</code><code class="loc" data-location="${escapeHtml(location)}" title="${escapeHtml(location)}">${breakablePath(shown)}</code></li>`;
    });
    return [
      '<li>',
      `<button type="button" class="link" data-select-service="${escapeHtml(service.name)}">${escapeHtml(service.name)}</button>`,
      `<span class="count">${escapeHtml(endpointCount(service.endpoints.length))} · ${breakablePath(service.root)}</span>`,
      endpoints.length > 0 ? `<ul class="endpoints">${endpoints.join('')}</ul>` : '',
      '</li>',
    ].join('');
  });
  const paths = (kind: 'cycle' | 'chain', entries: GraphJson['cycles'], title: string): string => {
    if (entries.length === 0) return '';
    const items = entries.map((entry, index) => {
      const text = kind === 'cycle' ? cycleText(entry.services) : entry.services.join(' → ');
      return `<li><button type="button" class="link" data-select-path="${kind}:${index}">${escapeHtml(text)}</button></li>`;
    });
    return `<h2>${escapeHtml(title)} (${entries.length})</h2><ul>${items.join('')}</ul>`;
  };
  return [
    '<aside aria-label="Services and details">',
    '<section id="details" aria-live="polite"><h2>Details</h2><p class="hint">Click a service or an arrow to see its endpoints and call sites.</p></section>',
    view.edges.length === 0 ? '<p class="hint">No calls or messages between services were found.</p>' : '',
    paths('cycle', view.cycles, 'Cycles'),
    paths('chain', view.chains, 'Long synchronous chains'),
    `<h2>Services (${view.services.length})</h2>`,
    `<ul class="service-list">${services.join('')}</ul>`,
    '</aside>',
  ].join('\n');
}

/** Escaped, with a line-break opportunity after every slash, so long paths wrap between folders. */
function breakablePath(text: string): string {
  return escapeHtml(text).replace(/\//g, '/<wbr>');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function px(value: number): string {
  return `${Math.round(value)}px`;
}
