import { describe, expect, it } from 'vitest';
import { canonicalPattern, canonicalPatternText, joinRoutePaths, normalizeRoutePath } from './route-paths.js';

describe('normalizeRoutePath', () => {
  it.each([
    ['/items/:id', ['/items/:id']],
    ['items/{id}/stock/', ['/items/:id/stock']],
    ['//api//items//', ['/api/items']],
    ['', ['/']],
    ['/', ['/']],
    [':id', ['/:id']],
    // express 4 / Nest / koa parameter constraints, hono constraints
    ['/users/:id(\\d+)', ['/users/:id']],
    ['/posts/:slug{[a-z-]+}', ['/posts/:slug']],
    // wildcards: express 4 `*`, express 5 `*splat`, path-to-regexp `(.*)`
    ['/files/*', ['/files/*']],
    ['/files/*path', ['/files/*']],
    ['/assets/(.*)', ['/assets/*']],
    // optional parts expand: express 5 groups, `:id?`
    ['/users{/:id}', ['/users/:id', '/users']],
    ['/a{/:b{/:c}}', ['/a/:b/:c', '/a', '/a/:b']],
    ['/items/:id?', ['/items/:id', '/items']],
    ['/flights/:from-:to', ['/flights/:from-:to']],
  ])('%s → %j', (declared, expected) => {
    expect(normalizeRoutePath(declared)).toEqual(expected);
  });

  it.each(['/ab?cd', '/ab+cd', '/a(b)?', '/x[0-9]', '/ab*cd', '/a{b'])('has no canonical form for regular-expression syntax %s', (declared) => {
    expect(normalizeRoutePath(declared)).toBeUndefined();
  });

  it('gives up on paths with too many optional parts', () => {
    expect(normalizeRoutePath('/:a?/:b?/:c?/:d?/:e?')).toBeUndefined();
  });
});

describe('joinRoutePaths', () => {
  it('joins prefixes and paths with one slash', () => {
    expect(joinRoutePaths('/api', '/', '/items')).toBe('/api/items');
    expect(joinRoutePaths('', '')).toBe('/');
    expect(joinRoutePaths('api/', 'v1', ':id')).toBe('/api/v1/:id');
  });
});

describe('canonical patterns', () => {
  it('keeps strings and sorts object keys at every level', () => {
    expect(canonicalPattern('order.placed')).toBe('order.placed');
    expect(canonicalPattern({ role: 'orders', cmd: 'get', meta: { b: 1, a: [true, 'x'] } })).toBe('{"cmd":"get","meta":{"a":[true,"x"],"b":1},"role":"orders"}');
    expect(canonicalPatternText('{ "role": "orders", "cmd": "get" }')).toBe('{"cmd":"get","role":"orders"}');
    expect(canonicalPatternText('{not json')).toBe('{not json');
  });
});
