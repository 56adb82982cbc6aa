import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../analysis/load-files.js';
import { linkEndpoints } from './endpoints.js';
import type { AnalyzedFile, EndpointNode, ServiceNode } from './types.js';

const ROOT = '/w';

/** An in-memory workspace: files by path relative to /w; services are the folders under services/. */
function link(sources: Record<string, string>): { endpoints: EndpointNode[]; files: Map<string, AnalyzedFile> } {
  const files = new Map<string, AnalyzedFile>();
  for (const [path, text] of Object.entries(sources)) files.set(`${ROOT}/${path}`, analyzeText(ROOT, `${ROOT}/${path}`, text));
  const serviceOf = (path: string): ServiceNode | undefined => {
    const match = /^\/w\/services\/([^/]+)\//.exec(path);
    return match ? { name: match[1]!, root: `${ROOT}/services/${match[1]}`, reasons: [], hostnames: [], addresses: [] } : undefined;
  };
  const resolveImport = (from: string, specifier: string): string | undefined => {
    const base = specifier.startsWith('@shop/') ? `${ROOT}/packages/${specifier.slice(6)}/src/index` : resolve(dirname(from), specifier);
    return [`${base}.ts`, `${base}/index.ts`].find((candidate) => files.has(candidate));
  };
  return { endpoints: linkEndpoints(files, serviceOf, resolveImport), files };
}

/** `service METHOD path → file#functionId` (handler file relative to /w). */
function listing(endpoints: readonly EndpointNode[]): string[] {
  return endpoints.map((endpoint) => {
    const handler = endpoint.handler ? `${endpoint.handler.file.slice(ROOT.length + 1)}#${endpoint.handler.functionId ?? '?'}` : '-';
    return `${endpoint.id} → ${handler}`;
  });
}

