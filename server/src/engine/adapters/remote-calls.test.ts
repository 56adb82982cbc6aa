import { describe, expect, it } from 'vitest';
import { factsOf, slice } from '../facts/testing.js';
import type { RemoteCallFact } from '../facts/types.js';

/** Each remote call as [its text, library, method, awaited]. */
function calls(text: string): Array<[string, string, string | undefined, boolean]> {
  return factsOf(text).remoteCalls.map((fact) => [slice(text, fact), fact.library, fact.method, fact.awaited]);
}

function only(text: string): RemoteCallFact {
  const found = factsOf(text).remoteCalls;
  expect(found).toHaveLength(1);
  return found[0]!;
}

function lines(...text: string[]): string {
  return text.join('\n');
}

describe('fetch and fetch-like clients', () => {
  it('finds the global fetch with its method, URL and awaiting, and not a shadowed fetch', () => {
    const text = lines(
      'export async function load(id: string) {',
      '  const res = await fetch(`/items/${id}`);',
      "  void fetch('http://a/b', { method: 'post', signal: AbortSignal.timeout(100) });",
      '  return globalThis.fetch(url).then((r) => r.json());',
      '}',
      'function helper(fetch: (u: string) => Promise<unknown>) { return fetch("/x"); }',
      'export async function other() { const fetch = makeFetch(); return await fetch("/y"); }',
    );
    expect(calls(text)).toEqual([
      ['fetch(`/items/${id}`)', 'fetch', 'GET', true],
      ["fetch('http://a/b', { method: 'post', signal: AbortSignal.timeout(100) })", 'fetch', 'POST', false],
      ['globalThis.fetch(url)', 'fetch', 'GET', false],
    ]);
    const first = factsOf(text).remoteCalls[0]!;
    expect(slice(text, first.url!)).toBe('`/items/${id}`');
    expect(first.status).toEqual({ check: 'before-body', properties: ['ok', 'status'] });
  });

  it('reads the timeout from `signal`: absent with a place to add it, set, or unknown for options it cannot read', () => {
    const text = lines(
      "await fetch('/a');",
      "await fetch('/b', { method: 'POST' });",
      "await fetch('/c', { signal: controller.signal });",
      'await fetch(\'/d\', init);',
      "await fetch('/e', { ...defaults, method: 'PUT' });",
      "const base = { headers: {} };",
      "await fetch('/f', { ...base });",
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => fact.timeout?.state)).toEqual(['absent', 'absent', 'set', 'unknown', 'unknown', 'absent']);
    expect(found[0]!.timeout).toEqual({ state: 'absent', option: 'signal', slot: { call: { start: found[0]!.start, end: found[0]!.end }, argumentIndex: 1 } });
    expect(slice(text, found[1]!.timeout!.slot!.object!)).toBe("{ method: 'POST' }");
    expect(found[3]!.method).toBeUndefined();
    // Spread from a local constant is read, but the object is not written in the call: no place for a fix.
    expect(slice(text, found[5]!.timeout!.slot!.object!)).toBe('{ ...base }');
  });

  it('follows a parameter typed `typeof request` (directly or through a type alias) to the library it names', () => {
    const text = lines(
      "import type { request } from 'undici';",
      'export type RequestFn = typeof request;',
      'type Other = (url: string) => Promise<unknown>;',
      'export async function me(requestFn: RequestFn, base: string) {',
      '  return requestFn(`${base}/internal/auth/me`);',
      '}',
      'export async function direct(send: typeof request) { return send("http://identity/x"); }',
      'export async function unknown(send: Other) { return send("http://identity/y"); }',
      // An override injected for tests, else the library: the fallback says what it is.
      "import { request as undiciRequest } from 'undici';",
      'export async function ranked(options: { requestFn?: RequestFn }) {',
      '  const httpRequest = options.requestFn ?? undiciRequest;',
      '  return await httpRequest("http://ranking/internal/projects");',
      '}',
    );
    expect(calls(text)).toEqual([
      ['requestFn(`${base}/internal/auth/me`)', 'undici', 'GET', false],
      ['send("http://identity/x")', 'undici', 'GET', false],
      ['httpRequest("http://ranking/internal/projects")', 'undici', 'GET', true],
    ]);
  });

  it('finds node-fetch (with its own `timeout` option) and undici fetch/request', () => {
    const text = lines(
      "import nodeFetch from 'node-fetch';",
      "import { fetch as undiciFetch, request } from 'undici';",
      "await nodeFetch('http://inventory/items', { timeout: 2000 });",
      "await undiciFetch('http://inventory/items');",
      "const { statusCode, body } = await request('http://billing/invoices', { method: 'POST' });",
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => [fact.library, fact.method, fact.timeout?.state, fact.status?.properties])).toEqual([
      ['node-fetch', 'GET', 'set', ['ok', 'status']],
      ['undici', 'GET', 'absent', ['ok', 'status']],
      ['undici', 'POST', 'library-default', ['statusCode']],
    ]);
  });
});

