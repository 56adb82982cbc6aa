// Remote calls (rules.md "remote call"): every library call that crosses a process boundary and waits for the answer,
// with its method, URL, whether the caller awaits it, what bounds its time, and whether error statuses throw.
// HTTP clients are recognised in http-client-uses.ts (shared with the endpoint sinks); request/reply over a broker is
// NestJS `ClientProxy.send`. Messages (`emit`, publishes, queue adds) are not remote calls: message-sends.ts has them.
import ts from 'typescript';
import type { ExtractedFacts, FactsAdapter } from '../facts/adapter.js';
import { objectLiteralOf } from '../facts/config-objects.js';
import type { FileIndex } from '../facts/file-index.js';
import { originOf, pathEquals } from '../facts/origins.js';
import { calledMethod, isFunctionLiteral, staticPropertyName, stringLiteralValue, unwrapExpression } from '../facts/syntax.js';
import type { HttpClientFact, HttpMethod, RemoteCallFact, ResponseStatusFact, Span, TimeoutFact } from '../facts/types.js';
import { isAwaited } from './awaited.js';
import { AXIOS_DEFAULTS, HttpClientTable, NEST_HTTP_DEFAULTS } from './http-client-configs.js';
import { httpClientUses, type HttpRequestUse } from './http-client-uses.js';
import {
  httpMethod,
  methodOf,
  optionSetting,
  optionsArgument,
  signalTimeout,
  slotFor,
  statusFromOptions,
  timeoutFromValue,
  type OptionsArgument,
} from './http-settings.js';

const VERB_METHODS: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  head: 'HEAD',
  options: 'OPTIONS',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  postForm: 'POST',
  putForm: 'PUT',
  patchForm: 'PATCH',
};
/** axios methods whose config is the second argument (`get(url, config)`); the others take `(url, data, config)`. */
const AXIOS_CONFIG_SECOND = ['get', 'delete', 'head', 'options'];
/**
 * Methods that keep waiting on the request they are called on: got/ky response shortcuts (`got(u).json()`), superagent's
 * request builder (`request.post(u).send(body)`), and rxjs `pipe` on an HttpService observable.
 */
const CHAINED_ON_REQUEST = new Set(['json', 'text', 'buffer', 'arrayBuffer', 'blob', 'formData', 'send', 'set', 'query', 'type', 'accept', 'auth', 'field', 'attach', 'retry', 'pipe']);
const NEST_CLIENT_CLASSES = ['ClientProxy', 'ClientKafka', 'ClientRMQ', 'ClientTCP', 'ClientRedis', 'ClientNats', 'ClientMqtt'];

export const remoteCallsAdapter: FactsAdapter = {
  name: 'remote-calls',
  extract(file, facts) {
    const uses = httpClientUses(file);
    const clients = new HttpClientTable(file, uses);
    facts.httpClients.push(...clients.facts);
    for (const use of uses) if (use.kind === 'request') facts.remoteCalls.push(httpCall(file, use, clients));
    for (const call of file.calls) rpcCall(file, facts, call);
  },
};

function httpCall(file: FileIndex, use: HttpRequestUse, clients: HttpClientTable): RemoteCallFact {
  const options = optionsOf(file, use);
  const instance = use.via === 'factory' && use.client ? clients.instanceOf(use.client) : undefined;
  const fact: RemoteCallFact = { ...file.span(use.call), kind: 'http', library: libraryName(use.library), awaited: awaitedRequest(file, use.call) };
  const method = methodFor(file, use, options);
  if (method) fact.method = method;
  const url = urlOf(file, use, options);
  if (url) fact.url = url;
  if (instance?.baseUrl) fact.baseUrl = instance.baseUrl;
  if (use.imported) fact.instanceImport = use.imported;
  const timeout = timeoutOf(file, use, options, instance);
  if (timeout) fact.timeout = timeout;
  const status = statusOf(file, use, options, instance);
  if (status) fact.status = status;
  return fact;
}

function libraryName(library: string): string {
  return library.startsWith('node-http') ? library.slice('node-'.length) : library;
}

