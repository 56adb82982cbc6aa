// Which expressions are routers (express apps and routers, fastify instances, koa-router routers, koa apps, hono
// apps), recognised by where they come from (the framework import, never a name), and which binding names each one.
// A router is identified by the node that brings it into being: its creation (`Router()`), a parameter (a fastify
// plugin's instance, `function register(app: Express)`), or a typed declaration.
import ts from 'typescript';
import type { RouterFact } from '../facts/endpoint-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEndsWith, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { joinRoutePaths } from '../facts/route-paths.js';
import { calledMethod, isFunctionLiteral, isTransparentWrapper, returnedExpression, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import { localString, pathValues, type PathValue } from './routes-values.js';

export type Framework = 'express' | 'fastify' | 'koa-router' | 'koa' | 'hono';

/** Origins of a router value: how it is created, or the type a parameter or variable is declared with. */
const ROUTER_ORIGINS: ReadonlyArray<{ framework: Framework; modules: readonly string[]; paths: ReadonlyArray<readonly string[]> }> = [
  { framework: 'express', modules: ['express'], paths: [['()'], ['Router', '()'], ['Express', 'new'], ['Application', 'new'], ['Router', 'new'], ['IRouter', 'new']] },
  { framework: 'fastify', modules: ['fastify'], paths: [['()'], ['fastify', '()'], ['Fastify', '()'], ['FastifyInstance', 'new']] },
  { framework: 'koa-router', modules: ['@koa/router', 'koa-router'], paths: [['new'], ['Router', 'new']] },
  { framework: 'koa', modules: ['koa'], paths: [['new']] },
  { framework: 'hono', modules: ['hono', 'hono/tiny', 'hono/quick'], paths: [['Hono', 'new']] },
];

/** Methods that return the router they are called on, so calls chain (`new Hono().get(…).post(…)`, `app.use(…).get(…)`). */
const CHAINABLE: Record<Framework, ReadonlySet<string>> = {
  express: new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'use', 'param', 'route']),
  fastify: new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route', 'register', 'addHook', 'decorate', 'decorateRequest', 'decorateReply']),
  'koa-router': new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use', 'prefix', 'param', 'redirect']),
  koa: new Set(['use']),
  hono: new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'all', 'on', 'use', 'route', 'basePath', 'notFound', 'onError']),
};

/** A router as an expression denotes it, with what the expression adds (hono `basePath`, express `route('/x')`). */
export interface RouterUse {
  router: RouterFact;
  framework: Framework;
  /** Canonical prefix the expression adds to routes declared through it (hono `app.basePath('/api')`). */
  prefix: string;
  /** express `router.route('/x')`: the route's paths, for the `.get(h)` calls chained on it. */
  routePaths?: PathValue[];
  /** The expression is a call on the router (a chain), not the router's own binding. */
  chained: boolean;
}

const RESOLUTION_BUDGET = 16;

export class RouterTable {
  private readonly routers = new Map<ts.Node, RouterFact>();
  private readonly cache = new Map<ts.Node, RouterUse | undefined>();
  /** Parameters known to receive a router because a call passes one (`register(plugin)`, `registerRoutes(app)`). */
  private readonly forced = new Map<ts.Node, Framework>();

  constructor(private readonly file: FileIndex) {}

  facts(): RouterFact[] {
    return [...this.routers.values()];
  }

  /** The router an expression denotes, if any. */
  resolve(expression: ts.Expression, budget = RESOLUTION_BUDGET): RouterUse | undefined {
    const node = unwrapExpression(expression);
    if (this.cache.has(node)) return this.cache.get(node);
    if (budget <= 0) return undefined;
    // A chain of calls on a router (`new Hono().get(…).post(…)` with dozens of routes) is longer than any budget:
    // walk down to its root iteratively, then follow it back up one call at a time.
    const chain: Array<{ call: ts.CallExpression; name: string }> = [];
    let root: ts.Expression = node;
    while (ts.isCallExpression(root) && !this.cache.has(root) && !creationFramework(originOf(this.file, root))) {
      const method = calledMethod(root);
      if (!method) break;
      chain.push({ call: root, name: method.name });
      root = unwrapExpression(method.receiver);
    }
    let use: RouterUse | undefined;
    if (this.cache.has(root)) use = this.cache.get(root);
    else {
      use = this.resolveRoot(root, budget);
      this.cache.set(root, use);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      use = use && this.chainStep(use, chain[i]!.call, chain[i]!.name);
      this.cache.set(chain[i]!.call, use);
    }
    return use;
  }

