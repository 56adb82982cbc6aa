// Inbound HTTP entrypoints: servers that listen, and NestJS applications. A package with one is a service.
// Message consumers live in inbound-consumers.ts.
import ts from 'typescript';
import type { FactsAdapter } from '../facts/adapter.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { isNestApplication } from './nest-application.js';
import { calledMethod, unwrapExpression } from '../facts/syntax.js';
import type { EntrypointFact } from '../facts/types.js';

/** Values whose `.listen(...)` starts an HTTP server: the module, the steps that create the server, and the library name. */
const LISTENING_SERVERS: ReadonlyArray<{ modules: readonly string[]; path: readonly string[]; library: string }> = [
  { modules: ['express'], path: ['()'], library: 'express' },
  // A parameter or field typed as the app (`startServer(app: Express)`): a helper that starts whatever app it is given.
  { modules: ['express'], path: ['Express', 'new'], library: 'express' },
  { modules: ['express'], path: ['Application', 'new'], library: 'express' },
  { modules: ['fastify'], path: ['FastifyInstance', 'new'], library: 'fastify' },
  { modules: ['koa'], path: ['default', 'new'], library: 'koa' },
  { modules: ['fastify'], path: ['()'], library: 'fastify' },
  { modules: ['fastify'], path: ['fastify', '()'], library: 'fastify' },
  { modules: ['fastify'], path: ['Fastify', '()'], library: 'fastify' },
  { modules: ['koa'], path: ['new'], library: 'koa' },
  { modules: ['http', 'https'], path: ['createServer', '()'], library: 'node-http' },
  { modules: ['http', 'https'], path: ['Server', 'new'], library: 'node-http' },
  { modules: ['http2'], path: ['createServer', '()'], library: 'node-http' },
  { modules: ['http2'], path: ['createSecureServer', '()'], library: 'node-http' },
];

/** Calls that start a server by themselves: hono's node adapter, Apollo's standalone server. */
const SERVING_CALLS: ReadonlyArray<{ module: string; path: readonly string[]; library: string }> = [
  { module: '@hono/node-server', path: ['serve'], library: 'hono' },
  { module: '@apollo/server/standalone', path: ['startStandaloneServer'], library: 'apollo-server' },
];

const NEST_CORE = '@nestjs/core';

export const inboundEntrypointsAdapter: FactsAdapter = {
  name: 'inbound-entrypoints',
  extract(file, facts) {
    for (const call of file.calls) {
      const fact = httpServerEntrypoint(file, call) ?? nestEntrypoint(file, call) ?? runtimeServeEntrypoint(file, call);
      if (fact) facts.entrypoints.push(fact);
    }
  },
};

function httpServerEntrypoint(file: FileIndex, call: ts.CallExpression): EntrypointFact | undefined {
  const method = calledMethod(call);
  if (method?.name === 'listen') {
    const receiver = originOf(file, method.receiver);
    const server = receiver && LISTENING_SERVERS.find((candidate) => candidate.modules.includes(receiver.module) && pathEquals(receiver.path, candidate.path));
    return server ? { ...file.span(call), kind: 'http-server', library: server.library } : undefined;
  }
  const callee = originOf(file, call.expression);
  const serving = callee && SERVING_CALLS.find((candidate) => candidate.module === callee.module && pathEquals(callee.path, candidate.path));
  return serving ? { ...file.span(call), kind: 'http-server', library: serving.library } : undefined;
}

function nestEntrypoint(file: FileIndex, call: ts.CallExpression): EntrypointFact | undefined {
  const method = calledMethod(call);
  if (method?.name === 'connectMicroservice' && isNestApplication(originOf(file, method.receiver))) {
    return { ...file.span(call), kind: 'nest-microservice', library: NEST_CORE };
  }
  const callee = originOf(file, call.expression);
  if (!callee || callee.module !== NEST_CORE) return undefined;
  if (pathEquals(callee.path, ['NestFactory', 'create'])) return { ...file.span(call), kind: 'nest-app', library: NEST_CORE };
  if (pathEquals(callee.path, ['NestFactory', 'createMicroservice'])) return { ...file.span(call), kind: 'nest-microservice', library: NEST_CORE };
  return undefined;
}

/** `Bun.serve({ fetch })` and `Deno.serve(handler)`: runtime globals that start an HTTP server. */
function runtimeServeEntrypoint(file: FileIndex, call: ts.CallExpression): EntrypointFact | undefined {
  const method = calledMethod(call);
  if (method?.name !== 'serve') return undefined;
  const receiver = unwrapExpression(method.receiver);
  if (!ts.isIdentifier(receiver) || (receiver.text !== 'Bun' && receiver.text !== 'Deno') || !file.isGlobal(receiver)) return undefined;
  return { ...file.span(call), kind: 'http-server', library: receiver.text.toLowerCase() };
}

