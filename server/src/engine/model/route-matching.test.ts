import { describe, expect, it } from 'vitest';
import { matchEndpoint, matchPattern } from './route-matching.js';
import type { EndpointNode } from './types.js';

function http(method: EndpointNode['method'], path: string): EndpointNode {
  return { id: `inventory ${method} ${path}`, service: 'inventory', kind: 'http', method, path, file: '/w/items.ts', start: 0, end: 1 };
}

function message(kind: 'rpc' | 'event', pattern: string): EndpointNode {
  return { id: `payments ${kind} ${pattern}`, service: 'payments', kind, pattern, file: '/w/payments.controller.ts', start: 0, end: 1 };
}

const items = [
  http('GET', '/items/:id'),
  http('GET', '/items/estimate'),
  http('GET', '/items'),
  http('GET', '/items/:id/stock'),
  http('POST', '/items'),
  http('DELETE', '/items/:id'),
  http('ALL', '/admin/*'),
  http('GET', '/'),
];

function matched(method: string | undefined, path: string): string | undefined {
  return matchEndpoint(items, method, path)?.id;
}

describe('matchEndpoint', () => {
  it('prefers a static segment over a parameter, whatever the declaration order', () => {
    expect(matched('GET', '/items/estimate')).toBe('inventory GET /items/estimate');
    expect(matched('GET', '/items/42')).toBe('inventory GET /items/:id');
    expect(matchEndpoint([...items].reverse(), 'GET', '/items/estimate')?.id).toBe('inventory GET /items/estimate');
  });

  it('matches unknown segments (…), preferring a parameter for a wholly unknown one', () => {
    expect(matched('GET', '/items/\u2026/stock')).toBe('inventory GET /items/:id/stock');
    expect(matched('GET', '/items/\u2026')).toBe('inventory GET /items/:id');
    expect(matched('GET', '/items/esti\u2026')).toBe('inventory GET /items/:id');
    expect(matchEndpoint([http('GET', '/items/estimate')], 'GET', '/items/esti\u2026')?.id).toBe('inventory GET /items/estimate');
    expect(matchEndpoint([http('GET', '/items/estimate')], 'GET', '/items/x\u2026')).toBeUndefined();
  });

  it('ignores query strings, fragments, origins and trailing slashes', () => {
    expect(matched('GET', '/items?cursor=\u2026&limit=10')).toBe('inventory GET /items');
    expect(matched('GET', '/items/42/#top')).toBe('inventory GET /items/:id');
    expect(matched('GET', 'http://inventory:3000/items/42/stock/')).toBe('inventory GET /items/:id/stock');
    expect(matched('GET', '')).toBe('inventory GET /');
    expect(matched('GET', '/?q=1')).toBe('inventory GET /');
  });

  it('requires the method to match; ALL matches any, an unknown method matches any, GET answers HEAD', () => {
    expect(matched('POST', '/items')).toBe('inventory POST /items');
    expect(matched('post', '/items')).toBe('inventory POST /items');
    expect(matched('PUT', '/items/42')).toBeUndefined();
    expect(matched('DELETE', '/items/42')).toBe('inventory DELETE /items/:id');
    expect(matched('HEAD', '/items/42/stock')).toBe('inventory GET /items/:id/stock');
    expect(matched(undefined, '/items/42/stock')).toBe('inventory GET /items/:id/stock');
    expect(matched('PATCH', '/admin/users/1')).toBe('inventory ALL /admin/*');
  });

  it('prefers an exact method over ALL on the same path', () => {
    const endpoints = [http('ALL', '/orders/:id'), http('GET', '/orders/:id')];
    expect(matchEndpoint(endpoints, 'GET', '/orders/1')?.id).toBe('inventory GET /orders/:id');
    expect(matchEndpoint(endpoints, 'PUT', '/orders/1')?.id).toBe('inventory ALL /orders/:id');
  });

  it('ranks a wildcard tail below parameters and matches nothing for unknown paths', () => {
    const endpoints = [http('GET', '/files/*'), http('GET', '/files/:name')];
    expect(matchEndpoint(endpoints, 'GET', '/files/a.txt')?.id).toBe('inventory GET /files/:name');
    expect(matchEndpoint(endpoints, 'GET', '/files/dir/a.txt')?.id).toBe('inventory GET /files/*');
    expect(matched('GET', '/nothing/here')).toBeUndefined();
    expect(matched('GET', '/items/42/stock/extra')).toBeUndefined();
  });

  it('skips endpoints without a known path and non-HTTP endpoints', () => {
    const unknown: EndpointNode = { ...http('GET', '/x'), path: undefined };
    expect(matchEndpoint([unknown, message('rpc', 'get')], undefined, '/x')).toBeUndefined();
  });
});

describe('matchPattern', () => {
  const endpoints = [message('rpc', 'get_ticket'), message('rpc', '{"cmd":"get","role":"payments"}'), message('event', 'order.placed')];

  it('matches strings exactly and object patterns whatever their key order', () => {
    expect(matchPattern(endpoints, 'get_ticket')?.id).toBe('payments rpc get_ticket');
    expect(matchPattern(endpoints, '{"role":"payments","cmd":"get"}')?.id).toBe('payments rpc {"cmd":"get","role":"payments"}');
    expect(matchPattern(endpoints, '{ "cmd": "get", "role": "payments" }')?.id).toBe('payments rpc {"cmd":"get","role":"payments"}');
    expect(matchPattern(endpoints, 'get_tickets')).toBeUndefined();
    expect(matchPattern(endpoints, '{"cmd":"get"}')).toBeUndefined();
  });

  it('narrows to a kind when asked', () => {
    expect(matchPattern(endpoints, 'order.placed')?.kind).toBe('event');
    expect(matchPattern(endpoints, 'order.placed', 'rpc')).toBeUndefined();
    expect(matchPattern([http('GET', '/get_ticket')], 'get_ticket')).toBeUndefined();
  });
});
