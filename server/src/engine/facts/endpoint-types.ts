// Inbound facts: routes and message handlers as declared in one file, and how routers are mounted.
// The model joins mounts across files into full paths per service.
import type { CalleeRef, HttpMethod, Span } from './types.js';

/** An inbound HTTP route or message handler. Span = the route declaration (the `router.get(...)` call, the decorated method). */
export interface EndpointFact extends Span {
  kind: 'http' | 'rpc' | 'event';
  /** 'express', 'fastify', 'koa-router', 'hono', 'nestjs'. */
  framework: string;
  /** 'ALL' for `app.all`/`router.use`-style catch-alls. */
  method?: HttpMethod | 'ALL';
  /** The path as declared, prefixes known in this file included (Nest controller prefix), params as `:name`. */
  path?: string;
  /** rpc/event: the message pattern (a string, or the JSON of an object pattern). */
  pattern?: string;
  /** The router/app binding in this file the route is declared on (joined with mounts by the model). */
  router?: string;
  /** The handler when written inline (its FunctionFact id), or the span of the handler expression. */
  handler?: { functionId?: string; span: Span };
  /** The handler when it is a reference to a function declared elsewhere (`router.get('/x', controller.list)`). */
  handlerRef?: CalleeRef;
}

/** `app.use('/items', itemsRouter)`, fastify `register(plugin, { prefix })`, hono `app.route('/x', sub)`. */
export interface RouterMountFact extends Span {
  /** The mounting router/app binding in this file. */
  parent: string;
  prefix: string;
  child: { binding: string } | { specifier: string; name: string };
}
