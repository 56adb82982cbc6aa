import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceGraph } from '../../engine/model/types.js';
import { renderDot, quote } from './dot.js';
import { renderHtml } from './html.js';
import { graphLinks } from './links.js';
import { escapeMermaid, mermaidIds, renderMermaid } from './mermaid.js';
import { at, GRAPH_ROOT, http, positionAt, shopGraph, smallGraph } from './test-data.js';
import { renderJson, toGraphJson, type GraphJson } from './view.js';

const small = (): GraphJson => toGraphJson(smallGraph(), GRAPH_ROOT);

function graphOf(graph: Omit<ServiceGraph, 'unresolved'>): GraphJson {
  return toGraphJson({ root: GRAPH_ROOT, graph: { unresolved: [], ...graph }, positionAt }, GRAPH_ROOT);
}

const HOSTILE = '<script>alert("x")</script>';

function hostileGraph(): GraphJson {
  return graphOf({
    services: [
      { name: HOSTILE, root: path.join(GRAPH_ROOT, 'services/evil'), endpoints: [http(HOSTILE, 'GET', '/a&b<i>', 'src/x.ts', 3)] },
      { name: 'orders', root: path.join(GRAPH_ROOT, 'services/orders'), endpoints: [] },
    ],
    edges: [{ from: HOSTILE, to: 'orders', kind: 'sync', label: `GET /x?a=1&b="<b>"'`, sites: [at('evil', "src/<img src=x onerror=alert(1)>.ts", 2)] }],
    chains: [],
    cycles: [],
  });
}

describe('json', () => {
  it('has paths relative to the root, 1-based lines and columns, and a stable order', () => {
    const view = small();
    expect(view.version).toBe(1);
    expect(view.root).toBe('.');
    expect(view.services.map((service) => service.name)).toEqual(['gateway', 'notifications', 'orders', 'payments']);
    expect(view.services[2]).toEqual({
      name: 'orders',
      root: 'services/orders',
      endpoints: [
        { kind: 'http', method: 'POST', path: '/orders', file: 'services/orders/src/orders.ts', line: 12 },
        { kind: 'http', method: 'GET', path: '/orders/:id', file: 'services/orders/src/orders.ts', line: 30 },
      ],
    });
    expect(view.services[1]!.endpoints).toEqual([{ kind: 'event', pattern: 'order.placed', file: 'services/notifications/src/consumer.ts', line: 9 }]);
    expect(view.edges[0]).toEqual({
      from: 'gateway',
      to: 'orders',
      kind: 'sync',
      label: 'POST /orders',
      sites: [{ file: 'services/gateway/src/checkout.ts', line: 19, column: 5 }],
    });
    expect(view.edges.map((edge) => `${edge.from}->${edge.to}`)).toEqual(['gateway->orders', 'orders->notifications', 'orders->payments', 'payments->orders']);
    expect(view.chains).toEqual([
      { services: ['gateway', 'orders', 'payments'], sites: [{ file: 'services/gateway/src/checkout.ts', line: 19, column: 5 }, { file: 'services/orders/src/orders.ts', line: 54, column: 5 }] },
    ]);
    expect(view.cycles[0]!.services).toEqual(['orders', 'payments']);
  });

  it('gives the root relative to where seamlint runs, keeps site messages, and drops chains shorter than three services', () => {
    const source = shopGraph();
    source.graph.chains.push({ services: ['inventory', 'pricing'], sites: [] });
    const view = toGraphJson(source, path.join(GRAPH_ROOT, 'services'));
    expect(view.root).toBe('..');
    expect(view.chains.map((chain) => chain.services.length)).toEqual([4, 3]);
    expect(view.chains[0]!.sites[1]).toEqual({ file: 'services/orders/src/orders/orders.controller.ts', line: 15, column: 5, message: 'handler of orders POST /orders' });
  });

  it('lands on line 1 for a file the engine did not read', () => {
    const view = toGraphJson({ ...smallGraph(), positionAt: () => undefined }, GRAPH_ROOT);
    expect(view.edges[0]!.sites[0]).toEqual({ file: 'services/gateway/src/checkout.ts', line: 1, column: 1 });
  });

  it('renders as indented JSON that parses back to the view', () => {
    const text = renderJson(small());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(small());
  });
});

describe('arrows', () => {
  it('groups edges per caller, callee and kind; a cycle outranks a chain; async arrows are never a sync cycle', () => {
    const links = graphLinks(toGraphJson(shopGraph(), GRAPH_ROOT));
    const gatewayOrders = links.find((link) => link.from === 'gateway' && link.to === 'orders')!;
    expect(gatewayOrders.labels).toEqual(['GET /orders', 'GET /orders/:id', 'POST /orders']);
    expect(gatewayOrders.sites).toHaveLength(3);
    expect(links.map((link) => `${link.from}->${link.to}:${link.role}`)).toEqual([
      'gateway->inventory:plain',
      'gateway->orders:chain',
      'gateway->payments:plain',
      'inventory->pricing:chain',
      'orders->inventory:chain',
      'orders->notifications:plain',
      'orders->payments:cycle',
      'payments->notifications:plain',
      'payments->orders:cycle',
    ]);
  });

  it('marks every edge inside a cycle of three services, in whatever order the engine lists them', () => {
    const edge = (from: string, to: string) => ({ from, to, kind: 'sync' as const, label: `${from}-${to}`, sites: [] });
    const view = graphOf({
      services: ['a', 'b', 'c'].map((name) => ({ name, root: path.join(GRAPH_ROOT, name), endpoints: [] })),
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('b', 'a')],
      chains: [],
      cycles: [{ services: ['c', 'a', 'b'], sites: [] }],
    });
    expect(graphLinks(view).every((link) => link.role === 'cycle')).toBe(true);
  });
});