describe('linkEndpoints: express across files', () => {
  const sources = {
    'services/shop/src/main.ts': [
      "import express from 'express';",
      "import { itemsRouter } from './items/items.router';",
      "import { ordersRouter } from './routes';",
      "import { createPricesRouter } from './prices.router';",
      "import { catalogRouter } from '@shop/catalog';",
      "import { API_PREFIX } from './config';",
      "import { requireAuth } from './auth';",
      "import { adminRouter } from './admin';",
      'const app = express();',
      'const api = express.Router();',
      "app.get('/health', (_req, res) => { res.end(); });",
      'app.use(API_PREFIX, api);',
      "api.use('/items', itemsRouter);",
      "api.use('/orders/', ordersRouter);",
      "app.use('/prices', createPricesRouter());",
      'app.use(requireAuth, adminRouter);',
      'app.use(catalogRouter);',
      'app.listen(3000);',
    ].join('\n'),
    'services/shop/src/config.ts': "export const API_PREFIX = '/api/v1';\n",
    'services/shop/src/auth.ts': "import type { RequestHandler } from 'express';\nexport const requireAuth: RequestHandler = (_req, _res, next) => next();\n",
    'services/shop/src/admin.ts': "import { Router } from 'express';\nexport const adminRouter = Router();\nadminRouter.post('/admin/reindex', (_req, res) => { res.end(); });\n",
    'services/shop/src/items/items.router.ts': [
      "import { Router } from 'express';",
      "import reviewsRouter from './reviews.router';",
      "import { itemsController } from './items.controller';",
      'export const itemsRouter = Router();',
      "itemsRouter.get('/', itemsController.list);",
      "itemsRouter.get('/:id', (req, res) => { res.json({ id: req.params.id }); });",
      "itemsRouter.use('/:id/reviews', reviewsRouter);",
    ].join('\n'),
    'services/shop/src/items/items.controller.ts': [
      "import type { Request, Response } from 'express';",
      'class ItemsController {',
      '  list(_req: Request, res: Response) { res.json([]); }',
      '}',
      'export const itemsController = new ItemsController();',
    ].join('\n'),
    'services/shop/src/items/reviews.router.ts': [
      "import express from 'express';",
      "import { listReviews } from './reviews.handlers';",
      'const router = express.Router({ mergeParams: true });',
      "router.get('/', listReviews);",
      'export default router;',
    ].join('\n'),
    'services/shop/src/items/reviews.handlers.ts': [
      "import type { Request, Response } from 'express';",
      'export async function listReviews(_req: Request, res: Response) { res.json([]); }',
    ].join('\n'),
    'services/shop/src/routes/index.ts': "export { ordersRouter } from './orders.router';\n",
    'services/shop/src/routes/orders.router.ts': [
      "import { Router } from 'express';",
      'const router = Router();',
      "router.route('/:id').get((_req, res) => { res.end(); }).delete((_req, res) => { res.end(); });",
      'export { router as ordersRouter };',
    ].join('\n'),
    'services/shop/src/prices.router.ts': [
      "import { Router } from 'express';",
      'export function createPricesRouter(): Router {',
      '  const router = Router();',
      "  router.get('/:sku', (_req, res) => { res.end(); });",
      '  return router;',
      '}',
    ].join('\n'),
    'services/shop/src/unmounted.ts': [
      "import { Router } from 'express';",
      'export const legacy = Router();',
      "legacy.post('/legacy/import', (_req, res) => { res.end(); });",
    ].join('\n'),
    'packages/catalog/src/index.ts': [
      "import { Router } from 'express';",
      'export const catalogRouter = Router();',
      "catalogRouter.get('/catalog', (_req, res) => { res.end(); });",
    ].join('\n'),
  };

  it('joins mounts, re-exports, factories and library routers into full paths per service', () => {
    const { endpoints, files } = link(sources);
    const items = files.get('/w/services/shop/src/items/items.router.ts')!;
    expect(listing(endpoints)).toEqual([
      `shop GET /health → services/shop/src/main.ts#<anonymous>@${files.get('/w/services/shop/src/main.ts')!.text.indexOf('(_req, res) =>')}`,
      'shop GET /api/v1/items → services/shop/src/items/items.controller.ts#ItemsController.list',
      `shop GET /api/v1/items/:id → services/shop/src/items/items.router.ts#<anonymous>@${items.text.indexOf('(req, res) =>')}`,
      'shop GET /api/v1/items/:id/reviews → services/shop/src/items/reviews.handlers.ts#listReviews',
      expect.stringMatching(/^shop GET \/api\/v1\/orders\/:id → services\/shop\/src\/routes\/orders.router.ts#<anonymous>@\d+$/),
      expect.stringMatching(/^shop DELETE \/api\/v1\/orders\/:id → /),
      expect.stringMatching(/^shop GET \/prices\/:sku → services\/shop\/src\/prices.router.ts#<anonymous>@\d+$/),
      expect.stringMatching(/^shop POST \/admin\/reindex → services\/shop\/src\/admin.ts#<anonymous>@\d+$/),
      expect.stringMatching(/^shop GET \/catalog → packages\/catalog\/src\/index.ts#<anonymous>@\d+$/),
      expect.stringMatching(/^shop POST \/legacy\/import → /),
    ]);
  });

  it('points at the route declaration and the handler function', () => {
    const { endpoints, files } = link(sources);
    const list = endpoints.find((endpoint) => endpoint.path === '/api/v1/items')!;
    const router = files.get(list.file)!;
    expect(router.text.slice(list.start, list.end)).toBe("itemsRouter.get('/', itemsController.list)");
    const controller = files.get(list.handler!.file)!;
    expect(controller.text.slice(list.handler!.start, list.handler!.end)).toBe('list(_req: Request, res: Response) { res.json([]); }');
    expect(list).toMatchObject({ service: 'shop', kind: 'http', method: 'GET' });
  });
});

describe('linkEndpoints: NestJS', () => {
  it('applies the global prefix, its exclusions and URI versioning', () => {
    const { endpoints } = link({
      'services/tickets/src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { VersioningType } from '@nestjs/common';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix('api', { exclude: ['health'] });",
        "  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });",
        '  await app.listen(3000);',
        '}',
        'void bootstrap();',
      ].join('\n'),
      'services/tickets/src/tickets.controller.ts': [
        "import { Controller, Get, Post, Version, VERSION_NEUTRAL } from '@nestjs/common';",
        "import { MessagePattern } from '@nestjs/microservices';",
        "@Controller('tickets')",
        'export class TicketsController {',
        "  @Get(':id') findOne() {}",
        "  @Version(['2', '3']) @Post() create() {}",
        "  @MessagePattern({ cmd: 'get_ticket' }) getTicket(data: unknown) { return data; }",
        '}',
        "@Controller({ path: 'health', version: VERSION_NEUTRAL })",
        'export class HealthController { @Get() check() {} }',
      ].join('\n'),
      'services/tickets/test/app.e2e-spec.ts': [
        "import { NestFactory } from '@nestjs/core';",
        'async function start() {',
        '  const app = await NestFactory.create({});',
        "  app.setGlobalPrefix('test-only');",
        '}',
      ].join('\n'),
    });
    expect(listing(endpoints)).toEqual([
      'tickets GET /api/v1/tickets/:id → services/tickets/src/tickets.controller.ts#TicketsController.findOne',
      'tickets POST /api/v2/tickets → services/tickets/src/tickets.controller.ts#TicketsController.create',
      'tickets POST /api/v3/tickets → services/tickets/src/tickets.controller.ts#TicketsController.create',
      'tickets rpc {"cmd":"get_ticket"} → services/tickets/src/tickets.controller.ts#TicketsController.getTicket',
      'tickets GET /health → services/tickets/src/tickets.controller.ts#HealthController.check',
    ]);
  });

  it('serves routes without prefix or version segment when the bootstrap sets neither', () => {
    const { endpoints } = link({
      'services/orders/src/orders.controller.ts': [
        "import { Controller, Get, Version } from '@nestjs/common';",
        "@Controller('orders')",
        "export class OrdersController { @Version('2') @Get() list() {} }",
      ].join('\n'),
    });
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual(['orders GET /orders']);
  });
});

describe('linkEndpoints: other frameworks and unknowns', () => {
  it('mounts imported fastify plugins with their prefix and keeps unknown paths unknown', () => {
    const { endpoints } = link({
      'services/api/src/main.ts': [
        "import Fastify from 'fastify';",
        "import itemsRoutes from './items.routes';",
        'const app = Fastify();',
        "import metrics from './metrics';",
        "app.register(metrics, { prefix: '/internal' });",
        "app.register(itemsRoutes, { prefix: '/items' });",
        'app.register(itemsRoutes, { prefix: process.env.PREFIX });',
        'void app.listen({ port: 3000 });',
      ].join('\n'),
      'services/api/src/items.routes.ts': [
        "import type { FastifyInstance } from 'fastify';",
        "import { ROUTES } from './paths';",
        'export default async function itemsRoutes(fastify: FastifyInstance) {',
        "  fastify.get('/:id', async () => ({}));",
        '  fastify.get(ROUTES.stock, async () => ({}));',
        '}',
      ].join('\n'),
      'services/api/src/paths.ts': "export const ROUTES = { stock: '/:id/stock' };\n",
      // fastify-plugin plugins are not encapsulated: `register`'s prefix does not apply to them.
      'services/api/src/metrics.ts': [
        "import fp from 'fastify-plugin';",
        "export default fp(async (app) => { app.get('/metrics', async () => ''); });",
      ].join('\n'),
    });
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual([
      'api GET /metrics',
      'api GET /items/:id',
      'api GET /items/:id/stock',
      'api GET <unknown path>',
      'api GET <unknown path>',
    ]);
    expect(endpoints.map((endpoint) => endpoint.handler?.functionId)).toEqual([
      expect.stringMatching(/^<anonymous>@/),
      expect.stringMatching(/^<anonymous>@/),
      expect.stringMatching(/^<anonymous>@/),
      expect.stringMatching(/^<anonymous>@/),
      expect.stringMatching(/^<anonymous>@/),
    ]);
  });

  it('survives mount cycles and routers mounted twice', () => {
    const { endpoints } = link({
      'services/loop/src/main.ts': [
        "import express from 'express';",
        'const app = express();',
        'const a = express.Router();',
        'const b = express.Router();',
        "app.use('/a', a);",
        "app.use('/again', a);",
        "a.use('/b', b);",
        "b.use('/a', a);",
        "b.get('/leaf', (_req, res) => { res.end(); });",
      ].join('\n'),
    });
    expect(endpoints.map((endpoint) => endpoint.id).sort()).toEqual(['loop GET /a/b/leaf', 'loop GET /again/b/leaf']);
  });
});
