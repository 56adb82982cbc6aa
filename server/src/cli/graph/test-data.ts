// Hand-made service graphs for the graph format tests and the browser test, built the way the engine builds them:
// absolute paths and 0-based offsets. Offsets here encode their position: offset = line * 100 + character (0-based).
import * as path from 'node:path';
import type { EndpointNode, ServiceEdge, ServiceGraph } from '../../engine/model/types.js';
import type { Location } from '../../engine/types.js';
import type { GraphSource, PositionLookup } from './view.js';

export const GRAPH_ROOT = path.resolve('/ws/shop');

export const positionAt: PositionLookup = (_file, offset) => ({ line: Math.floor(offset / 100), character: offset % 100 });

/** `services/<service>/<file>` at a 1-based line, column 5. */
export function at(service: string, file: string, line: number, message?: string): Location {
  const start = (line - 1) * 100 + 4;
  return { file: path.join(GRAPH_ROOT, 'services', service, file), start, end: start + 10, ...(message ? { message } : {}) };
}

export function http(service: string, method: EndpointNode['method'], route: string, file: string, line: number): EndpointNode {
  const location = at(service, file, line);
  return { id: `${service} ${method} ${route}`, service, kind: 'http', method, path: route, file: location.file, start: location.start, end: location.end };
}

export function event(service: string, pattern: string, file: string, line: number): EndpointNode {
  const location = at(service, file, line);
  return { id: `${service} event ${pattern}`, service, kind: 'event', pattern, file: location.file, start: location.start, end: location.end };
}

function service(name: string, endpoints: EndpointNode[]): ServiceGraph['services'][number] {
  return { name, root: path.join(GRAPH_ROOT, 'services', name), endpoints };
}

function edge(from: string, to: string, kind: ServiceEdge['kind'], label: string, sites: Location[]): ServiceEdge {
  return { from, to, kind, label, sites };
}

/**
 * Four services: gateway → orders → payments is a chain, orders ⇄ payments a cycle (so orders → payments is both, and
 * shows as a cycle), orders messages notifications.
 */
export function smallGraph(): GraphSource {
  const graph: ServiceGraph = {
    services: [
      service('orders', [http('orders', 'POST', '/orders', 'src/orders.ts', 12), http('orders', 'GET', '/orders/:id', 'src/orders.ts', 30)]),
      service('gateway', [http('gateway', 'POST', '/checkout', 'src/checkout.ts', 8)]),
      service('payments', [http('payments', 'POST', '/payments/charges', 'src/router.ts', 20)]),
      service('notifications', [event('notifications', 'order.placed', 'src/consumer.ts', 9)]),
    ],
    edges: [
      edge('gateway', 'orders', 'sync', 'POST /orders', [at('gateway', 'src/checkout.ts', 19)]),
      edge('orders', 'payments', 'sync', 'POST /payments/charges', [at('orders', 'src/orders.ts', 54)]),
      edge('payments', 'orders', 'sync', 'GET /orders/:id', [at('payments', 'src/router.ts', 130)]),
      edge('orders', 'notifications', 'async', 'order.placed', [at('orders', 'src/publisher.ts', 22)]),
    ],
    chains: [{ services: ['gateway', 'orders', 'payments'], sites: [at('gateway', 'src/checkout.ts', 19), at('orders', 'src/orders.ts', 54)] }],
    cycles: [{ services: ['orders', 'payments'], sites: [at('orders', 'src/orders.ts', 54), at('payments', 'src/router.ts', 130)] }],
    unresolved: [at('gateway', 'src/checkout.ts', 40)],
  };
  return { root: GRAPH_ROOT, graph, positionAt };
}