describe('mermaid', () => {
  it('draws a small graph exactly', () => {
    expect(renderMermaid(small())).toBe(
      [
        'flowchart LR',
        '  gateway["gateway<br/>1 endpoint"]',
        '  notifications["notifications<br/>1 endpoint"]',
        '  orders["orders<br/>2 endpoints"]',
        '  payments["payments<br/>1 endpoint"]',
        '  gateway -->|"POST /orders"| orders',
        '  orders -.->|"order.placed"| notifications',
        '  orders -->|"POST /payments/charges"| payments',
        '  payments -->|"GET /orders/:id"| orders',
        '  classDef cycle stroke:#d33,stroke-width:2px,fill:#fdecea',
        '  class orders,payments cycle',
        '  linkStyle 2,3 stroke:#d33,stroke-width:2px',
        '  linkStyle 0 stroke:#e8890c,stroke-width:2px',
        '',
      ].join('\n'),
    );
  });

  it('sanitises ids: only letters, digits and _, unique, never a keyword', () => {
    const ids = mermaidIds(['@shop/orders-api', 'shop-orders-api', 'end', '3d', 'orders']);
    expect([...ids.values()]).toEqual(['shop_orders_api', 'shop_orders_api_2', 'svc_end', 'svc_3d', 'orders']);
  });

  it('escapes label text with entity codes and joins several labels, at most three lines', () => {
    expect(escapeMermaid('a "b" <c> #1 | &')).toBe('a #34;b#34; #60;c#62; #35;1 #124; #38;');
    const text = renderMermaid(toGraphJson(shopGraph(), GRAPH_ROOT));
    expect(text).toContain('  gateway -->|"GET /orders<br/>GET /orders/:id<br/>POST /orders"| orders\n');
    const hostile = renderMermaid(hostileGraph());
    expect(hostile).not.toMatch(/<script|<b>|<img/);
    expect(hostile).toContain('  script_alert_x_script["#60;script#62;alert(#34;x#34;)#60;/script#62;<br/>1 endpoint"]');
  });

  it('still writes a valid diagram for a workspace with no services', () => {
    expect(renderMermaid(graphOf({ services: [], edges: [], chains: [], cycles: [] }))).toBe('flowchart LR\n  %% no services found\n');
  });
});

describe('dot', () => {
  it('draws a small graph exactly', () => {
    expect(renderDot(small())).toBe(
      [
        'digraph seamlint {',
        '  rankdir=LR;',
        '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10, color="#57606a"];',
        '  "gateway" [label="gateway\\n1 endpoint"];',
        '  "notifications" [label="notifications\\n1 endpoint"];',
        '  "orders" [label="orders\\n2 endpoints", color=red, fillcolor="#fdecea", penwidth=2];',
        '  "payments" [label="payments\\n1 endpoint", color=red, fillcolor="#fdecea", penwidth=2];',
        '  "gateway" -> "orders" [label="POST /orders", color=orange, penwidth=2];',
        '  "orders" -> "notifications" [label="order.placed", style=dashed];',
        '  "orders" -> "payments" [label="POST /payments/charges", color=red, fontcolor=red, penwidth=2];',
        '  "payments" -> "orders" [label="GET /orders/:id", color=red, fontcolor=red, penwidth=2];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes and escapes ids and labels', () => {
    expect(quote('say "hi"\\n\nnext')).toBe('"say \\"hi\\"\\\\n\\nnext"');
    const text = renderDot(hostileGraph());
    expect(text).toContain('  "<script>alert(\\"x\\")</script>" -> "orders" [label="GET /x?a=1&b=\\"<b>\\"\'"];');
  });
});

describe('html', () => {
  it('escapes every name, label and path: a hostile service name stays text', () => {
    const html = renderHtml(hostileGraph());
    // The only script elements are the page's own: its data block and its code.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('data-service="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(html).toContain('data-edge="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;-&gt;orders"');
    expect(html).toContain('<text class="node-name" x="');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>');
    // The embedded data cannot close its script element early.
    const data = html.slice(html.indexOf('id="seamlint-graph-data">'), html.indexOf('</script>'));
    expect(data).not.toMatch(/<\/|<!--/);
    expect(data).toContain('\\u003cscript\\u003e');
  });

  it('is self-contained: nothing loaded from anywhere, and a policy that forbids it', () => {
    const html = renderHtml(toGraphJson(shopGraph(), GRAPH_ROOT));
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain("typeof window.acquireVsCodeApi === 'function'");
    expect(html).toContain("vscode.postMessage({ type: 'open'");
  });

  it('gives every service and arrow its data attributes and location', () => {
    const html = renderHtml(toGraphJson(shopGraph(), GRAPH_ROOT));
    expect(html.match(/<g [^>]*data-service=/g)).toHaveLength(6);
    expect(html.match(/<g [^>]*data-edge=/g)).toHaveLength(9);
    expect(html).toContain('data-edge="orders-&gt;payments" data-kind="sync" data-role="cycle" data-link="6" data-location="services/orders/src/orders/orders.service.ts:54"');
    expect(html).toContain('data-service="pricing" data-location="services/pricing/src/main.ts:20"');
  });

  it('puts a nonce on its style and script and allows only them, for a webview', () => {
    const html = renderHtml(small(), { cspNonce: 'abc123' });
    expect(html).toContain(`content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src data:"`);
    expect(html).toContain('<style nonce="abc123">');
    expect(html).toContain('<script nonce="abc123">');
    expect(html).not.toContain('unsafe-inline');
  });

  it('is the same for the same graph', () => {
    expect(renderHtml(toGraphJson(shopGraph(), GRAPH_ROOT))).toBe(renderHtml(toGraphJson(shopGraph(), GRAPH_ROOT)));
  });
});
