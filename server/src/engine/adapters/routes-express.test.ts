import { describe, expect, it } from 'vitest';
import { factsOf } from '../facts/testing.js';
import { at, mountsOf, routersOf, routesOf } from './routes-testing.js';

const anonymous = (text: string, snippet: string): string => `<anonymous>@${text.indexOf(snippet)}`;

describe('express routes', () => {
  it('takes the last handler argument (earlier ones are middleware) on an app and a router', () => {
    const text = [
      "import express, { Router, type RequestHandler } from 'express';",
      "const requireAuth: RequestHandler = (_req, _res, next) => next();",
      'const app = express();',
      'const router = Router();',
      "app.get('/health', (_req, res) => { res.json({ ok: true }); });",
      "router.post('/items/{id}/', requireAuth, express.json(), async (req, res) => { res.status(201).json(req.body); });",
      "app.all('*', (_req, res) => { res.sendStatus(404); });",
    ].join('\n');
    expect(routesOf(text)).toEqual([
      {
        method: 'GET', path: '/health', router: 'app',
        declaration: "app.get('/health', (_req, res) => { res.json({ ok: true }); })",
        handler: anonymous(text, '(_req, res) => { res.json'),
      },
      {
        method: 'POST', path: '/items/:id', router: 'router',
        declaration: "router.post('/items/{id}/', requireAuth, express.json(), async (req, res) => { res.status(201).json(req.body); })",
        handler: anonymous(text, 'async (req, res)'),
      },
      { method: 'ALL', path: '/*', router: 'app', declaration: "app.all('*', (_req, res) => { res.sendStatus(404); })", handler: anonymous(text, '(_req, res) => { res.sendStatus') },
    ]);
    expect(factsOf(text).endpoints[0]!.handler!.span).toEqual({ start: text.indexOf('(_req, res) => { res.json'), end: text.indexOf(');\nrouter.post') });
  });

  it('reads route(path) chains, each method call with its own span', () => {
    const text = [
      "import express from 'express';",
      'const router = express.Router();',
      'function getItem(_req: express.Request, res: express.Response) { res.json({}); }',
      'const replaceItem: express.RequestHandler = (_req, res) => { res.json({}); };',
      "router.route('/items/:id').get(getItem).put(express.json(), replaceItem);",
    ].join('\n');
    expect(routesOf(text)).toEqual([
      { method: 'GET', path: '/items/:id', router: 'router', declaration: 'get(getItem)', handler: 'getItem', ref: '{"kind":"name","name":"getItem"}' },
      { method: 'PUT', path: '/items/:id', router: 'router', declaration: 'put(express.json(), replaceItem)', handler: 'replaceItem', ref: '{"kind":"name","name":"replaceItem"}' },
    ]);
    const [get, put] = factsOf(text).endpoints;
    expect(get!.handlerTarget).toEqual({ functionId: 'getItem', span: { start: text.indexOf('function getItem'), end: text.indexOf('\nconst replaceItem') } });
    expect(put!.handlerTarget).toEqual({ functionId: 'replaceItem', span: { start: text.indexOf('(_req, res) => { res.json({}); };'), end: text.indexOf(';\nrouter.route') } });
  });

  it('records where referenced handlers are declared: classes, namespace imports, imported functions and instances', () => {
    const text = [
      "import { Router } from 'express';",
      "import * as handlers from './items.handlers';",
      "import { listItems as list } from './list';",
      "import { itemsController } from './items.controller';",
      "import { StockController } from './stock.controller';",
      'class ReviewsController { list() {} }',
      'const reviews = new ReviewsController();',
      'const stock = new StockController();',
      'const inline = { show(_req: unknown, _res: unknown) {} };',
      'export const router = Router();',
      "router.get('/reviews', reviews.list);",
      "router.get('/a', handlers.getA);",
      "router.get('/b', list);",
      "router.get('/c', itemsController.show);",
      "router.get('/d', stock.level);",
      "router.get('/e', inline.show);",
      "router.get('/f', asyncHandler(async (_req, res) => res.end()));",
      'declare function asyncHandler<T>(fn: T): T;',
    ].join('\n');
    const endpoints = factsOf(text).endpoints;
    expect(endpoints.map((e) => [e.path, e.handlerRef, e.handlerTarget && { ...e.handlerTarget, span: undefined }])).toEqual([
      ['/reviews', { kind: 'binding-method', binding: 'reviews', method: 'list' }, { functionId: 'ReviewsController.list', span: undefined }],
      ['/a', { kind: 'binding-method', binding: 'handlers', method: 'getA' }, { functionId: 'getA', specifier: './items.handlers', span: undefined }],
      ['/b', { kind: 'name', name: 'list' }, { functionId: 'listItems', specifier: './list', span: undefined }],
      ['/c', { kind: 'binding-method', binding: 'itemsController', method: 'show' }, { specifier: './items.controller', instance: 'itemsController', method: 'show', span: undefined }],
      ['/d', { kind: 'binding-method', binding: 'stock', method: 'level' }, { functionId: 'StockController.level', specifier: './stock.controller', span: undefined }],
      ['/e', { kind: 'binding-method', binding: 'inline', method: 'show' }, { functionId: anonymous(text, 'show(_req'), span: undefined }],
      ['/f', undefined, undefined],
    ]);
    expect(endpoints[0]!.handler!.span).toEqual({ start: text.indexOf('reviews.list'), end: text.indexOf('reviews.list') + 'reviews.list'.length });
    expect(endpoints[6]!.handler).toEqual({ functionId: anonymous(text, 'async (_req, res) => res.end()'), span: { start: text.indexOf('async (_req, res) => res.end()'), end: text.indexOf('));\ndeclare') } });
  });

  it('keeps routes whose path is not statically known, with the expression to fold when there is one', () => {
    const text = [
      "import express from 'express';",
      "import { ROUTES } from './routes';",
      "const BASE = '/v1';",
      "const PATHS = { items: `${BASE}/items` } as const;",
      'const app = express();',
      'app.get(PATHS.items, (_req, res) => res.end());',
      'app.get(ROUTES.orders, (_req, res) => res.end());',
      'app.get(/.*fly$/, (_req, res) => res.end());',
      "app.get(['/a', '/b/:id'], (_req, res) => res.end());",
      "app.get('etag');",
      "const settings = { get(path: string, _h?: unknown) { return path; } };",
      "settings.get('/not-a-route', () => 1);",
    ].join('\n');
    expect(routesOf(text).map((row) => [row.method, row.path])).toEqual([
      ['GET', '/v1/items'],
      ['GET', '<ROUTES.orders>'],
      ['GET', undefined],
      ['GET', '/a'],
      ['GET', '/b/:id'],
    ]);
  });
});