  /** Plugins wrapped with fastify-plugin (`fp(plugin)`) ignore `register`'s prefix: mark their instance routers. */
  markUnencapsulatedPlugins(): void {
    for (const call of this.file.calls) {
      if (!isFastifyPluginWrapper(this.file, call) || !call.arguments[0]) continue;
      const plugin = this.routerDenotedBy(call.arguments[0]);
      if (plugin?.framework === 'fastify') plugin.router.ignoresMountPrefix = true;
    }
  }

  /** A parameter receives a router of this framework: routes on it belong to that router. */
  forceParameter(parameter: ts.ParameterDeclaration, framework: Framework): RouterFact | undefined {
    if (!ts.isIdentifier(parameter.name)) return undefined;
    if (!this.forced.has(parameter)) {
      this.forced.set(parameter, framework);
      // Earlier answers about expressions using this parameter may have been "not a router".
      this.cache.clear();
    }
    return this.register(parameter, framework);
  }

  get forcedCount(): number {
    return this.forced.size;
  }

  /**
   * The router a function stands for: the router it receives (a plugin or `register(app)`) or, failing that, the
   * router it returns (a factory `createItemsRouter()`).
   */
  routerOfFunction(fn: ts.SignatureDeclaration, budget = RESOLUTION_BUDGET): RouterUse | undefined {
    for (const [index, parameter] of fn.parameters.entries()) {
      const framework = this.parameterFramework(parameter, index);
      const router = framework && this.register(parameter, framework);
      if (router && framework) return { router, framework, prefix: '', chained: false };
    }
    if (!ts.isFunctionDeclaration(fn) && !isFunctionLiteral(fn)) return undefined;
    const returned = returnedExpression(fn);
    return returned ? this.resolve(returned, budget - 1) : undefined;
  }

  /** What an exported or mounted value denotes: a router, a function standing for one, a `fastify-plugin` wrapper. */
  routerDenotedBy(expression: ts.Expression, budget = RESOLUTION_BUDGET): RouterUse | undefined {
    if (budget <= 0) return undefined;
    const node = unwrapExpression(expression);
    if (isFunctionLiteral(node)) return this.routerOfFunction(node, budget - 1);
    if (ts.isIdentifier(node)) {
      const declaration = this.file.lookup(node)?.node;
      if (declaration) {
        const declared = this.routerDeclaredBy(declaration, budget - 1);
        if (declared) return declared;
      }
    }
    if (ts.isCallExpression(node) && isFastifyPluginWrapper(this.file, node) && node.arguments[0]) return this.routerDenotedBy(node.arguments[0], budget - 1);
    return this.resolve(node, budget - 1);
  }

  /** The router a declaration (variable, function) holds or stands for. */
  routerDeclaredBy(declaration: ts.Node, budget = RESOLUTION_BUDGET): RouterUse | undefined {
    if (ts.isFunctionDeclaration(declaration)) return this.routerOfFunction(declaration, budget);
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
    const initializer = declaration.initializer && unwrapExpression(declaration.initializer);
    if (initializer && (isFunctionLiteral(initializer) || (ts.isCallExpression(initializer) && isFastifyPluginWrapper(this.file, initializer)))) {
      return this.routerDenotedBy(initializer, budget);
    }
    return this.resolve(declaration.name, budget);
  }

