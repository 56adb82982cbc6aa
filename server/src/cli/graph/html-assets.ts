// The HTML graph's inline stylesheet and script. Inline because the file must open anywhere with no network (and a
// VS Code webview loads nothing it is not given). The script is plain ES2017 in a string, not compiled TypeScript, so
// what ships is exactly what runs; it writes data only through textContent, never innerHTML.

export const GRAPH_CSS = String.raw`
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --node-fill: #ffffff; --node-stroke: #59636e; --edge: #6e7781;
  --cycle: #d33; --cycle-fill: #fdecea; --chain: #e8890c; --accent: #0969da;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  display: grid; grid-template-rows: auto minmax(0, 1fr); grid-template-columns: minmax(0, 1fr) 360px;
  background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header { grid-column: 1 / -1; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 24px; padding: 10px 16px; border-bottom: 1px solid var(--border); }
header h1 { font-size: 16px; margin: 0; }
.summary { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 0 auto; padding: 0; list-style: none; font-size: 12px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend svg { width: 36px; height: 16px; overflow: visible; }
#canvas-area { position: relative; min-width: 0; min-height: 0; display: flex; }
#canvas { flex: 1 1 auto; display: flex; overflow: auto; min-width: 0; min-height: 0; padding: 12px; }
/* margin: auto centres the drawing, and unlike align-items never pushes an oversized one out of reach of the scrollbars. */
#graph { display: block; margin: auto; flex: 0 0 auto; }
#graph.fit { flex: 1 1 auto; width: 100%; height: 100%; }
.zoom { position: absolute; top: 8px; right: 20px; z-index: 1; display: flex; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); overflow: hidden; }
.zoom button { font: inherit; font-size: 13px; min-width: 32px; padding: 2px 8px; border: 0; background: none; color: var(--fg); cursor: pointer; }
.zoom button + button { border-left: 1px solid var(--border); }
.zoom button:hover { background: var(--panel); }
.backdrop { fill: transparent; }
.node, .edge, .edge-label { cursor: pointer; }
.node:focus, .edge:focus { outline: none; }
.node-box { fill: var(--node-fill); stroke: var(--node-stroke); stroke-width: 1.5; }
.node.in-cycle .node-box { fill: var(--cycle-fill); stroke: var(--cycle); stroke-width: 2.5; }
.node-name { font-size: 14px; font-weight: 600; text-anchor: middle; fill: var(--fg); }
.node-meta { font-size: 12px; text-anchor: middle; fill: var(--muted); }
.edge-hit { fill: none; stroke: transparent; stroke-width: 12; }
.edge-line { fill: none; stroke: var(--edge); stroke-width: 1.6; }
.edge-async .edge-line, .legend .async { stroke-dasharray: 6 4; }
.role-cycle .edge-line { stroke: var(--cycle); stroke-width: 2.4; }
.role-chain .edge-line { stroke: var(--chain); stroke-width: 2.4; }
.arrow-plain path { fill: var(--edge); }
.arrow-cycle path { fill: var(--cycle); }
.arrow-chain path { fill: var(--chain); }
.edge-label rect { fill: var(--bg); fill-opacity: 0.94; stroke: var(--border); }
.edge-label.role-cycle rect { stroke: var(--cycle); }
.edge-label.role-chain rect { stroke: var(--chain); }
.edge-label text { font-size: 11px; text-anchor: middle; fill: var(--fg); }
.node.selected .node-box, .node:focus-visible .node-box { stroke: var(--accent); stroke-width: 3; }
.edge.selected .edge-line, .edge:focus-visible .edge-line { stroke-width: 3.6; }
#graph.has-selection .node:not(.active), #graph.has-selection .edge:not(.active), #graph.has-selection .edge-label:not(.active) { opacity: 0.22; }
aside { border-left: 1px solid var(--border); background: var(--panel); overflow: auto; min-height: 0; padding: 4px 16px 16px; }
aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 16px 0 6px; }
aside h3 { font-size: 15px; margin: 0 0 4px; word-break: break-word; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { margin: 2px 0; }
#details { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 4px 12px 10px; margin-top: 12px; }
#details h2 { margin-top: 8px; }
#details h4 { font-size: 12px; color: var(--muted); margin: 10px 0 2px; font-weight: 600; }
.hint, .root, .kind { color: var(--muted); margin: 2px 0; }
.tag { display: inline-block; font-size: 11px; border-radius: 10px; padding: 0 7px; margin-left: 6px; color: #fff; vertical-align: 1px; }
.tag.cycle { background: var(--cycle); }
.tag.chain { background: var(--chain); }
.service-list > li { padding: 4px 0; border-bottom: 1px solid var(--border); }
.endpoints { padding-left: 12px !important; font-size: 12px; }
.endpoints li, #details li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 8px; }
#details li .tag { margin-left: 0; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.loc { color: var(--muted); }
.in-vscode .loc { color: var(--accent); cursor: pointer; }
.in-vscode .loc:hover { text-decoration: underline; }
button.link, button.loc { font: inherit; background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-align: left; }
button.loc { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
button.link:hover, button.loc:hover { text-decoration: underline; }
button.link { font-weight: 600; }
.count { color: var(--muted); font-size: 12px; margin-left: 6px; }
@media (max-width: 820px) {
  body { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto 60vh auto; }
  aside { border-left: 0; border-top: 1px solid var(--border); }
}
`;

