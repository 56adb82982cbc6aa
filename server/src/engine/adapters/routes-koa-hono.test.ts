import { describe, expect, it } from 'vitest';
import { at, mountsOf, routersOf, routesOf } from './routes-testing.js';

const anonymous = (text: string, snippet: string): string => `<anonymous>@${text.indexOf(snippet)}`;

describe('koa-router', () => {
  it('reads routes with optional names, router prefixes and nested routers', () => {
    const text = [
      "import Koa from 'koa';",
      "import Router from '@koa/router';",
      "import adminRouter from './admin.router';",
      'const app = new Koa();',
      "const router = new Router({ prefix: '/api' });",
      'const users = new Router();',
      "users.get('user', '/users/:id', async (ctx) => { ctx.body = { id: ctx.params.id }; });",
      "users.del('/users/:id', async (ctx) => { ctx.status = 204; });",
      "users.get(['/people', '/persons'], listPeople);",
      "router.use('/v1', users.routes(), users.allowedMethods());",
      "router.use('/admin', adminRouter.routes());",
      'app.use(router.routes()).use(router.allowedMethods());',
      'async function listPeople(ctx: Koa.Context) { ctx.body = []; }',
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path, row.router, row.handler])).toEqual([
      ['GET', '/users/:id', 'users', anonymous(text, 'async (ctx) => { ctx.body = { id')],
      ['DELETE', '/users/:id', 'users', anonymous(text, 'async (ctx) => { ctx.status')],
      ['GET', '/people', 'users', 'listPeople'],
      ['GET', '/persons', 'users', 'listPeople'],
    ]);
    expect(mountsOf(text)).toEqual(["router + '/v1' <- users", "router + '/admin' <- ./admin.router#default", "app + '' <- router"]);
    expect(routersOf(text)).toEqual(['app (koa)', 'router (koa-router) prefix /api', 'users (koa-router)']);
  });

  it('reads the koa-router package and prefix() calls, and exports', () => {
    const text = [
      "import KoaRouter = require('koa-router');",
      'const router = new KoaRouter();',
      "router.prefix('/orders');",
      "router.post('/', async (ctx) => { ctx.status = 201; });",
      'export default router;',
    ].join('\n');
    expect(routersOf(text)).toEqual(['router (koa-router) exported as default prefix /orders']);
    expect(routesOf(text).map((row) => [row.method, row.path])).toEqual([['POST', '/']]);
  });
});

describe('hono', () => {
  it('reads routes, on(), basePath() and route() mounts', () => {
    const text = [
      "import { Hono } from 'hono';",
      "import { serve } from '@hono/node-server';",
      "import { books } from './books';",
      "const app = new Hono().basePath('/api');",
      'const authors = new Hono();',
      "authors.get('/', (c) => c.json([]));",
      "authors.post('/:id{[0-9]+}', async (c) => c.json({}, 201));",
      "app.on(['PUT', 'PATCH'], '/settings', (c) => c.text('ok'));",
      "app.route('/authors', authors);",
      "app.route('/books', books);",
      "const v2 = app.basePath('/v2');",
      "v2.get('/status', (c) => c.text('up'));",
      "export const health = new Hono().get('/health', (c) => c.text('ok')).get('/ready', (c) => c.text('ready'));",
      'serve({ fetch: app.fetch, port: 8787 });',
      'export default app;',
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path, row.router, row.declaration])).toEqual([
      ['GET', '/', 'authors', "authors.get('/', (c) => c.json([]))"],
      ['POST', '/:id', 'authors', "authors.post('/:id{[0-9]+}', async (c) => c.json({}, 201))"],
      ['PUT', '/api/settings', 'app', "app.on(['PUT', 'PATCH'], '/settings', (c) => c.text('ok'))"],
      ['PATCH', '/api/settings', 'app', "app.on(['PUT', 'PATCH'], '/settings', (c) => c.text('ok'))"],
      ['GET', '/api/v2/status', 'app', "v2.get('/status', (c) => c.text('up'))"],
      ['GET', '/health', 'health', "new Hono().get('/health', (c) => c.text('ok'))"],
      ['GET', '/ready', 'health', "get('/ready', (c) => c.text('ready'))"],
    ]);
    expect(mountsOf(text)).toEqual(["app + '/api/authors' <- authors", "app + '/api/books' <- ./books#books"]);
    expect(routersOf(text)).toEqual(['app (hono) exported as default', 'authors (hono)', 'health (hono) exported as health']);
  });

  it('follows chains longer than any resolution budget', () => {
    const routes = Array.from({ length: 60 }, (_, i) => `.get('/r${i}', (c) => c.text('${i}'))`).join('\n  ');
    const text = `import { Hono } from 'hono';\nexport const api = new Hono()\n  ${routes};\n`;
    const rows = routesOf(text);
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.router === 'api')).toBe(true);
    expect(rows.map((row) => row.path)).toEqual(Array.from({ length: 60 }, (_, i) => `/r${i}`));
  });

  it('names a router built in a function by its binding and position', () => {
    const text = [
      "import { Hono } from 'hono';",
      'export function createApp() {',
      '  const app = new Hono();',
      "  app.get('/x', (c) => c.text('x'));",
      '  return app;',
      '}',
    ].join('\n');
    expect(routersOf(text)).toEqual([`${at(text, 'app = new Hono()')} (hono) exported as createApp`]);
  });
});
