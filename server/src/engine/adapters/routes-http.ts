// Route declarations and mounts of the router-based frameworks, per framework's real call shapes:
//   express     app.get(path, ...middleware, handler), router.route(path).get(h).post(h), app.use([prefix,] ...routers)
//   fastify     fastify.get(path, [opts,] handler), fastify.route({ method, url, handler }), register(plugin, { prefix })
//   koa-router  router.get([name,] path, ...middleware), router.use([prefix,] other.routes()), koa app.use(router.routes())
//   hono        app.get(path, ...handlers), app.on(method, path, ...handlers), app.route(path, sub), app.basePath(path)
import ts from 'typescript';
import type { ExtractedFacts } from '../facts/adapter.js';
import type { EndpointFact, RouterMountFact } from '../facts/endpoint-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import { joinRoutePaths } from '../facts/route-paths.js';
import { calledMethod, isFunctionLiteral, unwrapExpression, valueOfProperty } from '../facts/syntax.js';
import type { HttpMethod, Span } from '../facts/types.js';
import { isFastifyPluginWrapper, type Framework, type RouterTable, type RouterUse } from './routes-routers.js';
import { handlerFacts, importedBinding, loadedModule, localString, looksLikePath, pathValues, prefixValue, type PathValue } from './routes-values.js';

const METHODS: Readonly<Record<string, HttpMethod | 'ALL'>> = {
  get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', all: 'ALL',
};

const ROUTE_METHODS: Record<Framework, ReadonlySet<string>> = {
  express: new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']),
  fastify: new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']),
  'koa-router': new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']),
  koa: new Set(),
  hono: new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'all']),
};

type MountPrefix = Pick<RouterMountFact, 'prefix' | 'prefixSpan' | 'prefixUncertain'>;

export class HttpRoutes {
  private readonly mountCalls = new Set<ts.CallExpression>();

  constructor(
    private readonly file: FileIndex,
    private readonly routers: RouterTable,
    private readonly facts: ExtractedFacts,
  ) {}

  /** Mounts first, repeated while they reveal plugin parameters (a plugin registering a nested plugin). */
  collectMounts(): void {
    for (let round = 0; round < 4; round++) {
      const before = this.routers.forcedCount;
      for (const call of this.file.calls) if (!this.mountCalls.has(call)) this.mountsOf(call);
      if (this.routers.forcedCount === before) return;
    }
  }

  collectRoutes(): void {
    for (const call of this.file.calls) this.routesOf(call);
  }

  private mountsOf(call: ts.CallExpression): void {
    const method = calledMethod(call);
    const receiver = method && this.routers.resolve(method.receiver);
    if (!method || !receiver) {
      this.routerArgumentMounts(call);
      return;
    }
    const args = call.arguments.filter((argument) => !ts.isSpreadElement(argument));
    switch (receiver.framework) {
      case 'express':
      case 'koa-router':
      case 'koa':
        if (method.name === 'use') this.useMounts(call, receiver, args);
        if (method.name === 'prefix' && receiver.framework === 'koa-router' && args[0]) {
          const prefix = localString(this.file, args[0]);
          if (prefix !== undefined) receiver.router.prefix = joinRoutePaths(prefix);
        }
        return;
      case 'hono':
        if (method.name === 'route' && args.length >= 2) this.mount(call, receiver, args[1]!, prefixValue(this.file, args[0]!));
        return;
      case 'fastify':
        if (method.name === 'register' && args[0]) {
          const options = objectLiteralOf(this.file, args[1]);
          const prefix = options && propertyValue(this.file, options, 'prefix');
          this.mount(call, receiver, args[0], prefix ? prefixValue(this.file, prefix) : { prefix: '' });
        }
        return;
    }
  }