export const GRAPH_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('seamlint-graph-data').textContent);
  var view = data.view;
  var links = data.links;
  // Inside a VS Code webview: clicking asks the extension to open the code. Anywhere else it only shows details.
  var vscode = typeof window.acquireVsCodeApi === 'function' ? window.acquireVsCodeApi() : undefined;
  if (vscode) document.body.classList.add('in-vscode');
  var svg = document.getElementById('graph');
  var details = document.getElementById('details');
  var nodeElements = Array.prototype.slice.call(svg.querySelectorAll('[data-service]'));
  var linkElements = Array.prototype.slice.call(svg.querySelectorAll('[data-link]'));

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function openLocation(location) {
    if (!vscode || !location) return;
    var at = location.lastIndexOf(':');
    vscode.postMessage({ type: 'open', file: location.slice(0, at), line: Number(location.slice(at + 1)) });
  }
  // Long paths may wrap, but only after a slash.
  function appendPath(node, text) {
    text.split('/').forEach(function (part, index, parts) {
      node.appendChild(document.createTextNode(index < parts.length - 1 ? part + '/' : part));
      if (index < parts.length - 1) node.appendChild(document.createElement('wbr'));
    });
    return node;
  }
  function locationElement(file, line, column) {
    var location = file + ':' + line;
    var node = appendPath(element(vscode ? 'button' : 'code', 'loc'), column ? location + ':' + column : location);
    node.setAttribute('data-location', location);
    node.title = location;
    if (vscode) node.type = 'button';
    return node;
  }
  function tag(role) {
    return role === 'cycle' ? element('span', 'tag cycle', 'cycle') : role === 'chain' ? element('span', 'tag chain', 'chain') : null;
  }
  function startDetails(title, role) {
    details.textContent = '';
    details.appendChild(element('h2', null, 'Details'));
    var heading = element('h3', null, title);
    var marker = tag(role);
    if (marker) heading.appendChild(marker);
    details.appendChild(heading);
  }
  function endpointText(endpoint) {
    var target = endpoint.path || endpoint.pattern || '';
    return endpoint.kind === 'http' ? (endpoint.method || 'ALL') + ' ' + target : endpoint.kind + ' ' + target;
  }
  function linkButton(index, text) {
    var button = element('button', 'link', text);
    button.type = 'button';
    button.setAttribute('data-select-link', String(index));
    return button;
  }
  function highlight(services, linkIndexes, selectedService, selectedLink) {
    svg.classList.add('has-selection');
    nodeElements.forEach(function (node) {
      var name = node.getAttribute('data-service');
      node.classList.toggle('active', services.indexOf(name) >= 0);
      node.classList.toggle('selected', name === selectedService);
    });
    linkElements.forEach(function (node) {
      var index = Number(node.getAttribute('data-link'));
      node.classList.toggle('active', linkIndexes.indexOf(index) >= 0);
      node.classList.toggle('selected', index === selectedLink);
    });
  }
  function clearSelection() {
    svg.classList.remove('has-selection');
    nodeElements.concat(linkElements).forEach(function (node) { node.classList.remove('active', 'selected'); });
  }

  function showService(name) {
    var service = view.services.filter(function (entry) { return entry.name === name; })[0];
    var inCycle = view.cycles.some(function (cycle) { return cycle.services.indexOf(name) >= 0; });
    startDetails(name, inCycle ? 'cycle' : 'plain');
    if (service) details.appendChild(element('p', 'root', 'root: ' + service.root));
    var endpoints = service ? service.endpoints : [];
    details.appendChild(element('h4', null, endpoints.length === 1 ? '1 endpoint' : endpoints.length + ' endpoints'));
    var list = element('ul', 'endpoints');
    endpoints.forEach(function (endpoint) {
      var item = element('li');
      item.appendChild(element('code', null, endpointText(endpoint)));
      item.appendChild(locationElement(endpoint.file, endpoint.line));
      list.appendChild(item);
    });
    details.appendChild(list);
    var related = [];
    [['Calls and messages', 'from', 'to', '→ '], ['Called or messaged by', 'to', 'from', '← ']].forEach(function (side) {
      var matching = [];
      links.forEach(function (link, index) { if (link[side[1]] === name) matching.push(index); });
      if (matching.length === 0) return;
      details.appendChild(element('h4', null, side[0]));
      var sideList = element('ul');
      matching.forEach(function (index) {
        var link = links[index];
        related.push(index, link[side[2]]);
        var item = element('li');
        item.appendChild(linkButton(index, side[3] + link[side[2]]));
        item.appendChild(element('span', 'kind', (link.kind === 'async' ? 'message ' : '') + link.labels.join(', ')));
        var marker = tag(link.role);
        if (marker) item.appendChild(marker);
        sideList.appendChild(item);
      });
      details.appendChild(sideList);
    });
    highlight([name].concat(related.filter(function (entry) { return typeof entry === 'string'; })),
      related.filter(function (entry) { return typeof entry === 'number'; }), name, -1);
  }

  function showLink(index) {
    var link = links[index];
    startDetails(link.from + ' → ' + link.to, link.role);
    details.appendChild(element('p', 'kind', link.kind === 'async' ? 'message (asynchronous)' : 'synchronous call'));
    view.edges.filter(function (edge) { return edge.from === link.from && edge.to === link.to && edge.kind === link.kind; })
      .forEach(function (edge) {
        details.appendChild(element('h4', null, edge.label));
        var sites = element('ul', 'sites');
        edge.sites.forEach(function (site) {
          var item = element('li');
          if (site.message) item.appendChild(element('span', null, site.message));
          item.appendChild(locationElement(site.file, site.line, site.column));
          sites.appendChild(item);
        });
        details.appendChild(sites);
      });
    highlight([link.from, link.to], [index], null, index);
  }

  function showPath(kind, position) {
    var entry = (kind === 'cycle' ? view.cycles : view.chains)[position];
    var services = entry.services;
    // A cycle is a set of services that reach each other; a chain is ordered.
    var title = kind === 'chain' ? services.join(' → ') : services.length === 2 ? services[0] + ' ⇄ ' + services[1] : services.join(', ');
    startDetails(title, kind);
    details.appendChild(element('p', 'kind', kind === 'cycle' ? 'services that call each other synchronously, in a cycle' : 'a chain of synchronous calls'));
    details.appendChild(element('h4', null, 'Call sites'));
    var sites = element('ul', 'sites');
    entry.sites.forEach(function (site) {
      var item = element('li');
      if (site.message) item.appendChild(element('span', null, site.message));
      item.appendChild(locationElement(site.file, site.line, site.column));
      sites.appendChild(item);
    });
    details.appendChild(sites);
    var hops = [];
    links.forEach(function (link, index) {
      if (link.role === 'plain') return;
      if (kind === 'cycle' && services.indexOf(link.from) >= 0 && services.indexOf(link.to) >= 0) hops.push(index);
      for (var step = 0; kind === 'chain' && step + 1 < services.length; step++) {
        if (link.from === services[step] && link.to === services[step + 1]) hops.push(index);
      }
    });
    highlight(services, hops, null, -1);
  }

  function activate(target) {
    var location = target.getAttribute('data-location');
    if (target.classList.contains('loc')) return openLocation(location);
    if (target.hasAttribute('data-select-service')) return showService(target.getAttribute('data-select-service'));
    if (target.hasAttribute('data-select-link')) return showLink(Number(target.getAttribute('data-select-link')));
    if (target.hasAttribute('data-select-path')) {
      var parts = target.getAttribute('data-select-path').split(':');
      return showPath(parts[0], Number(parts[1]));
    }
    if (target.hasAttribute('data-service')) showService(target.getAttribute('data-service'));
    else if (target.hasAttribute('data-link')) showLink(Number(target.getAttribute('data-link')));
    openLocation(location);
  }
  // Zoom: "fit" lets the stylesheet fit the drawing to the window; a number is a scale of the drawing's natural size.
  var natural = svg.viewBox.baseVal;
  var zoom = 'fit';
  function currentScale() {
    var box = svg.getBoundingClientRect();
    return Math.min(box.width / natural.width, box.height / natural.height);
  }
  function setZoom(next) {
    zoom = next === 'fit' ? 'fit' : Math.max(0.2, Math.min(4, next));
    svg.classList.toggle('fit', zoom === 'fit');
    svg.style.width = zoom === 'fit' ? '' : natural.width * zoom + 'px';
    svg.style.height = zoom === 'fit' ? '' : natural.height * zoom + 'px';
  }
  function zoomBy(direction) {
    if (direction === 'fit') return setZoom('fit');
    setZoom(currentScale() * (direction === 'in' ? 1.25 : 0.8));
  }
  document.querySelector('.zoom').addEventListener('click', function (event) {
    var button = event.target.closest('[data-zoom]');
    if (button) zoomBy(button.getAttribute('data-zoom'));
  });
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA)$/.test(event.target.tagName)) return;
    if (event.key === '+' || event.key === '=') zoomBy('in');
    else if (event.key === '-') zoomBy('out');
    else if (event.key === '0') zoomBy('fit');
  });

  var selector = '.loc, [data-select-service], [data-select-link], [data-select-path], [data-service], [data-link]';
  document.addEventListener('click', function (event) {
    var target = event.target.closest(selector);
    if (target) activate(target);
    else if (svg.contains(event.target)) clearSelection();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') return clearSelection();
    if (event.key !== 'Enter' && event.key !== ' ') return;
    var target = event.target.closest && event.target.closest('#graph [data-service], #graph [data-link]');
    if (!target) return;
    event.preventDefault();
    activate(target);
  });
})();
`;