  /** What starts a chain: a router's binding, its creation, or a local factory's call. */
  private resolveRoot(node: ts.Expression, budget: number): RouterUse | undefined {
    if (ts.isIdentifier(node)) return this.resolveIdentifier(node, budget);
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
    const created = creationFramework(originOf(this.file, node));
    if (created) {
      const router = this.register(node, created);
      return router && { router, framework: created, prefix: '', chained: false };
    }
    if (!ts.isCallExpression(node)) return undefined;
    // `const router = createItemsRouter()`: a local factory's returned router.
    const callee = unwrapExpression(node.expression);
    const declaration = ts.isIdentifier(callee) ? this.file.lookup(callee)?.node : undefined;
    const fn = declaration && localFunctionOf(declaration);
    const returned = fn && returnedExpression(fn);
    return returned ? this.resolve(returned, budget - 1) : undefined;
  }

  /** The router a method call on a router yields: the same one for chainable methods (with what basePath/route add). */
  private chainStep(receiver: RouterUse, call: ts.CallExpression, name: string): RouterUse | undefined {
    if (!CHAINABLE[receiver.framework].has(name)) return undefined;
    const argument = call.arguments[0];
    if (receiver.framework === 'express' && name === 'route' && !receiver.routePaths) {
      return argument ? { ...receiver, routePaths: pathValues(this.file, argument), chained: true } : undefined;
    }
    if (receiver.framework === 'hono' && name === 'basePath') {
      const base = localString(this.file, argument);
      return base === undefined ? undefined : { ...receiver, prefix: joinRoutePaths(receiver.prefix, base), chained: true };
    }
    // express `app.get('setting')` reads a setting, not a route.
    if (receiver.framework === 'express' && name === 'get' && call.arguments.length < 2 && !receiver.routePaths) return undefined;
    return { ...receiver, chained: true };
  }

  private resolveIdentifier(identifier: ts.Identifier, budget: number): RouterUse | undefined {
    const declaration = this.file.lookup(identifier)?.node;
    if (!declaration) return undefined;
    if (ts.isVariableDeclaration(declaration)) {
      if (declaration.initializer) {
        const use = this.resolve(declaration.initializer, budget - 1);
        if (use) return { ...use, chained: false };
      }
      // `let app: Express;` assigned later, or `const server = createServer(); … return server;` in a function
      // declared to return a `FastifyInstance`: the type says what it is.
      const framework = creationFramework(originOf(this.file, identifier));
      const router = framework && this.register(declaration, framework);
      return router && framework ? { router, framework, prefix: '', chained: false } : undefined;
    }
    if (ts.isParameter(declaration)) {
      const fn = this.file.parentOf(declaration);
      const index = fn && ts.isFunctionLike(fn) ? fn.parameters.indexOf(declaration) : -1;
      const framework = this.parameterFramework(declaration, index);
      const router = framework && this.register(declaration, framework);
      return router && framework ? { router, framework, prefix: '', chained: false } : undefined;
    }
    return undefined;
  }

  private parameterFramework(parameter: ts.ParameterDeclaration, index: number): Framework | undefined {
    if (!ts.isIdentifier(parameter.name)) return undefined;
    const forced = this.forced.get(parameter);
    if (forced) return forced;
    const origin = originOf(this.file, parameter.name);
    const typed = creationFramework(origin);
    if (typed) return typed;
    // A fastify plugin's instance: `app.register(async (instance) => …)`, `fp(async (fastify) => …)`,
    // `const routes: FastifyPluginAsync = async (fastify) => …`.
    if (index !== 0) return undefined;
    if (origin?.module === 'fastify' && pathEndsWith(origin.path, ['register', '()', '=>0'])) return 'fastify';
    if (origin?.module === 'fastify-plugin' && pathEquals(origin.path, ['()', '=>0'])) return 'fastify';
    return isTypedFastifyPlugin(this.file, parameter) ? 'fastify' : undefined;
  }