/** The call's options argument, by each library's signature; undefined when it has none we read (superagent builds them by chaining). */
function optionsOf(file: FileIndex, use: HttpRequestUse): OptionsArgument | undefined {
  const { call, verb } = use;
  const firstIsObject = objectLiteralOf(file, call.arguments[0]) !== undefined;
  switch (use.family) {
    case 'fetch':
    case 'undici':
    case 'ky':
      return optionsArgument(file, call, 1);
    case 'axios':
    case 'nest-http':
      if (verb === undefined) return optionsArgument(file, call, firstIsObject ? 0 : 1);
      if (verb === 'request') return optionsArgument(file, call, 0);
      return optionsArgument(file, call, AXIOS_CONFIG_SECOND.includes(verb) ? 1 : 2);
    case 'got':
      return optionsArgument(file, call, firstIsObject ? 0 : 1);
    case 'node-http': {
      // request(options, cb) | request(url, options?, cb?)
      if (firstIsObject) return optionsArgument(file, call, 0);
      const second = call.arguments[1];
      return second && isFunctionLiteral(unwrapExpression(second)) ? { state: 'none', index: 1 } : optionsArgument(file, call, 1);
    }
    default:
      return undefined;
  }
}

function methodFor(file: FileIndex, use: HttpRequestUse, options: OptionsArgument | undefined): HttpMethod | undefined {
  if (use.verb !== undefined && use.verb in VERB_METHODS) return VERB_METHODS[use.verb];
  if (use.family === 'superagent') return use.call.arguments.length >= 2 ? httpMethod(stringLiteralValue(use.call.arguments[0])) : 'GET';
  if (use.verb === 'query') return undefined;
  return options ? methodOf(file, options, 'GET') : 'GET';
}

/** The URL expression: the sink's value, except for node's `{ host, port, path }` options, where the path is the URL part. */
function urlOf(file: FileIndex, use: HttpRequestUse, options: OptionsArgument | undefined): Span | undefined {
  if (use.family === 'node-http' && options?.state === 'object' && options.index === 0) {
    const path = optionSetting(file, options, 'path');
    return typeof path === 'string' ? undefined : file.span(path);
  }
  return use.url ? file.span(use.url.value) : undefined;
}

function timeoutOf(file: FileIndex, use: HttpRequestUse, options: OptionsArgument | undefined, instance: HttpClientFact | undefined): TimeoutFact | undefined {
  if (!options) return { state: 'unknown' };
  switch (use.family) {
    case 'fetch':
      return fetchTimeout(file, use, options);
    case 'undici':
      // undici.request/stream/pipeline have headersTimeout and bodyTimeout defaults (rules.md: do not flag).
      return { state: 'library-default' };
    case 'ky': {
      const value = optionSetting(file, options, 'timeout');
      if (value === 'unknown') return { state: 'unknown' };
      if (value !== 'absent') return unwrapExpression(value).kind === ts.SyntaxKind.FalseKeyword ? { state: 'disabled', value: file.span(unwrapExpression(value)) } : { state: 'set' };
      return instance ? { state: 'inherited', instance: spanOf(instance) } : use.via === 'export' ? { state: 'library-default' } : { state: 'unknown' };
    }
    case 'node-http':
      return nodeHttpTimeout(file, use, options);
    case 'axios':
    case 'nest-http':
    case 'got':
      return clientTimeout(file, use, options, instance);
    default:
      return { state: 'unknown' };
  }
}

function fetchTimeout(file: FileIndex, use: HttpRequestUse, options: OptionsArgument): TimeoutFact {
  const signal = optionSetting(file, options, 'signal');
  if (signal === 'unknown') return { state: 'unknown' };
  if (signal !== 'absent' && signalTimeout(signal).state === 'set') return { state: 'set' };
  if (use.library === 'node-fetch') {
    // node-fetch 2 has its own `timeout` option.
    const legacy = optionSetting(file, options, 'timeout');
    if (legacy === 'unknown') return { state: 'unknown' };
    if (legacy !== 'absent') {
      const timeout = timeoutFromValue(file, legacy);
      if (timeout.state !== 'absent') return timeout;
    }
  }
  return withSlot({ state: 'absent', option: 'signal' }, file, use.call, options);
}

