// Recognising HTTP clients in a file, once, for every adapter that needs them: which calls make a request, which create a
// client instance, which register a client module, and the URL each one names. outbound-endpoints.ts turns these into
// endpoint sinks (hardcoded-endpoint), remote-calls.ts into remote calls, timeouts and status handling.
// Recognition goes by the value's origin (its import), never by a variable's name, except for the documented
// fallbacks (`this.httpService` without a type; an imported instance, which only its own module can confirm).
import ts from 'typescript';
import { endpointInArgument, endpointInOptions, objectLiteralOf, type EndpointSetting } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { isUnshadowedGlobal, originOf, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, isFunctionLiteral, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';

export type HttpFamily = 'fetch' | 'undici' | 'axios' | 'got' | 'ky' | 'superagent' | 'nest-http' | 'node-http';

/**
 * How a request reached its client: the library's export itself, an instance from a factory (`axios.create()`), a value
 * known only by its type annotation (`http: AxiosInstance`), an injected Nest service, or a binding imported from another module.
 */
export type ClientVia = 'export' | 'factory' | 'annotation' | 'injected' | 'imported';

export interface HttpRequestUse {
  kind: 'request';
  call: ts.CallExpression;
  /** The library as endpoint sinks name it ('fetch', 'node-fetch', 'undici', 'axios', 'got', 'ky', 'superagent', '@nestjs/axios', 'node-http', 'node-https'). */
  library: string;
  family: HttpFamily;
  /** The method called on the client ('get', 'post', 'request', 'stream'); undefined for a direct call (`fetch(u)`, `axios(config)`). */
  verb?: string;
  via: ClientVia;
  /** The instance the request goes through, when it is not the library export (`api` in `api.get(u)`, `client` in `client(u)`). */
  client?: ts.Expression;
  /** 'imported': the import it comes from (`import { paymentsApi } from './clients'`). */
  imported?: { specifier: string; name: string };
  /** The URL argument (or an options object's `url`), as written. */
  url: EndpointSetting | undefined;
}

export interface HttpFactoryUse {
  kind: 'factory';
  call: ts.CallExpression;
  library: string;
  family: 'axios' | 'got' | 'ky';
  /** The value the factory is called on: the library export, or an instance being extended. */
  via: ClientVia;
  client?: ts.Expression;
  baseUrl: EndpointSetting | undefined;
}

/** Nest `HttpModule.register(options)` / `registerAsync(options)`. */
export interface HttpModuleUse {
  kind: 'module';
  call: ts.CallExpression;
  method: 'register' | 'registerAsync';
  library: '@nestjs/axios';
  baseUrl: EndpointSetting | undefined;
}

/** A dispatcher bound to one origin (undici `new Pool('http://inventory:3000')`). */
export interface HttpBaseUse {
  kind: 'base';
  node: ts.NewExpression;
  library: 'undici';
  baseUrl: EndpointSetting | undefined;
}

export type HttpClientUse = HttpRequestUse | HttpFactoryUse | HttpModuleUse | HttpBaseUse;

export const AXIOS_REQUEST_METHODS = ['request', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm', 'query'];
const GOT_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete', 'stream', 'paginate'];
const KY_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete'];
const SUPERAGENT_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'del', 'delete', 'options'];
const FETCH_LIKE_MODULES = ['node-fetch', 'cross-fetch', 'isomorphic-fetch'];
const UNDICI_REQUESTS = ['fetch', 'request', 'stream', 'pipeline'];
/** Modules recognised by their origin: an instance imported from one of them is handled there, not as an imported instance. */
const HTTP_MODULES = new Set([...FETCH_LIKE_MODULES, 'undici', 'axios', '@nestjs/axios', 'got', 'ky', 'superagent', 'http', 'https']);
/** Verbs an imported client instance (axios, got, ky) is called with. */
const INSTANCE_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const NEST_HTTP_SERVICE_PROPERTY = 'httpService';

/** A call's first argument is its URL, or an options object whose `url` is (`axios({ url })`, `got({ url })`). */
const URL_KEYS = { url: ['url'] } as const;

interface ClientShape {
  library: string;
  family: 'axios' | 'got' | 'ky';
  methods: readonly string[];
  /** Methods that derive a new instance from options (axios.create, got.extend). */
  factories: readonly string[];
  /** Option keys that bind a base URL. */
  baseKeys: readonly string[];
  /** Type names of instances, for values known only by their annotation (`private readonly http: AxiosInstance`). */
  instanceTypes: readonly string[];
}

const AXIOS_SHAPE: Omit<ClientShape, 'library'> = { family: 'axios', methods: AXIOS_REQUEST_METHODS, factories: ['create'], baseKeys: ['baseURL'], instanceTypes: ['AxiosInstance', 'Axios'] };
const GOT_SHAPE: ClientShape = { library: 'got', family: 'got', methods: GOT_REQUEST_METHODS, factories: ['extend'], baseKeys: ['prefixUrl'], instanceTypes: ['Got'] };
const KY_SHAPE: ClientShape = { library: 'ky', family: 'ky', methods: KY_REQUEST_METHODS, factories: ['create', 'extend'], baseKeys: ['prefixUrl', 'prefix', 'baseUrl'], instanceTypes: ['KyInstance'] };

const cache = new WeakMap<FileIndex, HttpClientUse[]>();

/** Every HTTP client use in the file, in source order. Computed once per file. */
export function httpClientUses(file: FileIndex): HttpClientUse[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const uses: HttpClientUse[] = [];
  const importsNestAxios = fileImports(file, '@nestjs/axios');
  for (const call of file.calls) {
    const use = recogniseCall(file, call, importsNestAxios);
    if (use) uses.push(use);
  }
  for (const construction of file.constructions) {
    const callee = originOf(file, construction.expression);
    if (callee?.module === 'undici' && callee.path.length === 1 && ['Pool', 'Client', 'BalancedPool'].includes(callee.path[0]!)) {
      uses.push({ kind: 'base', node: construction, library: 'undici', baseUrl: endpointInArgument(file, construction.arguments?.[0], URL_KEYS) });
    }
  }
  cache.set(file, uses);
  return uses;
}

function recogniseCall(file: FileIndex, call: ts.CallExpression, importsNestAxios: boolean): HttpClientUse | undefined {
  if (isUnshadowedGlobal(file, call.expression, 'fetch')) return request(file, call, 'fetch', 'fetch', undefined, 'export');
  const callee = originOf(file, call.expression);
  if (callee) return HTTP_MODULES.has(callee.module) ? libraryCall(file, call, callee) : importedInstanceCall(file, call);
  if (importsNestAxios && isUntypedNestHttpServiceCall(call)) {
    // `this.httpService.get(url)` where the injected property carries no type annotation we can follow.
    return request(file, call, '@nestjs/axios', 'nest-http', calledMethod(call)!.name, 'injected');
  }
  return undefined;
}

function libraryCall(file: FileIndex, call: ts.CallExpression, callee: ValueOrigin): HttpClientUse | undefined {
  const { module, path } = callee;
  if (FETCH_LIKE_MODULES.includes(module)) {
    if (path.length === 0 || (path.length === 1 && path[0] === 'fetch')) return request(file, call, module, 'fetch', undefined, 'export');
  } else if (module === 'undici') {
    if (path.length === 1 && UNDICI_REQUESTS.includes(path[0]!)) return request(file, call, 'undici', path[0] === 'fetch' ? 'fetch' : 'undici', path[0], 'export');
  } else if (module === 'axios') {
    return instanceCall(file, call, path, { ...AXIOS_SHAPE, library: 'axios' });
  } else if (module === '@nestjs/axios') {
    return nestHttpCall(file, call, path);
  } else if (module === 'got') {
    return instanceCall(file, call, dropLeading(path, 'got'), GOT_SHAPE);
  } else if (module === 'ky') {
    return instanceCall(file, call, dropLeading(path, 'ky'), KY_SHAPE);
  } else if (module === 'superagent') {
    return superagentCall(file, call, path);
  } else if (module === 'http' || module === 'https') {
    if (path.length === 1 && (path[0] === 'request' || path[0] === 'get')) {
      const url = endpointInArgument(file, call.arguments[0], { url: ['url'], host: ['hostname', 'host'] });
      return { kind: 'request', call, library: `node-${module}`, family: 'node-http', verb: path[0], via: 'export', url };
    }
  }
  return undefined;
}

/** HttpService methods mirror axios; `axiosRef` is the axios instance itself; HttpModule.register({ baseURL }) binds a base. */
function nestHttpCall(file: FileIndex, call: ts.CallExpression, path: readonly string[]): HttpClientUse | undefined {
  if (path.length === 2 && path[0] === 'HttpModule' && (path[1] === 'register' || path[1] === 'registerAsync')) {
    const options = path[1] === 'register' ? objectLiteralOf(file, call.arguments[0]) : undefined;
    const baseUrl = options && endpointInOptions(file, options, { url: ['baseURL'] });
    return { kind: 'module', call, method: path[1], library: '@nestjs/axios', baseUrl };
  }
  if (path[0] !== 'HttpService' || path[1] !== 'new') return undefined;
  const rest = path.slice(2);
  if (rest[0] === 'axiosRef') {
    const use = instanceCall(file, call, rest.slice(1), { ...AXIOS_SHAPE, library: '@nestjs/axios' });
    // The axios instance behind HttpService is configured by the HttpModule registration, like the service's own methods.
    return use?.kind === 'request' ? { ...use, family: 'nest-http', via: 'injected', client: undefined } : use;
  }
  if (rest.length === 1 && AXIOS_REQUEST_METHODS.includes(rest[0]!)) return request(file, call, '@nestjs/axios', 'nest-http', rest[0], 'injected');
  return undefined;
}

/**
 * The shared shape of axios, got and ky: the export (or an instance derived from it through factories) is callable with
 * a URL or options, has one method per HTTP verb, and has factories whose options may bind a base URL.
 */
function instanceCall(file: FileIndex, call: ts.CallExpression, path: readonly string[], shape: ClientShape): HttpClientUse | undefined {
  let rest = [...path];
  let via: ClientVia = 'export';
  if (rest.length >= 2 && shape.instanceTypes.includes(rest[0]!) && rest[1] === 'new') {
    rest = rest.slice(2);
    via = 'annotation';
  }
  while (rest.length >= 2 && shape.factories.includes(rest[0]!) && rest[1] === '()') {
    rest = rest.slice(2);
    if (via === 'export') via = 'factory';
  }
  const method = calledMethod(call);
  if (rest.length === 0) {
    return request(file, call, shape.library, shape.family, undefined, via, via === 'export' ? undefined : call.expression);
  }
  if (rest.length === 1 && shape.methods.includes(rest[0]!)) {
    return request(file, call, shape.library, shape.family, rest[0], via, via === 'export' ? undefined : method?.receiver);
  }
  if (rest.length === 1 && shape.factories.includes(rest[0]!)) {
    const options = objectLiteralOf(file, call.arguments[0]);
    const baseUrl = options && endpointInOptions(file, options, { url: shape.baseKeys });
    return { kind: 'factory', call, library: shape.library, family: shape.family, via, client: via === 'export' ? undefined : method?.receiver, baseUrl };
  }
  return undefined;
}

/** superagent.get(url) / request.post(url), and superagent(method, url) or superagent(url). */
function superagentCall(file: FileIndex, call: ts.CallExpression, path: readonly string[]): HttpClientUse | undefined {
  if (path.length === 0) {
    const url = call.arguments.length >= 2 ? call.arguments[1] : call.arguments[0];
    return { kind: 'request', call, library: 'superagent', family: 'superagent', via: 'export', url: endpointInArgument(file, url, {}) };
  }
  if (path.length === 1 && SUPERAGENT_REQUEST_METHODS.includes(path[0]!)) {
    return { kind: 'request', call, library: 'superagent', family: 'superagent', verb: path[0], via: 'export', url: endpointInArgument(file, call.arguments[0], {}) };
  }
  return undefined;
}

function request(file: FileIndex, call: ts.CallExpression, library: string, family: HttpFamily, verb: string | undefined, via: ClientVia, client?: ts.Expression): HttpRequestUse {
  const use: HttpRequestUse = { kind: 'request', call, library, family, via, url: endpointInArgument(file, call.arguments[0], URL_KEYS) };
  if (verb !== undefined) use.verb = verb;
  if (client) use.client = client;
  return use;
}

/**
 * `paymentsApi.post('/payments', body)` where `paymentsApi` is imported from a module of the workspace. Only that module
 * knows whether it is an HTTP client (its `httpClients` fact with `exportedAs`), so this takes only calls that look like
 * requests: a verb method, a literal URL or absolute path first, and no function among the arguments (which would make it
 * a route registration, `router.get('/x', handler)`).
 */
function importedInstanceCall(file: FileIndex, call: ts.CallExpression): HttpRequestUse | undefined {
  const method = calledMethod(call);
  if (!method || !INSTANCE_VERBS.includes(method.name)) return undefined;
  const imported = importedBinding(file, method.receiver);
  if (!imported || HTTP_MODULES.has(imported.specifier.replace(/^node:/, '')) || imported.specifier.startsWith('node:')) return undefined;
  if (!looksLikeRequestUrl(call.arguments[0])) return undefined;
  if (call.arguments.slice(1).some((argument) => isFunctionValue(file, argument))) return undefined;
  // Read like axios (the common case); the library is whatever the exporting module's instance turns out to be.
  return { kind: 'request', call, library: 'http-client', family: 'axios', verb: method.name, via: 'imported', client: method.receiver, imported, url: endpointInArgument(file, call.arguments[0], URL_KEYS) };
}

/** `name` from `import { name } from 's'` / `import name from 's'` (→ 'default'), or `ns.name` from `import * as ns from 's'`. */
function importedBinding(file: FileIndex, receiver: ts.Expression): { specifier: string; name: string } | undefined {
  const node = unwrapExpression(receiver);
  let identifier: ts.Identifier;
  let member: string | undefined;
  if (ts.isIdentifier(node)) identifier = node;
  else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    identifier = node.expression;
    member = node.name.text;
  } else return undefined;
  const declaration = file.lookup(identifier)?.node;
  if (!declaration) return undefined;
  const importDeclaration = file.ancestor(declaration, ts.isImportDeclaration);
  const specifier = importDeclaration && stringLiteralValue(importDeclaration.moduleSpecifier as ts.Expression);
  if (specifier === undefined) return undefined;
  if (member === undefined && ts.isImportSpecifier(declaration)) return { specifier, name: (declaration.propertyName ?? declaration.name).text };
  if (member === undefined && ts.isImportClause(declaration)) return { specifier, name: 'default' };
  if (member !== undefined && ts.isNamespaceImport(declaration)) return { specifier, name: member };
  return undefined;
}