  private register(node: ts.Node, framework: Framework): RouterFact | undefined {
    const existing = this.routers.get(node);
    if (existing) return existing;
    const fact: RouterFact = { ...this.file.span(node), id: this.routerId(node, framework), framework, exportedAs: [] };
    if (framework === 'koa-router' && ts.isNewExpression(node)) {
      const options = objectLiteralOf(this.file, node.arguments?.[0]);
      const prefix = options && localString(this.file, propertyValue(this.file, options, 'prefix'));
      if (prefix) fact.prefix = joinRoutePaths(prefix);
    }
    this.routers.set(node, fact);
    return fact;
  }

  private routerId(node: ts.Node, framework: Framework): string {
    if (ts.isParameter(node)) return `${node.name.getText(this.file.sourceFile)}@${node.name.getStart(this.file.sourceFile)}`;
    if (ts.isVariableDeclaration(node)) return this.bindingId(node);
    // A creation: named by the variable its chain ends up in (`const app = new Hono().basePath('/api')`).
    let current: ts.Node = node;
    for (let parent = this.file.parentOf(current); parent; parent = this.file.parentOf(current)) {
      const grandparent = this.file.parentOf(parent);
      const chains =
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === current &&
        grandparent !== undefined &&
        ts.isCallExpression(grandparent) &&
        grandparent.expression === parent &&
        CHAINABLE[framework].has(parent.name.text);
      if (isTransparentWrapper(parent)) current = parent;
      else if (chains) current = grandparent;
      else break;
    }
    const holder = this.file.parentOf(current);
    if (holder && ts.isVariableDeclaration(holder) && holder.initializer === current && ts.isIdentifier(holder.name)) return this.bindingId(holder);
    return `<router>@${node.getStart(this.file.sourceFile)}`;
  }

  /** Module-level bindings by name; bindings inside functions and blocks by name and position. */
  private bindingId(declaration: ts.VariableDeclaration): string {
    const name = declaration.name.getText(this.file.sourceFile);
    const list = this.file.parentOf(declaration);
    const statement = list && this.file.parentOf(list);
    const scope = statement && this.file.parentOf(statement);
    if (scope && ts.isSourceFile(scope)) return name;
    return `${name}@${declaration.name.getStart(this.file.sourceFile)}`;
  }
}

function creationFramework(origin: ValueOrigin | undefined): Framework | undefined {
  if (!origin) return undefined;
  const match = ROUTER_ORIGINS.find((candidate) => candidate.modules.includes(origin.module) && candidate.paths.some((path) => pathEquals(origin.path, path)));
  return match?.framework;
}

function localFunctionOf(declaration: ts.Node): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = unwrapExpression(declaration.initializer);
    if (isFunctionLiteral(initializer)) return initializer;
  }
  return undefined;
}

/** `fp(plugin, options?)` from fastify-plugin: registers `plugin` without encapsulation. */
export function isFastifyPluginWrapper(file: FileIndex, call: ts.CallExpression): boolean {
  const callee = originOf(file, call.expression);
  return callee?.module === 'fastify-plugin' && callee.path.length === 0;
}

/** The first parameter of `const plugin: FastifyPluginAsync = async (fastify) => …` (the type comes from the variable). */
function isTypedFastifyPlugin(file: FileIndex, parameter: ts.ParameterDeclaration): boolean {
  const fn = file.parentOf(parameter);
  if (!fn || !isFunctionLiteral(fn)) return false;
  let holder = file.parentOf(fn);
  while (holder && isTransparentWrapper(holder)) holder = file.parentOf(holder);
  if (!holder || !ts.isVariableDeclaration(holder) || !holder.type || !ts.isTypeReferenceNode(holder.type) || !ts.isIdentifier(holder.type.typeName)) return false;
  const declaration = file.lookup(holder.type.typeName)?.node;
  if (!declaration || !ts.isImportSpecifier(declaration)) return false;
  const module = file.ancestor(declaration, ts.isImportDeclaration)?.moduleSpecifier;
  return stringLiteralValue(module as ts.Expression | undefined) === 'fastify' && (declaration.propertyName ?? declaration.name).text.startsWith('FastifyPlugin');
}