describe('axios', () => {
  it('takes the method from the function name or the config, and the config from the right argument', () => {
    const text = lines(
      "import axios from 'axios';",
      "await axios.get('/a', { timeout: 1000 });",
      'await axios.post(`/b`, body, { timeout: 0 });',
      "await axios.delete('/c');",
      "await axios({ method: 'patch', url: '/d', timeout: 5 });",
      "await axios('/e', { method: 'put' });",
      "await axios.request({ url: '/f' });",
      'await axios.post(url);',
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => [fact.method, fact.timeout?.state])).toEqual([
      ['GET', 'set'],
      ['POST', 'disabled'],
      ['DELETE', 'absent'],
      ['PATCH', 'set'],
      ['PUT', 'absent'],
      ['GET', 'absent'],
      ['POST', 'absent'],
    ]);
    expect(slice(text, found[1]!.timeout!.value!)).toBe('0');
    expect(slice(text, found[3]!.url!)).toBe("'/d'");
    expect(found[2]!.timeout).toMatchObject({ defaults: 'axios', option: 'timeout-ms', slot: { argumentIndex: 1 } });
    expect(found[6]!.timeout!.slot).toMatchObject({ argumentIndex: 2 });
  });

  it('links calls on an instance to its axios.create, with the base URL, and records instances and defaults', () => {
    const text = lines(
      "import axios from 'axios';",
      "axios.defaults.timeout = 5000;",
      "export const inventoryApi = axios.create({ baseURL: 'http://inventory:3000' });",
      'inventoryApi.defaults.timeout = 2000;',
      "const loose = axios.create({ baseURL: process.env.X, validateStatus: () => true });",
      'export default loose;',
      'class Client {',
      '  private readonly http = axios.create({ timeout: 0 });',
      '  item() { return this.http.get(`/items/1`); }',
      '}',
      "await inventoryApi.get('/items');",
      "const res = await loose.post('/orders', {});",
    );
    const facts = factsOf(text);
    expect(facts.httpClients.map((client) => [client.kind, slice(text, client), client.timeout.state, client.exportedAs, client.status?.check])).toEqual([
      ['defaults', 'axios.defaults.timeout = 5000', 'set', undefined, undefined],
      ['instance', "axios.create({ baseURL: 'http://inventory:3000' })", 'set', ['inventoryApi'], undefined],
      ['instance', 'axios.create({ baseURL: process.env.X, validateStatus: () => true })', 'absent', ['default'], 'at-all'],
      ['instance', 'axios.create({ timeout: 0 })', 'disabled', undefined, undefined],
    ]);
    const [fromClass, inventory, loose] = facts.remoteCalls;
    expect(fromClass!.timeout).toEqual({ state: 'inherited', instance: { start: facts.httpClients[3]!.start, end: facts.httpClients[3]!.end } });
    expect(slice(text, inventory!.baseUrl!)).toBe("'http://inventory:3000'");
    expect(loose!.status).toMatchObject({ check: 'at-all', properties: ['status'] });
  });

  it('takes an imported instance from the call shape, and leaves confirmation to its module', () => {
    const text = lines(
      "import { paymentsApi } from './clients';",
      "import api from '../api';",
      "import * as clients from '@shop/clients';",
      "import { cache } from './cache';",
      "import { router } from './router';",
      "await paymentsApi.post('/payments', body);",
      'await api.get(`/orders/${id}`);',
      "await clients.stripe.get('https://api.stripe.com/v1/charges');",
      'await cache.get(key);',
      "router.get('/health', (req, res) => res.send('ok'));",
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => [fact.instanceImport, fact.method, fact.timeout?.state])).toEqual([
      [{ specifier: './clients', name: 'paymentsApi' }, 'POST', 'inherited'],
      [{ specifier: '../api', name: 'default' }, 'GET', 'inherited'],
      [{ specifier: '@shop/clients', name: 'stripe' }, 'GET', 'inherited'],
    ]);
    // The endpoint sinks (hardcoded-endpoint) do not take unconfirmed instances.
    expect(factsOf(text).endpointSinks).toEqual([]);
  });

  it('knows instances only by their type annotation; a look-alike not imported from axios is only an imported candidate', () => {
    const text = lines(
      "import type { AxiosInstance } from 'axios';",
      "import axios from './my-http';",
      'export class Pricing {',
      '  constructor(private readonly http: AxiosInstance) {}',
      '  price(sku: string) { return this.http.get(`/prices/${sku}`); }',
      '}',
      "axios.get('http://inventory:3000/items');",
      'function get(url: string) { return url; }',
      "get('/items');",
    );
    expect(factsOf(text).remoteCalls.map((fact) => [fact.library, fact.timeout?.state, fact.instanceImport])).toEqual([
      ['axios', 'unknown', undefined],
      // `./my-http` decides whether its default export is an HTTP client (rules confirm through its `httpClients` facts).
      ['http-client', 'inherited', { specifier: './my-http', name: 'default' }],
    ]);
  });
});

