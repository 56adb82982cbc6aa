// Where values cross a service boundary in HTTP code (rules.md "Contract"): response bodies (`res.json(x)`, `res.send(x)`,
// `reply.send(x)`, `ctx.body = x`, hono `c.json(x)`, what a fastify or Nest handler returns) and request bodies (`req.body`,
// `request.body`, `ctx.request.body`, hono `c.req.json()`, a Nest `@Body()` parameter). A function is read with a framework's
// idioms when this file declares it as that framework's route handler, or when its parameters are typed with the framework's
// request/response types (a handler declared in one file and mounted in another). Message payloads: message-payloads.ts.
import ts from 'typescript';
import { emptyFacts, type FactsAdapter } from '../facts/adapter.js';
import type { ContractSiteFact } from '../facts/contract-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { unwrapExpression } from '../facts/syntax.js';
import { collectMessagePayloads } from './message-payloads.js';
import { routesAdapter } from './routes.js';

type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs';

/** Which parameter of a handler is the response object and which the request, for each router framework. */
const PARAMETERS: Readonly<Record<Exclude<Framework, 'nestjs'>, { response: number; request: number }>> = {
  express: { response: 1, request: 0 },
  fastify: { response: 1, request: 0 },
  koa: { response: 0, request: 0 },
  hono: { response: 0, request: 0 },
};

/** Parameter types that make a function a handler of a framework, wherever it is declared. */
const TYPED_PARAMETERS: ReadonlyArray<{ framework: Exclude<Framework, 'nestjs'>; role: 'response' | 'request' | 'context'; modules: readonly string[]; type: string }> = [
  { framework: 'express', role: 'response', modules: ['express', 'express-serve-static-core'], type: 'Response' },
  { framework: 'express', role: 'request', modules: ['express', 'express-serve-static-core'], type: 'Request' },
  { framework: 'fastify', role: 'response', modules: ['fastify'], type: 'FastifyReply' },
  { framework: 'fastify', role: 'request', modules: ['fastify'], type: 'FastifyRequest' },
  { framework: 'koa', role: 'context', modules: ['koa'], type: 'Context' },
  { framework: 'koa', role: 'context', modules: ['koa'], type: 'ParameterizedContext' },
  { framework: 'koa', role: 'context', modules: ['@koa/router', 'koa-router'], type: 'RouterContext' },
  { framework: 'hono', role: 'context', modules: ['hono'], type: 'Context' },
];

/** Response methods that set the status or headers and return the response: `res.status(201).json(x)`. */
const CHAINED_RESPONSE_METHODS = new Set(['status', 'code', 'set', 'header', 'headers', 'type', 'cookie', 'clearCookie', 'location', 'vary', 'append', 'links']);
const SENDING_METHODS: Readonly<Record<Exclude<Framework, 'nestjs'>, ReadonlySet<string>>> = {
  express: new Set(['json', 'send', 'jsonp']),
  fastify: new Set(['send']),
  koa: new Set(),
  hono: new Set(['json']),
};