  /** express `use([prefix,] ...handlers)`, koa-router `use([prefix,] ...middleware)`, koa `use(router.routes())`. */
  private useMounts(call: ts.CallExpression, receiver: RouterUse, args: ts.Expression[]): void {
    const childOf = (argument: ts.Expression): ts.Expression | undefined =>
      receiver.framework === 'express'
        ? argument
        : // koa-router also takes a router itself (`router.use('/x', other)`) in its recent versions.
          (koaRoutesReceiver(argument) ?? (receiver.framework === 'koa-router' ? argument : undefined));
    const first = args[0];
    if (receiver.framework !== 'koa' && first && args.length >= 2 && this.mayBeImportedPrefix(first)) {
      // `app.use(API_PREFIX, router)` or `app.use(requireAuth, router)`: only the model can tell by folding the value.
      const child = childOf(first);
      if (child) this.mount(call, receiver, child, { prefix: '' });
      for (const argument of args.slice(1)) {
        const rest = childOf(argument);
        if (rest) this.mount(call, receiver, rest, { prefix: '', prefixSpan: this.file.span(unwrapExpression(first)), prefixUncertain: true });
      }
      return;
    }
    const hasPrefix = receiver.framework !== 'koa' && looksLikePath(this.file, first);
    const prefixes = hasPrefix ? pathValues(this.file, first!) : [{ path: '' }];
    for (const argument of hasPrefix ? args.slice(1) : args) {
      const child = childOf(argument);
      if (!child) continue;
      for (const prefix of prefixes) {
        // A regular-expression prefix has no canonical form: such a mount is left out rather than guessed.
        if (prefix.path === undefined && !prefix.span) continue;
        this.mount(call, receiver, child, prefix.span ? { prefix: '', prefixSpan: prefix.span } : { prefix: prefix.path! });
      }
    }
  }

  /** A name from elsewhere (`API_PREFIX`, `config.prefix`) that is not one of this file's routers or functions. */
  private mayBeImportedPrefix(argument: ts.Expression): boolean {
    const node = unwrapExpression(argument);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
    if (looksLikePath(this.file, node) || this.routers.routerDenotedBy(node)) return false;
    const declaration = ts.isIdentifier(node) ? this.file.lookup(node)?.node : undefined;
    return !(declaration && localFunction(declaration));
  }

