import { describe, expect, it } from 'vitest';
import { factsOf } from '../facts/testing.js';
import { at, mountsOf, routersOf, routesOf } from './routes-testing.js';

const anonymous = (text: string, snippet: string): string => `<anonymous>@${text.indexOf(snippet)}`;

describe('fastify routes', () => {
  it('reads the shorthand with and without options, and route({ method, url, handler })', () => {
    const text = [
      "import Fastify from 'fastify';",
      'const app = Fastify({ logger: true });',
      "app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id }));",
      "app.post('/items', { schema: { body: { type: 'object' } } }, async (_request, reply) => reply.code(201).send());",
      "app.put('/items/:id', { handler: async () => ({ ok: true }) });",
      "app.route({ method: ['GET', 'HEAD'], url: '/stock/:sku', handler: async () => ({ stock: 1 }) });",
      "app.route({ method: 'DELETE', url: '/stock/:sku', async handler(_request, reply) { reply.code(204); } });",
      'await app.listen({ port: 3000 });',
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path, row.router, row.handler])).toEqual([
      ['GET', '/items/:id', 'app', anonymous(text, 'async (request) =>')],
      ['POST', '/items', 'app', anonymous(text, 'async (_request, reply) => reply.code(201)')],
      ['PUT', '/items/:id', 'app', anonymous(text, 'async () => ({ ok: true })')],
      ['GET', '/stock/:sku', 'app', anonymous(text, 'async () => ({ stock: 1 })')],
      ['HEAD', '/stock/:sku', 'app', anonymous(text, 'async () => ({ stock: 1 })')],
      ['DELETE', '/stock/:sku', 'app', anonymous(text, 'async handler(')],
    ]);
    expect(routesOf(text)[0]!.declaration).toBe("app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id }))");
  });

  it('takes an instance made by a workspace factory for what its function is declared to return', () => {
    const text = [
      "import { type FastifyInstance } from 'fastify';",
      "import { createServer } from '@acme/service-utils';",
      "import { createCache } from '@acme/cache';",
      'export function buildServer(): FastifyInstance {',
      '  const server = createServer({ logger: true });',
      "  server.get('/internal/profiles/:id', { handler: async () => ({}) });",
      '  return server;',
      '}',
      // Not returned, or returned by a function with no declared type: nothing says what it is.
      'export function buildCache() {',
      '  const cache = createCache();',
      "  cache.get('/internal/cache');",
      '  return cache;',
      '}',
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path])).toEqual([['GET', '/internal/profiles/:id']]);
  });

  it('puts routes inside a plugin on its instance parameter and mounts the plugin with its prefix', () => {
    const text = [
      "import fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';",
      "import fp from 'fastify-plugin';",
      "import ordersRoutes from './orders.routes';",
      'async function itemsRoutes(instance: FastifyInstance) {',
      "  instance.get('/', async () => []);",
      '}',
      'const stockRoutes: FastifyPluginAsync = async (server) => {',
      "  server.get('/:sku', async () => ({}));",
      '};',
      'const app = fastify();',
      "app.register(itemsRoutes, { prefix: '/items' });",
      "app.register(stockRoutes, { prefix: '/stock' });",
      "app.register(ordersRoutes, { prefix: '/orders' });",
      "app.register(import('./payments.routes'), { prefix: '/payments' });",
      'app.register(async (child) => {',
      "  child.get('/health', async () => 'ok');",
      "  child.register(async (grandchild) => { grandchild.get('/deep', async () => 'deep'); }, { prefix: '/nested' });",
      "}, { prefix: '/v1' });",
      "app.register(fp(async (shared) => { shared.get('/shared', async () => 'shared'); }));",
    ].join('\n');
    const instance = at(text, 'instance: FastifyInstance');
    const server = at(text, 'server) =>', 'server');
    const child = at(text, 'child) =>', 'child');
    const grandchild = at(text, 'grandchild) =>', 'grandchild');
    const shared = at(text, 'shared) =>', 'shared');
    expect(mountsOf(text)).toEqual([
      `app + '/items' <- ${instance}`,
      `app + '/stock' <- ${server}`,
      "app + '/orders' <- ./orders.routes#default",
      "app + '/payments' <- ./payments.routes#default",
      `app + '/v1' <- ${child}`,
      `${child} + '/nested' <- ${grandchild}`,
      `app + '' <- ${shared}`,
    ]);
    expect(routesOf(text).map((row) => [row.path, row.router])).toEqual([
      ['/', instance],
      ['/:sku', server],
      ['/health', child],
      ['/deep', grandchild],
      ['/shared', shared],
    ]);
  });

  it('exports plugins: a default export, fastify-plugin wrapped, a typed const', () => {
    const text = [
      "import type { FastifyInstance, FastifyPluginCallback } from 'fastify';",
      "import fp from 'fastify-plugin';",
      'export default async function ordersRoutes(fastify: FastifyInstance) {',
      "  fastify.get('/:id', async () => ({}));",
      '}',
      'const refunds: FastifyPluginCallback = (app, _opts, done) => {',
      "  app.post('/refunds', async () => ({}));",
      '  done();',
      '};',
      'export const refundsPlugin = fp(refunds);',
    ].join('\n');
    expect(routersOf(text)).toEqual([
      `${at(text, 'fastify: FastifyInstance')} (fastify) exported as default`,
      `${at(text, 'app, _opts', 'app')} (fastify) exported as refundsPlugin ignores mount prefix`,
    ]);
    expect(factsOf(text).endpoints.map((e) => [e.method, e.path])).toEqual([['GET', '/:id'], ['POST', '/refunds']]);
  });
});