const FRAMEWORK_MODULE = /['"](?:express|fastify|koa|@koa\/router|koa-router|hono(?:\/[\w-]+)?|@nestjs\/common|@nestjs\/microservices)['"]/;

export const contractSitesAdapter: FactsAdapter = {
  name: 'contract-sites',
  extract(file, facts) {
    if (FRAMEWORK_MODULE.test(file.text)) {
      const handlers = declaredHandlers(file);
      for (const fn of file.functions) {
        const id = functionIdOf(fn, file);
        const declared = handlers.get(id);
        if (declared?.framework === 'nestjs') nestSites(file, fn as ts.MethodDeclaration, id, declared.kind, facts.contractSites);
        else routerSites(file, fn, id, declared?.framework, facts.contractSites);
      }
    }
    collectMessagePayloads(file, facts.contractSites);
  },
};

/** The functions this file declares as route or message handlers (the routes adapter's own reading of the file). */
function declaredHandlers(file: FileIndex): Map<string, { framework: Framework; kind: string }> {
  const scratch = emptyFacts();
  routesAdapter.extract(file, scratch);
  const handlers = new Map<string, { framework: Framework; kind: string }>();
  for (const endpoint of scratch.endpoints) {
    const id = endpoint.handler?.functionId ?? (endpoint.handlerTarget && 'functionId' in endpoint.handlerTarget && !endpoint.handlerTarget.specifier ? endpoint.handlerTarget.functionId : undefined);
    const framework = endpoint.framework === 'koa-router' ? 'koa' : (endpoint.framework as Framework);
    if (id !== undefined && !handlers.has(id)) handlers.set(id, { framework, kind: endpoint.kind });
  }
  return handlers;
}

/** Response and request sites of a router framework's handler, found through its response/request/context parameters. */
function routerSites(file: FileIndex, fn: ts.FunctionLikeDeclaration, id: string, declared: Framework | undefined, sites: ContractSiteFact[]): void {
  const roles = new Map<ts.ParameterDeclaration, { framework: Exclude<Framework, 'nestjs'>; role: 'response' | 'request' | 'context' }>();
  fn.parameters.forEach((parameter, index) => {
    const typed = typedRole(file, parameter);
    if (typed) roles.set(parameter, typed);
    else if (declared && declared !== 'nestjs') {
      const { response, request } = PARAMETERS[declared];
      if (index === response || index === request) roles.set(parameter, { framework: declared, role: response === request ? 'context' : index === response ? 'response' : 'request' });
    }
  });
  if (roles.size === 0) return;
  const site = (kind: ContractSiteFact['kind'], library: string, node: ts.Node, value: ts.Node) => sites.push({ ...file.span(node), kind, library, value: file.span(value), functionId: id });
  const roleOf = (expression: ts.Expression) => {
    const node = unwrapExpression(expression);
    const declaration = ts.isIdentifier(node) ? file.lookup(node)?.node : undefined;
    return declaration && ts.isParameter(declaration) ? roles.get(declaration) : undefined;
  };
  walk(fn.body!, true, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      if (!ts.isPropertyAccessExpression(callee) || !node.arguments[0]) return;
      const owner = roleOf(responseObject(callee.expression));
      if (owner && owner.role !== 'request' && SENDING_METHODS[owner.framework].has(callee.name.text)) site('response', owner.framework, node, node.arguments[0]);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      // koa: `ctx.body = value`.
      const owner = node.left.name.text === 'body' ? roleOf(node.left.expression) : undefined;
      if (owner?.framework === 'koa') site('response', 'koa', node, node.right);
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'body' && !isAssignmentTarget(file, node)) {
      // `req.body`, `request.body`; koa's `ctx.request.body` (its `ctx.body` is the response being built).
      const receiver = unwrapExpression(node.expression);
      const direct = roleOf(receiver);
      const viaContext = ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'request' ? roleOf(receiver.expression) : undefined;
      const owner = direct?.role === 'request' ? direct : viaContext?.role === 'context' ? viaContext : undefined;
      if (owner) site('request', owner.framework, node, node);
    }
  });
  honoRequests(file, fn, roleOf, site);
  // fastify sends what an async handler returns.
  const framework = [...roles.values()][0]!.framework;
  if (framework === 'fastify' && isAsync(fn)) {
    for (const returned of ownReturns(fn)) {
      const owner = roleOf(responseObject(returned));
      if (!owner && !isSendCall(returned, roleOf)) site('response', 'fastify', returnSite(file, returned), returned);
    }
  }
}

/** hono: `await c.req.json()` (and `c.req.valid('json')`) is the request body. */
function honoRequests(file: FileIndex, fn: ts.FunctionLikeDeclaration, roleOf: (e: ts.Expression) => { framework: string } | undefined, site: (kind: ContractSiteFact['kind'], library: string, node: ts.Node, value: ts.Node) => void): void {
  walk(fn.body!, true, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = unwrapExpression(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !['json', 'valid'].includes(callee.name.text)) return;
    const req = unwrapExpression(callee.expression);
    if (ts.isPropertyAccessExpression(req) && req.name.text === 'req' && roleOf(req.expression)?.framework === 'hono') site('request', 'hono', node, node);
  });
}

