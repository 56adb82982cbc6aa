// Inbound facts: routes and message handlers as declared in one file, the routers they are declared on, how routers
// are mounted and exported, and app-wide settings (NestJS global prefix and versioning). The model joins them across
// files into full paths per service (model/endpoints.ts).
//
// Router ids: a router is named by the binding that holds it. A module-level binding is its plain name (`itemsRouter`);
// a binding inside a function is `name@<offset of the name>` (two factories may each declare `const router = Router()`),
// a function parameter (a fastify plugin's instance, `function register(app: Express)`) is `name@<offset>` too, and a
// router held by no binding (`app.use('/x', Router().get(…))`) is `<router>@<offset of its creation>`.
import type { CalleeRef, HttpMethod, Span } from './types.js';

/** Nest's `VERSION_NEUTRAL` in `EndpointFact.version`: the route is served with no version segment. */
export const NEUTRAL_VERSION = '<neutral>';

/** An inbound HTTP route or message handler. Span = the route declaration (the `router.get(...)` call, the decorated method). */
export interface EndpointFact extends Span {
  kind: 'http' | 'rpc' | 'event';
  /** 'express', 'fastify', 'koa-router', 'hono', 'nestjs'. */
  framework: string;
  /** 'ALL' for `app.all`/`router.use`-style catch-alls. */
  method?: HttpMethod | 'ALL';
  /**
   * The route's own path, canonical (route-paths.ts): params as `:name`, no trailing slash. Includes what the
   * declaration itself adds (the Nest controller prefix, hono `basePath` on the receiver, express `route('/x')`);
   * router prefixes and mounts are joined by the model. Undefined when not statically known (a regular expression, a
   * value from elsewhere: see `pathSpan`).
   */
  path?: string;
  /** The path expression when this file cannot fold it (an imported constant): the model folds it. */
  pathSpan?: Span;
  /** rpc/event: the message pattern (a string, or the canonical JSON of an object pattern, keys sorted). */
  pattern?: string;
  /** rpc/event: the pattern expression when this file cannot fold it. */
  patternSpan?: Span;
  /** The router id (see above) the route is declared on; absent for NestJS controllers. */
  router?: string;
  /** NestJS: the versions the route answers (`@Version`, else the controller's `version`); NEUTRAL_VERSION for VERSION_NEUTRAL. */
  version?: string[];
  /** The handler when written inline (its FunctionFact id), or the span of the handler expression. */
  handler?: { functionId?: string; span: Span };
  /** The handler when it is a reference to a function declared elsewhere (`router.get('/x', controller.list)`). */
  handlerRef?: CalleeRef;
  /** Where the referenced handler is declared, as far as this file can tell. */
  handlerTarget?: HandlerTarget;
}

export type HandlerTarget =
  /**
   * A function by id: in this file (with its span), or in the module `specifier` imports (`import { list } from
   * './items.handlers'` → functionId 'list'; `new ItemsController()` of an imported class → 'ItemsController.list').
   */
  | { functionId: string; specifier?: string; span?: Span }
  /** A method of an instance another module exports: `import { itemsController } from './items'; … itemsController.list`. */
  | { specifier: string; instance: string; method: string };

/** A router or app: what routes are declared on and what mounts join. Span = its creation, parameter or declaration. */
export interface RouterFact extends Span {
  /** Unique in the file (see the header comment). */
  id: string;
  /** 'express', 'fastify', 'koa-router', 'koa', 'hono'. */
  framework: string;
  /** A prefix the router applies to all its routes and mounted routers: koa-router `new Router({ prefix })`, `router.prefix()`. */
  prefix?: string;
  /** A fastify plugin wrapped with fastify-plugin: not encapsulated, so `register`'s `prefix` option does not apply to it. */
  ignoresMountPrefix?: boolean;
  /**
   * Export names that bring this router to an importing file: the binding's own exports (`export default router`,
   * `export { router as itemsRouter }`), and the exports of a function that returns it (a router factory
   * `createItemsRouter()`) or receives it (a fastify plugin, `registerRoutes(app)`).
   */
  exportedAs: string[];
}

/**
 * `app.use('/items', itemsRouter)`, fastify `register(plugin, { prefix })`, hono `app.route('/x', sub)`, koa-router
 * `router.use('/x', other.routes())`, `registerRoutes(app)`. Span = the mounting call.
 */
export interface RouterMountFact extends Span {
  /** The mounting router's id. */
  parent: string;
  /** Canonical prefix ('' for none); '' too when `prefixSpan` is set. */
  prefix: string;
  /** The prefix expression when this file cannot fold it. */
  prefixSpan?: Span;
  /**
   * The `prefixSpan` argument may be middleware rather than a path (`app.use(API_PREFIX, router)` looks like
   * `app.use(requireAuth, router)`): when it does not fold to a string, the mount has no prefix.
   */
  prefixUncertain?: boolean;
  /** A router of this file (by id), or an export of another module (`import itemsRouter from './items.router'` → 'default'). */
  child: { binding: string } | { specifier: string; name: string };
}

/** NestJS bootstrap settings that change every HTTP route of the service. Span = the call. */
export interface GlobalPrefixFact extends Span {
  framework: 'nestjs';
  /** `app.setGlobalPrefix('api')`: the canonical prefix. */
  prefix?: string;
  /** The prefix expression when this file cannot fold it. */
  prefixSpan?: Span;
  /** `setGlobalPrefix('api', { exclude: ['health'] })`: canonical route paths served without the prefix. */
  exclude?: string[];
  /** `app.enableVersioning({ type, prefix, defaultVersion })`; the type is undefined when not statically known. */
  versioning?: { type?: 'uri' | 'header' | 'media-type' | 'custom'; prefix: string; defaultVersion?: string[] };
}