describe('got, ky, superagent, node http', () => {
  it('reads got timeouts, instances from got.extend and throwHttpErrors', () => {
    const text = lines(
      "import got from 'got';",
      "const api = got.extend({ prefixUrl: 'http://inventory:3000', timeout: { request: 5000 } });",
      "const bare = got.extend({ prefixUrl: 'http://pricing:3000' });",
      "const items = await api.get('items/1').json();",
      "await bare.post('prices', { json: {} });",
      "await got('http://a/b', { timeout: { request: 0 } });",
      "const body = await got.post('http://a/c', { throwHttpErrors: false }).json();",
      "await got({ url: 'http://a/d', method: 'DELETE' });",
    );
    const facts = factsOf(text);
    expect(facts.httpClients.map((client) => [client.timeout.state, client.timeout.option])).toEqual([
      ['set', undefined],
      ['absent', 'timeout-request-ms'],
    ]);
    expect(facts.remoteCalls.map((fact) => [slice(text, fact), fact.method, fact.awaited, fact.timeout?.state, fact.status?.check])).toEqual([
      ["api.get('items/1')", 'GET', true, 'inherited', undefined],
      ["bare.post('prices', { json: {} })", 'POST', true, 'inherited', undefined],
      ["got('http://a/b', { timeout: { request: 0 } })", 'GET', true, 'disabled', undefined],
      ["got.post('http://a/c', { throwHttpErrors: false })", 'POST', true, 'absent', 'at-all'],
      ["got({ url: 'http://a/d', method: 'DELETE' })", 'DELETE', true, 'absent', undefined],
    ]);
  });

  it('lets ky keep its default timeout and flags only timeout: false', () => {
    const text = lines(
      "import ky from 'ky';",
      "const api = ky.create({ prefixUrl: 'http://inventory:3000', timeout: false });",
      "await ky.get('http://pricing/prices').json();",
      "await ky.post('http://billing/invoices', { timeout: false });",
      "await api.get('items');",
    );
    const facts = factsOf(text);
    expect(facts.httpClients.map((client) => client.timeout.state)).toEqual(['disabled']);
    expect(facts.remoteCalls.map((fact) => [fact.method, fact.timeout?.state])).toEqual([
      ['GET', 'library-default'],
      ['POST', 'disabled'],
      ['GET', 'inherited'],
    ]);
  });

  it('finds superagent requests awaited through their builder, and node http(s) with their timeouts', () => {
    const text = lines(
      "import request from 'superagent';",
      "import http from 'node:http';",
      "import { get as httpsGet } from 'https';",
      "await request.post('http://billing/invoices').send({}).set('x', 'y');",
      "const req = http.request({ host: 'inventory', port: 3000, path: '/items', method: 'POST' }, onResponse);",
      'req.setTimeout(2000);',
      "http.get('http://inventory/items', { timeout: 1000 }, () => {});",
      "httpsGet('https://api.example.com/v1', (res) => res.resume());",
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => [fact.library, fact.method, fact.awaited, fact.timeout?.state])).toEqual([
      ['superagent', 'POST', true, 'unknown'],
      ['http', 'POST', false, 'set'],
      ['http', 'GET', false, 'set'],
      ['https', 'GET', false, 'absent'],
    ]);
    expect(slice(text, found[1]!.url!)).toBe("'/items'");
    expect(found[3]!.timeout!.slot).toBeUndefined();
  });
});