  /** `registerRoutes(app)`: a function given a router adds routes to it, as a mount at the router's own path. */
  private routerArgumentMounts(call: ts.CallExpression): void {
    const callee = unwrapExpression(call.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
    call.arguments.forEach((argument, index) => {
      if (ts.isSpreadElement(argument)) return;
      const node = unwrapExpression(argument);
      if (!ts.isIdentifier(node)) return;
      const router = this.routers.resolve(node);
      if (!router) return;
      const declaration = ts.isIdentifier(callee) ? this.file.lookup(callee)?.node : undefined;
      const fn = declaration && localFunction(declaration);
      if (fn) {
        const parameter = fn.parameters[index];
        const child = parameter && this.routers.forceParameter(parameter, router.framework);
        if (child && child !== router.router) this.pushMount(call, router, { prefix: '' }, { binding: child.id });
        return;
      }
      const imported = importedValue(this.file, callee);
      if (imported) this.pushMount(call, router, { prefix: '' }, imported);
    });
  }

  private mount(call: ts.CallExpression, parent: RouterUse, childExpression: ts.Expression, prefix: MountPrefix): void {
    const child = this.childOf(childExpression, parent.framework);
    if (!child) return;
    if ('binding' in child && child.binding === parent.router.id) return;
    this.pushMount(call, parent, prefix, child);
  }

  private pushMount(call: ts.CallExpression, parent: RouterUse, prefix: MountPrefix, child: RouterMountFact['child']): void {
    this.mountCalls.add(call);
    const fact: RouterMountFact = { ...this.file.span(call), parent: parent.router.id, prefix: prefix.prefixSpan ? '' : joinPrefix(parent.prefix, prefix.prefix), child };
    if (prefix.prefixSpan) fact.prefixSpan = prefix.prefixSpan;
    if (prefix.prefixUncertain) fact.prefixUncertain = true;
    this.facts.routerMounts.push(fact);
  }

  /** The router a mounted value stands for: local (by id) or another module's export. */
  private childOf(expression: ts.Expression, framework: Framework): RouterMountFact['child'] | undefined {
    const node = unwrapExpression(expression);
    // fastify `register(plugin)`: the plugin's first parameter is the instance its routes are declared on.
    if (framework === 'fastify') {
      const plugin = this.localPlugin(node);
      const parameter = plugin?.parameters[0];
      const router = parameter && this.routers.forceParameter(parameter, 'fastify');
      if (router) return { binding: router.id };
    }
    const local = this.routers.routerDenotedBy(node);
    if (local) return { binding: local.router.id };
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const imported = importedValue(this.file, node);
      if (imported) return imported;
    }
    if (ts.isCallExpression(node)) {
      const loaded = loadedModule(this.file, node);
      if (loaded) return loaded;
      if (isFastifyPluginWrapper(this.file, node) && node.arguments[0]) return this.childOf(node.arguments[0], framework);
      // `createItemsRouter(deps)` imported from another module: the router that function returns.
      const callee = unwrapExpression(node.expression);
      if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) return importedValue(this.file, callee);
    }
    return undefined;
  }

  private localPlugin(node: ts.Expression): ts.SignatureDeclaration | undefined {
    if (isFunctionLiteral(node)) return node;
    if (ts.isCallExpression(node) && isFastifyPluginWrapper(this.file, node) && node.arguments[0]) return this.localPlugin(unwrapExpression(node.arguments[0]));
    const declaration = ts.isIdentifier(node) ? this.file.lookup(node)?.node : undefined;
    return declaration ? localFunction(declaration) : undefined;
  }

  private routesOf(call: ts.CallExpression): void {
    const method = calledMethod(call);
    if (!method) return;
    const receiver = this.routers.resolve(method.receiver);
    if (!receiver) return;
    const args = call.arguments.filter((argument) => !ts.isSpreadElement(argument));
    const name = method.name;

    if (receiver.routePaths) {
      // express `router.route('/x').get(h)`: the handlers are all the arguments.
      const verb = METHODS[name];
      if (verb && args.length > 0) this.route(call, receiver, verb, receiver.routePaths, args[args.length - 1]!);
      return;
    }
    if (receiver.framework === 'fastify' && name === 'route') {
      this.fastifyRouteObject(call, receiver, args[0]);
      return;
    }
    if (receiver.framework === 'hono' && name === 'on') {
      this.honoOn(call, receiver, args);
      return;
    }
    if (!ROUTE_METHODS[receiver.framework].has(name) || args.length < 2) return;
    const verb = name === 'del' ? 'DELETE' : METHODS[name]!;
    let pathIndex = 0;
    // koa-router named routes: `router.get('user', '/users/:id', handler)`.
    if (receiver.framework === 'koa-router' && args.length >= 3 && looksLikePath(this.file, args[1])) pathIndex = 1;
    if (!looksLikePath(this.file, args[pathIndex]) && !isPathLike(args[pathIndex]!)) return;
    const rest = args.slice(pathIndex + 1);
    let handler: ts.Expression | ts.MethodDeclaration | undefined = rest[rest.length - 1];
    // fastify `get(path, { schema, handler })`.
    if (receiver.framework === 'fastify' && handler && !ts.isMethodDeclaration(handler) && !isFunctionLike(handler)) {
      const options = objectLiteralOf(this.file, handler);
      handler = (options && handlerInOptions(this.file, options)) ?? handler;
    }
    if (handler) this.route(call, receiver, verb, pathValues(this.file, args[pathIndex]!), handler);
  }

  private fastifyRouteObject(call: ts.CallExpression, receiver: RouterUse, argument: ts.Expression | undefined): void {
    const options = objectLiteralOf(this.file, argument);
    if (!options) return;
    const url = propertyValue(this.file, options, 'url') ?? propertyValue(this.file, options, 'path');
    const handler = handlerInOptions(this.file, options);
    const methodValue = propertyValue(this.file, options, 'method');
    if (!url || !handler || !methodValue) return;
    for (const verb of methodList(this.file, methodValue)) this.route(call, receiver, verb, pathValues(this.file, url), handler);
  }

  /** hono `app.on('GET' | ['GET', 'POST'], path | paths, ...handlers)`. */
  private honoOn(call: ts.CallExpression, receiver: RouterUse, args: ts.Expression[]): void {
    if (args.length < 3) return;
    for (const verb of methodList(this.file, args[0]!)) this.route(call, receiver, verb, pathValues(this.file, args[1]!), args[args.length - 1]!);
  }

  private route(call: ts.CallExpression, receiver: RouterUse, method: HttpMethod | 'ALL', paths: PathValue[], handlerExpression: ts.Expression | ts.MethodDeclaration): void {
    const handler = handlerFacts(this.file, handlerExpression);
    for (const value of paths) {
      const fact: EndpointFact = { ...this.declarationSpan(call), kind: 'http', framework: receiver.framework, method, router: receiver.router.id, ...handler };
      if (value.path !== undefined) fact.path = joinPrefix(receiver.prefix, value.path);
      else if (value.span) fact.pathSpan = value.span;
      this.facts.endpoints.push(fact);
    }
  }

  /** The call, or for a chained call (`route('/x').get(h).post(h)`) from the method name on, so each has its own position. */
  private declarationSpan(call: ts.CallExpression): { start: number; end: number } {
    const callee = unwrapExpression(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrapExpression(callee.expression))) {
      return { start: callee.name.getStart(this.file.sourceFile), end: call.end };
    }
    return this.file.span(call);
  }
}