function clientTimeout(file: FileIndex, use: HttpRequestUse, options: OptionsArgument, instance: HttpClientFact | undefined): TimeoutFact {
  const value = optionSetting(file, options, 'timeout');
  if (value === 'unknown') return { state: 'unknown' };
  if (value !== 'absent') {
    const timeout = timeoutFromValue(file, value);
    if (timeout.state !== 'absent') return timeout;
  }
  if (use.family === 'nest-http') return { state: 'inherited', defaults: NEST_HTTP_DEFAULTS };
  if (use.via === 'imported') return { state: 'inherited' };
  if (use.via === 'factory') return instance ? { state: 'inherited', instance: spanOf(instance) } : { state: 'unknown' };
  if (use.via !== 'export') return { state: 'unknown' };
  const absent: TimeoutFact = use.family === 'got' ? { state: 'absent', option: 'timeout-request-ms' } : { state: 'absent', option: 'timeout-ms', defaults: AXIOS_DEFAULTS };
  return withSlot(absent, file, use.call, options);
}

/** node http(s): a `timeout` (or `signal`) option, or `setTimeout` on the request. No fix: its `timeout` only emits an event. */
function nodeHttpTimeout(file: FileIndex, use: HttpRequestUse, options: OptionsArgument): TimeoutFact {
  for (const name of ['timeout', 'signal']) {
    const value = optionSetting(file, options, name);
    if (value === 'unknown') return { state: 'unknown' };
    if (value === 'absent') continue;
    const timeout = name === 'timeout' ? timeoutFromValue(file, value) : signalTimeout(value);
    if (timeout.state !== 'absent') return timeout;
  }
  return callsSetTimeout(file, use.call) ? { state: 'set' } : { state: 'absent', option: 'timeout-ms' };
}

/** `http.get(u, cb).setTimeout(ms)`, or `req.setTimeout(ms)` on the variable holding the request. */
function callsSetTimeout(file: FileIndex, call: ts.CallExpression): boolean {
  const parent = file.parentOf(call);
  if (parent && ts.isPropertyAccessExpression(parent) && parent.name.text === 'setTimeout') return true;
  const variable = file.assignedVariable(call);
  if (!variable || !ts.isIdentifier(variable.name)) return false;
  return file.calls.some((other) => {
    const method = calledMethod(other);
    const receiver = method && unwrapExpression(method.receiver);
    return method?.name === 'setTimeout' && receiver !== undefined && ts.isIdentifier(receiver) && file.lookup(receiver)?.node === variable;
  });
}

function statusOf(file: FileIndex, use: HttpRequestUse, options: OptionsArgument | undefined, instance: HttpClientFact | undefined): ResponseStatusFact | undefined {
  if (use.family === 'fetch') return { check: 'before-body', properties: ['ok', 'status'] };
  if (use.family === 'undici') return use.verb === 'request' ? { check: 'before-body', properties: ['statusCode'] } : undefined;
  const object = options?.state === 'object' ? options.object : undefined;
  let own: ResponseStatusFact | undefined;
  if (use.family === 'axios') own = statusFromOptions(file, object, 'validateStatus', { check: 'at-all', properties: ['status'] });
  else if (use.family === 'got') own = statusFromOptions(file, object, 'throwHttpErrors', { check: 'at-all', properties: ['statusCode', 'ok'] });
  else if (use.family === 'ky') own = statusFromOptions(file, object, 'throwHttpErrors', { check: 'before-body', properties: ['ok', 'status'] });
  return own ?? instance?.status;
}

function withSlot(timeout: TimeoutFact, file: FileIndex, call: ts.CallExpression, options: OptionsArgument): TimeoutFact {
  const slot = slotFor(file, call, options);
  return slot ? { ...timeout, slot } : timeout;
}

function spanOf(fact: Span): Span {
  return { start: fact.start, end: fact.end };
}

/** Awaited directly, through promise/observable chains (awaited.ts), or through a request builder or response shortcut. */
function awaitedRequest(file: FileIndex, call: ts.CallExpression): boolean {
  let current: ts.Expression = call;
  for (let steps = 0; steps < 16; steps++) {
    if (isAwaited(file, current)) return true;
    const access = file.parentOf(current);
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== current || !CHAINED_ON_REQUEST.has(access.name.text)) return false;
    const chained = file.parentOf(access);
    if (!chained || !ts.isCallExpression(chained) || chained.expression !== access) return false;
    current = chained;
  }
  return false;
}