describe('NestJS', () => {
  it('finds HttpService calls awaited through firstValueFrom, inheriting the HttpModule registration', () => {
    const text = lines(
      "import { HttpService } from '@nestjs/axios';",
      "import { firstValueFrom } from 'rxjs';",
      'export class PaymentsClient {',
      '  constructor(private readonly http: HttpService) {}',
      '  async charge(body: unknown) {',
      "    const { data } = await firstValueFrom(this.http.post('/payments/charges', body));",
      "    await firstValueFrom(this.http.get('/payments', { timeout: 1000 }).pipe(map((r) => r.data)));",
      "    return this.http.axiosRef.get('/health');",
      '  }',
      '}',
    );
    expect(factsOf(text).remoteCalls.map((fact) => [fact.library, fact.method, fact.awaited, fact.timeout])).toEqual([
      ['@nestjs/axios', 'POST', true, { state: 'inherited', defaults: '@nestjs/axios' }],
      ['@nestjs/axios', 'GET', true, { state: 'set' }],
      ['@nestjs/axios', 'GET', false, { state: 'inherited', defaults: '@nestjs/axios' }],
    ]);
  });

  it('records HttpModule registrations: bare in @Module imports, register() and registerAsync()', () => {
    const text = lines(
      "import { HttpModule } from '@nestjs/axios';",
      "import { Module } from '@nestjs/common';",
      '@Module({ imports: [HttpModule] })',
      'export class A {}',
      "@Module({ imports: [HttpModule.register({ baseURL: 'http://payments:3000', timeout: 5000 })] })",
      'export class B {}',
      '@Module({ imports: [HttpModule.register({ maxRedirects: 2 })] })',
      'export class C {}',
      '@Module({ imports: [HttpModule.registerAsync({ useFactory: () => ({ timeout: config.timeout }) })] })',
      'export class D {}',
    );
    const clients = factsOf(text).httpClients;
    expect(clients.map((client) => [client.kind, slice(text, client), client.defaultsKey, client.timeout.state])).toEqual([
      ['module', 'HttpModule', '@nestjs/axios', 'absent'],
      ['module', 'HttpModule', '@nestjs/axios', 'set'],
      ['module', 'HttpModule', '@nestjs/axios', 'absent'],
      ['module', 'HttpModule', '@nestjs/axios', 'set'],
    ]);
    expect(clients[0]!.timeout.slot!.bare).toMatchObject({ method: 'register' });
    expect(slice(text, clients[2]!.timeout.slot!.object!)).toBe('{ maxRedirects: 2 }');
  });

  it('finds ClientProxy.send as an rpc with its pattern and client token; emit is a message, not a remote call', () => {
    const text = lines(
      "import { Inject } from '@nestjs/common';",
      "import { ClientProxy } from '@nestjs/microservices';",
      "import { firstValueFrom } from 'rxjs';",
      "const BILLING = 'BILLING_SERVICE';",
      'export class Orders {',
      "  constructor(@Inject('PAYMENTS') private readonly payments: ClientProxy, @Inject(BILLING) private readonly billing: ClientProxy) {}",
      '  async place(id: string) {',
      "    const payment = await firstValueFrom(this.payments.send('get_payment', { id }));",
      "    this.payments.emit('order_placed', { id });",
      "    return this.billing.send({ cmd: 'invoice' }, { id });",
      '  }',
      '}',
    );
    const found = factsOf(text).remoteCalls;
    expect(found.map((fact) => [fact.kind, fact.method, slice(text, fact.pattern!), fact.rpcClient, fact.awaited])).toEqual([
      ['rpc', undefined, "'get_payment'", 'PAYMENTS', true],
      ['rpc', undefined, "{ cmd: 'invoice' }", 'BILLING_SERVICE', false],
    ]);
  });
});