/** koa: `router.routes()` / `router.middleware()` mounts that router; other middleware mounts nothing. */
function koaRoutesReceiver(argument: ts.Expression): ts.Expression | undefined {
  const node = unwrapExpression(argument);
  if (!ts.isCallExpression(node) || node.arguments.length > 0) return undefined;
  const method = calledMethod(node);
  return method && (method.name === 'routes' || method.name === 'middleware') ? method.receiver : undefined;
}

function joinPrefix(prefix: string, path: string): string {
  return prefix === '' ? path : joinRoutePaths(prefix, path);
}

function isPathLike(argument: ts.Expression): boolean {
  // A path from elsewhere (`app.get(ROUTES.items, h)` with ROUTES imported): not a function, so it is the path.
  const node = unwrapExpression(argument);
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

function isFunctionLike(expression: ts.Expression): boolean {
  return isFunctionLiteral(unwrapExpression(expression));
}

/** `{ handler: fn }` or `{ handler(req, reply) {} }` in fastify route options. */
function handlerInOptions(file: FileIndex, options: ts.ObjectLiteralExpression): ts.Expression | ts.MethodDeclaration | undefined {
  for (const property of options.properties) {
    if (ts.isMethodDeclaration(property) && property.name.getText(file.sourceFile) === 'handler') return property;
    const value = valueOfProperty(property, 'handler');
    if (value) return value;
  }
  return undefined;
}

function methodList(file: FileIndex, expression: ts.Expression): Array<HttpMethod | 'ALL'> {
  const node = unwrapExpression(expression);
  const values = ts.isArrayLiteralExpression(node) ? node.elements.map((element) => localString(file, element as ts.Expression)) : [localString(file, node)];
  const methods: Array<HttpMethod | 'ALL'> = [];
  for (const value of values) {
    const method = value === undefined ? undefined : METHODS[value.toLowerCase()];
    if (method && !methods.includes(method)) methods.push(method);
  }
  return methods;
}

function localFunction(declaration: ts.Node): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = unwrapExpression(declaration.initializer);
    if (isFunctionLiteral(initializer)) return initializer;
  }
  return undefined;
}

/** An imported binding used as a value or called: `itemsRouter`, `routes.items`, `createItemsRouter(…)`, `routes.register(app)`. */
function importedValue(file: FileIndex, node: ts.Identifier | ts.PropertyAccessExpression): RouterMountFact['child'] | undefined {
  if (ts.isIdentifier(node)) {
    const imported = importedBinding(file, node);
    return imported && imported.name !== '*' ? imported : undefined;
  }
  const owner = unwrapExpression(node.expression);
  const imported = ts.isIdentifier(owner) ? importedBinding(file, owner) : undefined;
  return imported?.name === '*' ? { specifier: imported.specifier, name: node.name.text } : undefined;
}
