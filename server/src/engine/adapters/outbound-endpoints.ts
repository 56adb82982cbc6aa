// Outbound HTTP: the expressions that name what an HTTP client calls (a URL, or a base URL an instance is bound to).
// hardcoded-endpoint reports at these values; the model resolves them to services and routes.
// Brokers, caches and databases are in outbound-brokers.ts and outbound-databases.ts.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { endpointInArgument, endpointInOptions, endpointSink, objectLiteralOf, type EndpointSetting } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { isUnshadowedGlobal, originOf, type ValueOrigin } from '../facts/origins.js';
import { calledMethod, stringLiteralValue } from '../facts/syntax.js';

const AXIOS_REQUEST_METHODS = ['request', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
const GOT_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete', 'stream', 'paginate'];
const KY_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete'];
const SUPERAGENT_REQUEST_METHODS = ['get', 'post', 'put', 'patch', 'head', 'del', 'delete', 'options'];
const FETCH_LIKE_MODULES = ['node-fetch', 'cross-fetch', 'isomorphic-fetch'];
const NEST_HTTP_SERVICE_PROPERTY = 'httpService';

/** A call's first argument is its URL, or an options object whose `url` is (`axios({ url })`, `got({ url })`). */
const URL_KEYS = { url: ['url'] } as const;

export const httpClientsAdapter: FactsAdapter = {
  name: 'http-clients',
  extract(file, facts) {
    const importsNestAxios = fileImports(file, '@nestjs/axios');
    for (const call of file.calls) {
      if (isUnshadowedGlobal(file, call.expression, 'fetch')) {
        pushCall(file, facts, call, 'fetch', endpointInArgument(file, call.arguments[0], URL_KEYS));
        continue;
      }
      const callee = originOf(file, call.expression);
      if (callee) {
        httpCallOfLibrary(file, facts, call, callee);
      } else if (importsNestAxios && isUntypedNestHttpServiceCall(call)) {
        // `this.httpService.get(url)` where the injected property carries no type annotation we can follow.
        pushCall(file, facts, call, '@nestjs/axios', endpointInArgument(file, call.arguments[0], URL_KEYS));
      }
    }
    for (const construction of file.constructions) {
      const callee = originOf(file, construction.expression);
      // undici dispatchers bound to one origin: new Pool('http://inventory:3000').
      if (callee?.module === 'undici' && callee.path.length === 1 && ['Pool', 'Client', 'BalancedPool'].includes(callee.path[0]!)) {
        const setting = endpointInArgument(file, construction.arguments?.[0], URL_KEYS);
        if (setting) facts.endpointSinks.push(endpointSink(file, construction, 'http-client-base', 'undici', setting));
      }
    }
  },
};

function httpCallOfLibrary(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, callee: ValueOrigin): void {
  const { module } = callee;
  if (FETCH_LIKE_MODULES.includes(module)) {
    if (callee.path.length === 0 || (callee.path.length === 1 && callee.path[0] === 'fetch')) {
      pushCall(file, facts, call, module, endpointInArgument(file, call.arguments[0], URL_KEYS));
    }
  } else if (module === 'undici') {
    if (callee.path.length === 1 && ['fetch', 'request', 'stream', 'pipeline'].includes(callee.path[0]!)) {
      pushCall(file, facts, call, 'undici', endpointInArgument(file, call.arguments[0], URL_KEYS));
    }
  } else if (module === 'axios') {
    axiosCall(file, facts, call, callee.path, 'axios');
  } else if (module === '@nestjs/axios') {
    nestHttpCall(file, facts, call, callee.path);
  } else if (module === 'got') {
    instanceCall(file, facts, call, dropLeading(callee.path, 'got'), { library: 'got', methods: GOT_REQUEST_METHODS, factories: ['extend'], baseKeys: ['prefixUrl'], instanceTypes: ['Got'] });
  } else if (module === 'ky') {
    instanceCall(file, facts, call, dropLeading(callee.path, 'ky'), {
      library: 'ky',
      methods: KY_REQUEST_METHODS,
      factories: ['create', 'extend'],
      baseKeys: ['prefixUrl', 'prefix', 'baseUrl'],
      instanceTypes: ['KyInstance'],
    });
  } else if (module === 'superagent') {
    superagentCall(file, facts, call, callee.path);
  } else if (module === 'http' || module === 'https') {
    if (callee.path.length === 1 && (callee.path[0] === 'request' || callee.path[0] === 'get')) {
      pushCall(file, facts, call, `node-${module}`, endpointInArgument(file, call.arguments[0], { url: ['url'], host: ['hostname', 'host'] }));
    }
  }
}

/** axios(url | config), axios.get(url), axios.create({ baseURL }), and the same on instances from axios.create(). */
function axiosCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, path: readonly string[], library: string): void {
  instanceCall(file, facts, call, path, { library, methods: AXIOS_REQUEST_METHODS, factories: ['create'], baseKeys: ['baseURL'], instanceTypes: ['AxiosInstance', 'Axios'] });
}