/** The example shop drawn by hand: six services, two chains, a cycle, message edges, several labels on one arrow. */
export function shopGraph(): GraphSource {
  const graph: ServiceGraph = {
    services: [
      service('gateway', [
        http('gateway', 'POST', '/checkout', 'src/routes/checkout.ts', 11),
        http('gateway', 'GET', '/orders/:id', 'src/routes/orders.ts', 7),
        http('gateway', 'GET', '/customers/:id/overview', 'src/routes/orders.ts', 18),
        http('gateway', 'GET', '/catalog', 'src/routes/catalog.ts', 8),
        http('gateway', 'GET', '/v1/catalog/:sku/availability', 'src/routes/catalog.ts', 19),
      ]),
      service('orders', [
        http('orders', 'POST', '/orders', 'src/orders/orders.controller.ts', 15),
        http('orders', 'GET', '/orders', 'src/orders/orders.controller.ts', 28),
        http('orders', 'GET', '/orders/:id', 'src/orders/orders.controller.ts', 32),
      ]),
      service('inventory', [
        http('inventory', 'GET', '/items', 'src/items/items.router.ts', 10),
        http('inventory', 'GET', '/items/:sku', 'src/items/items.router.ts', 20),
        http('inventory', 'GET', '/items/:sku/stock', 'src/items/items.router.ts', 40),
        http('inventory', 'POST', '/reservations', 'src/items/items.router.ts', 50),
      ]),
      service('pricing', [http('pricing', 'GET', '/prices/:sku', 'src/main.ts', 20)]),
      service('payments', [
        http('payments', 'POST', '/payments/charges', 'src/payments.router.ts', 40),
        http('payments', 'GET', '/payments', 'src/payments.router.ts', 80),
        http('payments', 'GET', '/payments/:id', 'src/payments.router.ts', 100),
        http('payments', 'POST', '/payments/:id/refunds', 'src/payments.router.ts', 120),
      ]),
      service('notifications', [
        event('notifications', 'order.placed', 'src/consumers/order-placed.consumer.ts', 13),
        event('notifications', 'payment.failed', 'src/consumers/payment-failed.consumer.ts', 21),
      ]),
    ],
    edges: [
      edge('gateway', 'orders', 'sync', 'POST /orders', [at('gateway', 'src/routes/checkout.ts', 19)]),
      edge('gateway', 'orders', 'sync', 'GET /orders/:id', [at('gateway', 'src/routes/orders.ts', 8)]),
      edge('gateway', 'orders', 'sync', 'GET /orders', [at('gateway', 'src/routes/orders.ts', 20)]),
      edge('gateway', 'payments', 'sync', 'GET /payments', [at('gateway', 'src/routes/orders.ts', 21)]),
      edge('gateway', 'inventory', 'sync', 'GET /items', [at('gateway', 'src/routes/catalog.ts', 11)]),
      edge('gateway', 'inventory', 'sync', 'GET /items/:sku/stock', [at('gateway', 'src/routes/catalog.ts', 20)]),
      edge('orders', 'inventory', 'sync', 'GET /items/:sku', [at('orders', 'src/orders/orders.service.ts', 29)]),
      edge('inventory', 'pricing', 'sync', 'GET /prices/:sku', [at('inventory', 'src/pricing/pricing.client.ts', 8)]),
      edge('orders', 'payments', 'sync', 'POST /payments/charges', [at('orders', 'src/orders/orders.service.ts', 54)]),
      edge('payments', 'orders', 'sync', 'GET /orders/:id', [at('payments', 'src/payments.router.ts', 130)]),
      edge('orders', 'notifications', 'async', 'order.placed', [at('orders', 'src/messaging/order-events.publisher.ts', 18)]),
      edge('payments', 'notifications', 'async', 'payment.failed', [at('payments', 'src/messaging.ts', 12)]),
    ],
    chains: [
      {
        services: ['gateway', 'orders', 'inventory', 'pricing'],
        sites: [
          at('gateway', 'src/routes/checkout.ts', 19),
          at('orders', 'src/orders/orders.controller.ts', 15, 'handler of orders POST /orders'),
          at('orders', 'src/orders/orders.service.ts', 29, 'orders calls GET /items/:sku on inventory'),
          at('inventory', 'src/pricing/pricing.client.ts', 8, 'inventory calls GET /prices/:sku on pricing'),
        ],
      },
      { services: ['orders', 'inventory', 'pricing'], sites: [at('orders', 'src/orders/orders.service.ts', 29), at('inventory', 'src/pricing/pricing.client.ts', 8)] },
    ],
    cycles: [{ services: ['orders', 'payments'], sites: [at('orders', 'src/orders/orders.service.ts', 54), at('payments', 'src/payments.router.ts', 130)] }],
    unresolved: [],
  };
  return { root: GRAPH_ROOT, graph, positionAt };
}