describe('NestJS gRPC clients', () => {
  it('finds unary calls on a client made by ClientGrpc.getService, held in a field or a variable', () => {
    const text = lines(
      "import { Inject, OnModuleInit } from '@nestjs/common';",
      "import { ClientGrpc } from '@nestjs/microservices';",
      "import { PAYMENTS_SERVICE_NAME, PaymentsServiceClient } from '@app/common';",
      'export class ReservationsService implements OnModuleInit {',
      '  private payments: PaymentsServiceClient;',
      '  private cache = new Map<string, unknown>();',
      '  constructor(@Inject(PAYMENTS_SERVICE_NAME) private readonly client: ClientGrpc) {}',
      '  onModuleInit() { this.payments = this.client.getService<PaymentsServiceClient>(PAYMENTS_SERVICE_NAME); }',
      '  create() { return this.payments.createCharge({ amount: 1 }); }',
      "  cached() { return this.cache.get('x'); }",
      '  local() {',
      "    const heroes = this.client.getService<{ findOne(x: unknown): unknown }>('HeroesService');",
      '    return heroes.findOne({ id: 1 });',
      '  }',
      '}',
    );
    const found = factsOf(text).remoteCalls.map((fact) => [slice(text, fact), fact.kind, slice(text, fact.grpc!.service), fact.grpc!.method]);
    expect(found).toEqual([
      ['this.payments.createCharge({ amount: 1 })', 'rpc', 'PAYMENTS_SERVICE_NAME', 'createCharge'],
      ['heroes.findOne({ id: 1 })', 'rpc', "'HeroesService'", 'findOne'],
    ]);
  });
});

describe('trees without parent pointers', () => {
  it('extracts the same facts from a file parsed without parents (files no program covers)', async () => {
    const { extractFactsFromText } = await import('../facts/extract.js');
    const text = lines(
      "import axios from 'axios';",
      "export const api = axios.create({ baseURL: 'http://orders:3000' });",
      "export const get = async () => { const res = await fetch('/a'); return res.json(); };",
      "export const post = () => api.post('/orders', {});",
    );
    const failures: string[] = [];
    const facts = extractFactsFromText('/w/services/a/src/x.ts', text, { onAdapterError: (adapter) => failures.push(adapter) });
    expect(failures).toEqual([]);
    expect(facts.httpClients.map((client) => client.exportedAs)).toEqual([['api']]);
    expect(facts.remoteCalls.map((fact) => [fact.library, fact.awaited, fact.timeout?.state])).toEqual([
      ['fetch', true, 'absent'],
      ['axios', false, 'inherited'],
    ]);
  });
});

describe('what is not a remote call', () => {
  it('ignores local functions named like clients, messages, and a fetch declared in scope', () => {
    const text = lines(
      'const get = (key: string) => store[key];',
      "get('/items');",
      "import { ClientProxy } from '@nestjs/microservices';",
      'class Events { constructor(private readonly bus: ClientProxy) {} notify() { this.bus.emit("x", {}); } }',
      'function run(fetch: typeof globalThis.fetch) { return fetch("http://a/b"); }',
      'const map = new Map<string, string>(); map.get("/items");',
    );
    expect(only(lines(text, "await fetch('/real');")).library).toBe('fetch');
    expect(factsOf(text).remoteCalls).toEqual([]);
  });
});