describe('express mounts and exports', () => {
  it('mounts local, imported and nested routers with their prefixes', () => {
    const text = [
      "import express from 'express';",
      "import itemsRouter from './items.router';",
      "import { ordersRouter } from './orders.router';",
      "import * as admin from './admin';",
      "import { createPricesRouter } from './prices.router';",
      'const app = express();',
      'const api = express.Router();',
      'const reviews = express.Router({ mergeParams: true });',
      'app.use(express.json());',
      "app.use('/api', api);",
      "api.use('/items', itemsRouter);",
      "itemsRouter.use('/:id/reviews', reviews);",
      "api.use(['/orders', '/o'], requireAuth, ordersRouter);",
      "app.use('/admin', admin.router);",
      'app.use(createPricesRouter(pool));',
      'declare const requireAuth: express.RequestHandler;',
      'declare const pool: unknown;',
    ].join('\n');
    expect(mountsOf(text)).toEqual([
      "app + '/api' <- api",
      "api + '/items' <- ./items.router#default",
      "api + '/orders' <- ./orders.router#ordersRouter",
      "api + '/o' <- ./orders.router#ordersRouter",
      "app + '/admin' <- ./admin#router",
      "app + '' <- ./prices.router#createPricesRouter",
    ]);
    // `itemsRouter` is imported: its routes and mounts belong to the module that declares it.
    expect(routersOf(text)).toEqual(['app (express)', 'api (express)', 'reviews (express)']);
  });

  it('leaves an imported first argument of use() to the model: a prefix constant or middleware', () => {
    const text = [
      "import express from 'express';",
      "import { API_PREFIX } from './config';",
      "import { requireAuth } from './auth';",
      "import { adminRouter } from './admin';",
      'const app = express();',
      'const api = express.Router();',
      'app.use(API_PREFIX, api);',
      'app.use(requireAuth, adminRouter);',
    ].join('\n');
    const facts = factsOf(text).routerMounts;
    expect(mountsOf(text)).toEqual([
      "app + '' <- ./config#API_PREFIX",
      "app + '<API_PREFIX>' <- api",
      "app + '' <- ./auth#requireAuth",
      "app + '<requireAuth>' <- ./admin#adminRouter",
    ]);
    expect(facts.map((mount) => mount.prefixUncertain)).toEqual([undefined, true, undefined, true]);
  });

  it('names each export a router leaves under, including factories that return one', () => {
    const text = [
      "import { Router } from 'express';",
      'const router = Router();',
      "router.get('/items', (_req, res) => { res.json([]); });",
      'export default router;',
      'export { router as itemsRouter };',
      'export const healthRouter = Router();',
      'export function createPricesRouter(pool: unknown): Router {',
      '  const router = Router();',
      "  router.get('/prices/:sku', (_req, res) => { res.json(pool); });",
      '  return router;',
      '}',
      'export const createStockRouter = () => {',
      '  const stock = Router();',
      '  return stock;',
      '};',
    ].join('\n');
    expect(routersOf(text)).toEqual([
      'router (express) exported as default, itemsRouter',
      'healthRouter (express) exported as healthRouter',
      `${at(text, 'router = Router();\n  router.get')} (express) exported as createPricesRouter`,
      `${at(text, 'stock = Router()')} (express) exported as createStockRouter`,
    ]);
    expect(routesOf(text).map((row) => row.router)).toEqual(['router', at(text, 'router = Router();\n  router.get')]);
  });

  it('reads CommonJS exports and require()d express', () => {
    const text = [
      "const express = require('express');",
      'const router = express.Router();',
      "router.delete('/items/:id', (req, res) => res.end());",
      'module.exports = router;',
    ].join('\n');
    expect(routersOf(text, '/w/services/app/src/file.js')).toEqual(['router (express) exported as default']);
    expect(routesOf(text, '/w/services/app/src/file.js').map((row) => [row.method, row.path])).toEqual([['DELETE', '/items/:id']]);
  });

  it('treats a function given the app as adding routes to it', () => {
    const text = [
      "import express, { type Express } from 'express';",
      "import { registerOrderRoutes } from './orders.routes';",
      'function registerHealth(app: Express) {',
      "  app.get('/health', (_req, res) => { res.end(); });",
      '}',
      'export function registerItemRoutes(target: Express): void {',
      "  target.get('/items', (_req, res) => { res.end(); });",
      '}',
      'const app = express();',
      'registerHealth(app);',
      'registerOrderRoutes(app);',
    ].join('\n');
    const health = at(text, 'app: Express');
    expect(mountsOf(text)).toEqual([`app + '' <- ${health}`, "app + '' <- ./orders.routes#registerOrderRoutes"]);
    expect(routersOf(text)).toEqual([`${health} (express)`, `${at(text, 'target: Express')} (express) exported as registerItemRoutes`, 'app (express)']);
    expect(routesOf(text).map((row) => [row.path, row.router])).toEqual([['/health', health], ['/items', at(text, 'target: Express')]]);
  });
});