/** A parameter typed with a framework's request, response or context type. */
function typedRole(file: FileIndex, parameter: ts.ParameterDeclaration): { framework: Exclude<Framework, 'nestjs'>; role: 'response' | 'request' | 'context' } | undefined {
  if (!parameter.type || !ts.isTypeReferenceNode(parameter.type)) return undefined;
  const origin = originOf(file, parameter.name as ts.Identifier);
  if (!origin || !ts.isIdentifier(parameter.name)) return undefined;
  const match = TYPED_PARAMETERS.find((entry) => entry.modules.includes(origin.module) && pathEquals(origin.path, [entry.type, 'new']));
  return match && { framework: match.framework, role: match.role };
}

/** Nest controller methods: what they return (the declared return type, when written) and their `@Body()` parameters. */
function nestSites(file: FileIndex, method: ts.MethodDeclaration, id: string, kind: string, sites: ContractSiteFact[]): void {
  const decorated = (parameter: ts.ParameterDeclaration, names: readonly string[]) =>
    (ts.getDecorators(parameter) ?? []).some((decorator) => {
      const call = unwrapExpression(decorator.expression);
      const origin = ts.isCallExpression(call) ? originOf(file, call.expression) : undefined;
      return origin !== undefined && origin.module.startsWith('@nestjs/') && origin.path.length === 1 && names.includes(origin.path[0]!);
    });
  for (const parameter of method.parameters) {
    if (kind === 'http' ? decorated(parameter, ['Body']) : kind === 'rpc' && decorated(parameter, ['Payload'])) {
      const fact: ContractSiteFact = { ...file.span(parameter), kind: 'request', library: 'nestjs', value: file.span(parameter.name), functionId: id };
      if (parameter.type) fact.typeAnnotation = file.span(parameter.type);
      sites.push(fact);
    }
  }
  // Event handlers answer nobody; a handler that takes the platform response (`@Res()`) sends through it instead.
  if (kind === 'event' || method.parameters.some((parameter) => decorated(parameter, ['Res', 'Response']))) {
    routerSites(file, method, id, undefined, sites);
    return;
  }
  for (const returned of ownReturns(method)) {
    const fact: ContractSiteFact = { ...file.span(returnSite(file, returned)), kind: 'response', library: 'nestjs', value: file.span(returned), functionId: id };
    if (method.type) fact.typeAnnotation = file.span(method.type);
    sites.push(fact);
  }
}

/** `res.status(201).set('x', 'y')` → `res`: the response object under chained status/header calls. */
function responseObject(expression: ts.Expression): ts.Expression {
  let current = unwrapExpression(expression);
  for (let depth = 0; depth < 16 && ts.isCallExpression(current); depth++) {
    const callee = unwrapExpression(current.expression);
    if (!ts.isPropertyAccessExpression(callee) || !CHAINED_RESPONSE_METHODS.has(callee.name.text)) break;
    current = unwrapExpression(callee.expression);
  }
  return current;
}

function isSendCall(expression: ts.Expression, roleOf: (e: ts.Expression) => unknown): boolean {
  const node = unwrapExpression(expression);
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && roleOf(responseObject(node.expression.expression)) !== undefined;
}

/** The expressions a function's own `return` statements return (not those of functions written inside it); an arrow's body. */
export function ownReturns(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const returned: ts.Expression[] = [];
  walk(fn.body, false, (node) => {
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
  });
  return returned;
}

/** The `return` statement of a returned expression; an arrow's expression body is its own site. */
function returnSite(file: FileIndex, returned: ts.Expression): ts.Node {
  const parent = file.parentOf(returned);
  return parent && ts.isReturnStatement(parent) ? parent : returned;
}

function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
}

function isAssignmentTarget(file: FileIndex, node: ts.Node): boolean {
  const parent = file.parentOf(node);
  return !!parent && ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** Visit a function body's nodes; nested functions are entered only when `enterFunctions` (callbacks see the handler's parameters). */
function walk(root: ts.Node, enterFunctions: boolean, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (node !== root && !enterFunctions && ts.isFunctionLike(node)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
}