/** NestJS request/reply: `client.send(pattern, data)` on a ClientProxy (`emit` is a message, not a remote call). */
function rpcCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression): void {
  const method = calledMethod(call);
  if (method && method.name !== 'send') {
    grpcCall(file, facts, call, method);
    return;
  }
  if (method?.name !== 'send') return;
  const origin = originOf(file, method.receiver);
  if (origin?.module !== '@nestjs/microservices') return;
  const isClient =
    (origin.path.length === 2 && NEST_CLIENT_CLASSES.includes(origin.path[0]!) && origin.path[1] === 'new') || pathEquals(origin.path, ['ClientProxyFactory', 'create', '()']);
  if (!isClient) return;
  const fact: RemoteCallFact = { ...file.span(call), kind: 'rpc', library: '@nestjs/microservices', awaited: awaitedRequest(file, call) };
  const pattern = call.arguments[0];
  if (pattern && !ts.isSpreadElement(pattern)) fact.pattern = file.span(pattern);
  const token = injectionToken(file, method.receiver);
  if (token) fact.rpcClient = token;
  facts.remoteCalls.push(fact);
}

/**
 * A unary call on a Nest gRPC client: `this.payments = this.client.getService<PaymentsServiceClient>(PAYMENTS_SERVICE_NAME)`,
 * then `this.payments.createCharge(…)`.
 */
function grpcCall(file: FileIndex, facts: ExtractedFacts, call: ts.CallExpression, method: { name: string; receiver: ts.Expression }): void {
  // The field is usually declared with the generated client interface and assigned in `onModuleInit`: what makes it a
  // gRPC client is the `getService` call on a `ClientGrpc` that it holds.
  const made = getServiceCall(file, method.receiver);
  if (!made) return;
  const fact: RemoteCallFact = { ...file.span(call), kind: 'rpc', library: '@nestjs/microservices', awaited: awaitedRequest(file, call) };
  fact.grpc = { service: file.span(made.arguments[0]!), method: method.name };
  facts.remoteCalls.push(fact);
}

/** The `grpcClient.getService(name)` call that made the client held in a field or a variable, when there is one. */
function getServiceCall(file: FileIndex, receiver: ts.Expression): ts.CallExpression | undefined {
  const access = unwrapExpression(receiver);
  const values: ts.Expression[] = [];
  if (ts.isPropertyAccessExpression(access) && access.expression.kind === ts.SyntaxKind.ThisKeyword) {
    for (const assignment of file.thisMemberAssignments.get(access.name.text) ?? []) values.push(assignment.right);
  } else if (ts.isIdentifier(access)) {
    const declaration = file.lookup(access)?.node;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) values.push(declaration.initializer);
  }
  for (const value of values) {
    const made = unwrapExpression(value);
    if (!ts.isCallExpression(made) || !made.arguments[0]) continue;
    const callee = calledMethod(made);
    if (callee?.name !== 'getService') continue;
    const client = originOf(file, callee.receiver);
    if (client?.module === '@nestjs/microservices' && pathEquals(client.path, ['ClientGrpc', 'new'])) return made;
  }
  return undefined;
}

/** `@Inject('PAYMENTS') private readonly client: ClientProxy` (parameter or field) → 'PAYMENTS'; a constant token gives its value or name. */
function injectionToken(file: FileIndex, receiver: ts.Expression): string | undefined {
  const access = unwrapExpression(receiver);
  if (!ts.isPropertyAccessExpression(access) || access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = file.ancestor(access, (n): n is ts.ClassLikeDeclaration => ts.isClassDeclaration(n) || ts.isClassExpression(n));
  if (!owner) return undefined;
  const name = access.name.text;
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && staticPropertyName(member.name) === name) return tokenOf(file, member);
    if (ts.isConstructorDeclaration(member)) {
      const parameter = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (parameter) return tokenOf(file, parameter);
    }
  }
  return undefined;
}

function tokenOf(file: FileIndex, node: ts.HasDecorators): string | undefined {
  for (const decorator of ts.getDecorators(node) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) continue;
    const origin = originOf(file, call.expression);
    if (origin?.module !== '@nestjs/common' || !pathEquals(origin.path, ['Inject'])) continue;
    const argument = call.arguments[0];
    if (!argument) return undefined;
    const literal = stringLiteralValue(argument);
    if (literal !== undefined) return literal;
    const node = unwrapExpression(argument);
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = file.lookup(node)?.node;
    const value = declaration && ts.isVariableDeclaration(declaration) ? stringLiteralValue(declaration.initializer) : undefined;
    return value ?? node.text;
  }
  return undefined;
}