function looksLikeRequestUrl(argument: ts.Expression | undefined): boolean {
  if (!argument) return false;
  const node = unwrapExpression(argument);
  let head: string | undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) head = node.text;
  else if (ts.isTemplateExpression(node)) head = node.head.text || node.templateSpans[0]?.literal.text;
  return head !== undefined && (head.startsWith('/') || /^https?:\/\//i.test(head));
}

function isFunctionValue(file: FileIndex, argument: ts.Expression): boolean {
  const node = unwrapExpression(argument);
  if (isFunctionLiteral(node)) return true;
  if (!ts.isIdentifier(node)) return false;
  const declaration = file.lookup(node)?.node;
  if (!declaration) return false;
  if (ts.isFunctionDeclaration(declaration) || ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) return true;
  return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && isFunctionLiteral(unwrapExpression(declaration.initializer));
}

function isUntypedNestHttpServiceCall(call: ts.CallExpression): boolean {
  const method = calledMethod(call);
  if (!method || !AXIOS_REQUEST_METHODS.includes(method.name)) return false;
  const receiver = method.receiver;
  return ts.isPropertyAccessExpression(receiver) && receiver.name.text === NEST_HTTP_SERVICE_PROPERTY;
}

/** `import { got } from 'got'` names the same function as the default export. */
function dropLeading(path: readonly string[], name: string): string[] {
  return path[0] === name ? path.slice(1) : [...path];
}

export function fileImports(file: FileIndex, specifier: string): boolean {
  return file.sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && stringLiteralValue(statement.moduleSpecifier) === specifier);
}