/** HttpService methods mirror axios; `axiosRef` is the axios instance itself; HttpModule.register({ baseURL }) binds a base. */
function nestHttpCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, path: readonly string[]): void {
  if (path.length === 2 && path[0] === 'HttpModule' && path[1] === 'register') {
    const options = objectLiteralOf(file, call.arguments[0]);
    const setting = options && endpointInOptions(file, options, { url: ['baseURL'] });
    if (setting) facts.endpointSinks.push(endpointSink(file, call, 'http-client-base', '@nestjs/axios', setting));
    return;
  }
  if (path[0] !== 'HttpService' || path[1] !== 'new') return;
  const rest = path.slice(2);
  if (rest[0] === 'axiosRef') axiosCall(file, facts, call, rest.slice(1), '@nestjs/axios');
  else if (rest.length === 1 && AXIOS_REQUEST_METHODS.includes(rest[0]!)) pushCall(file, facts, call, '@nestjs/axios', endpointInArgument(file, call.arguments[0], URL_KEYS));
}

interface ClientShape {
  library: string;
  /** Methods that make a request with the URL as the first argument. */
  methods: readonly string[];
  /** Methods that derive a new instance from options (axios.create, got.extend). */
  factories: readonly string[];
  /** Option keys that bind a base URL. */
  baseKeys: readonly string[];
  /** Type names of instances, for values known only by their annotation (`private readonly http: AxiosInstance`). */
  instanceTypes: readonly string[];
}

/**
 * The shared shape of axios, got and ky: the export (or an instance derived from it through factories) is callable with
 * a URL or options, has one method per HTTP verb, and has factories whose options may bind a base URL.
 */
function instanceCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, path: readonly string[], shape: ClientShape): void {
  let rest = [...path];
  if (rest.length >= 2 && shape.instanceTypes.includes(rest[0]!) && rest[1] === 'new') rest = rest.slice(2);
  while (rest.length >= 2 && shape.factories.includes(rest[0]!) && rest[1] === '()') rest = rest.slice(2);
  if (rest.length === 0) {
    pushCall(file, facts, call, shape.library, endpointInArgument(file, call.arguments[0], URL_KEYS));
  } else if (rest.length === 1 && shape.methods.includes(rest[0]!)) {
    pushCall(file, facts, call, shape.library, endpointInArgument(file, call.arguments[0], URL_KEYS));
  } else if (rest.length === 1 && shape.factories.includes(rest[0]!)) {
    const options = objectLiteralOf(file, call.arguments[0]);
    const setting = options && endpointInOptions(file, options, { url: shape.baseKeys });
    if (setting) facts.endpointSinks.push(endpointSink(file, call, 'http-client-base', shape.library, setting));
  }
}

/** superagent.get(url) / request.post(url), and superagent(method, url) or superagent(url). */
function superagentCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, path: readonly string[]): void {
  if (path.length === 0) {
    const url = call.arguments.length >= 2 ? call.arguments[1] : call.arguments[0];
    pushCall(file, facts, call, 'superagent', endpointInArgument(file, url, {}));
  } else if (path.length === 1 && SUPERAGENT_REQUEST_METHODS.includes(path[0]!)) {
    pushCall(file, facts, call, 'superagent', endpointInArgument(file, call.arguments[0], {}));
  }
}

function pushCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, library: string, setting: EndpointSetting | undefined): void {
  if (setting) facts.endpointSinks.push(endpointSink(file, call, 'http-call', library, setting));
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

function fileImports(file: FileIndex, specifier: string): boolean {
  return file.sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && stringLiteralValue(statement.moduleSpecifier) === specifier);
}
